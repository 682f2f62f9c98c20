import { bookmarkTitleMender, documentId, structureIdNames } from "./finishing-rules.js";
import { PdfSyntaxError, decodeText, stringBytes, textString, type PdfDict, type PdfValue } from "./pdf-syntax.js";
import type { PdfMetadata } from "./print-types.js";
import type { PrintedPdf } from "./printed-pdf.js";
import { SkiaPdf, type BytePatch } from "./skia-pdf.js";

/**
 * Opens a PDF as Chromium writes it for the fast finishing path, or undefined when it is not
 * one this path takes (the caller then uses pdf-lib, as it does when destinationPages or finish
 * throws a PdfSyntaxError). The same work as finishPdf and destinationPages, on Skia's plain
 * file layout: about a tenth of the cost of pdf-lib's full parse and save, which in a build ran
 * beside Chromium on the same cores.
 */
export function openSkiaPdf(raw: Uint8Array): PrintedPdf | undefined {
  try {
    const pdf = SkiaPdf.read(raw);
    const catalog = pdf.dict(pdf.trailer.entries.get("Root"));
    // Named destinations in a name tree: pdf-lib's path reads those.
    if (catalog === undefined || catalog.entries.has("Names")) return undefined;
    const pages = pdf.pageNumbers();
    return {
      pages: pages.length,
      destinationPages: () => destinationPages(pdf, catalog, pages),
      finish: (metadata, fingerprint, headings) => finish(pdf, catalog, metadata, fingerprint, headings),
    };
  } catch (error) {
    if (error instanceof PdfSyntaxError) return undefined;
    throw error;
  }
}

function destinationPages(pdf: SkiaPdf, catalog: PdfDict, pageNumbers: readonly number[]): Map<string, number> {
  const pageOf = new Map(pageNumbers.map((num, index) => [num, index + 1]));
  const found = new Map<string, number>();
  for (const [name, value] of pdf.dict(catalog.entries.get("Dests"))?.entries ?? []) {
    let dest = pdf.resolve(value);
    if (dest?.kind === "dict") dest = pdf.resolve(dest.entries.get("D"));
    const target = dest?.kind === "array" ? dest.items[0] : undefined;
    const page = target?.kind === "ref" ? pageOf.get(target.num) : undefined;
    // A name holds bytes; Chromium writes an id's UTF-8.
    if (page !== undefined) found.set(Buffer.from(name, "latin1").toString("utf8"), page);
  }
  return found;
}

function finish(pdf: SkiaPdf, catalog: PdfDict, metadata: PdfMetadata, fingerprint: string, headings: readonly string[]): Uint8Array {
  const infoRef = pdf.trailer.entries.get("Info");
  const rootRef = pdf.trailer.entries.get("Root");
  if (infoRef?.kind !== "ref" || rootRef?.kind !== "ref") throw new PdfSyntaxError("no /Info or /Root reference");
  const replaced = new Map<number, PdfValue>();
  replaced.set(infoRef.num, infoDict(pdf.dict(infoRef), metadata));
  replaced.set(rootRef.num, catalogWith(catalog, metadata.language));
  for (const [num, item] of mendedOutline(pdf, catalog, headings)) replaced.set(num, item);
  const patches = renumberedStructureIds(pdf);
  if (patches.some((patch) => [...replaced.keys()].some((num) => patch.object === num))) throw new PdfSyntaxError("an id in a rewritten object");
  const id = documentId(fingerprint);
  const hexId: PdfValue = { kind: "string", raw: `<${id}>`, at: -1 };
  const trailer: PdfDict = {
    kind: "dict",
    entries: new Map<string, PdfValue>([
      ["Size", { kind: "number", text: String(pdf.size) }],
      ["Root", rootRef],
      ["Info", infoRef],
      ["ID", { kind: "array", items: [hexId, hexId] }],
    ]),
  };
  return pdf.write(patches, replaced, trailer);
}

/** The document information, set as pdf-lib's setters set it. */
function infoDict(existing: PdfDict | undefined, metadata: PdfMetadata): PdfDict {
  const entries = new Map(existing?.entries);
  entries.set("Title", textString(metadata.title));
  entries.set("Author", textString(metadata.author));
  entries.set("Subject", textString(metadata.subject));
  entries.set("Keywords", textString(metadata.keywords.join(", ")));
  entries.set("Creator", textString(metadata.creator));
  entries.set("Producer", textString("papersmith"));
  entries.set("CreationDate", pdfDate(metadata.date));
  entries.set("ModDate", pdfDate(metadata.date));
  return { kind: "dict", entries };
}

/** The catalog with the document's language and "show the title, not the file name" set. */
function catalogWith(catalog: PdfDict, language: string): PdfDict {
  const entries = new Map(catalog.entries);
  entries.set("Lang", literal(language));
  const preferences = entries.get("ViewerPreferences");
  if (preferences !== undefined && preferences.kind !== "dict") throw new PdfSyntaxError("viewer preferences by reference");
  const viewer = new Map(preferences?.entries);
  viewer.set("DisplayDocTitle", { kind: "keyword", text: "true" });
  entries.set("ViewerPreferences", { kind: "dict", entries: viewer });
  return { kind: "dict", entries };
}

/** The outline items whose titles change, rewritten (see bookmarkTitleMender). */
function mendedOutline(pdf: SkiaPdf, catalog: PdfDict, headings: readonly string[]): Map<number, PdfDict> {
  const mended = new Map<number, PdfDict>();
  const mend = bookmarkTitleMender(headings);
  const visit = (ref: PdfValue | undefined, depth: number): void => {
    for (let count = 0; ref?.kind === "ref" && depth < 64 && count < 100_000; count += 1) {
      const item = pdf.dict(ref);
      if (item === undefined) return;
      const title = decodeText(pdf.resolve(item.entries.get("Title")));
      const text = title === undefined ? undefined : mend(title);
      if (text !== undefined) mended.set(ref.num, { kind: "dict", entries: new Map(item.entries).set("Title", textString(text)) });
      visit(item.entries.get("First"), depth + 1);
      ref = item.entries.get("Next");
    }
  };
  visit(pdf.dict(catalog.entries.get("Outlines"))?.entries.get("First"), 0);
  return mended;
}

/** Chromium's ids look like this; renamed ones (structureIdNames) keep the shape, and so the length. */
const NODE_ID = /^\(node\d{8}\)$/;

/**
 * The structure elements' /ID strings renamed (structureIdNames) wherever they occur outside
 * streams (the IDTree, table cells' /Headers). Same length, so they are patched in place.
 */
function renumberedStructureIds(pdf: SkiaPdf): Array<BytePatch & { readonly object: number }> {
  const objects = pdf.objectNumbers().map((num) => ({ num, read: pdf.read(num)! })).filter((o) => !o.read.stream);
  const old = new Set<string>();
  for (const { read: { value } } of objects) {
    const id = value.kind === "dict" && value.entries.has("S") ? value.entries.get("ID") : undefined;
    if (id?.kind === "string") old.add(stringBytes(id.raw));
  }
  if (old.size === 0) return [];
  const renamed = new Map([...structureIdNames(old)].map(([id, name]) => [id, `(${name})`]));
  const patches: Array<BytePatch & { readonly object: number }> = [];
  const visit = (value: PdfValue, object: number, depth: number): void => {
    if (depth > 64) return;
    if (value.kind === "string") {
      const next = renamed.get(stringBytes(value.raw));
      if (next === undefined) return;
      if (!NODE_ID.test(value.raw)) throw new PdfSyntaxError("a structure id of another shape");
      if (next !== value.raw) patches.push({ at: value.at, text: next, object });
    } else if (value.kind === "array") {
      for (const item of value.items) visit(item, object, depth + 1);
    } else if (value.kind === "dict") {
      for (const item of value.entries.values()) visit(item, object, depth + 1);
    }
  };
  for (const { num, read } of objects) visit(read.value, num, 0);
  return patches;
}

function pdfDate(date: Date): PdfValue {
  const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
  const text = `D:${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  return literal(text);
}

function literal(text: string): PdfValue {
  const bytes = /^[\x20-\x7e]*$/.test(text) ? text : undefined;
  if (bytes === undefined) return textString(text);
  return { kind: "string", raw: `(${bytes.replace(/[()\\]/g, (ch) => `\\${ch}`)})`, at: -1 };
}
