import {
  ParseSpeeds, PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFObject,
} from "pdf-lib";
import { problem, type Problem } from "../diagnostics/diagnostic.js";
import { fileStart } from "../diagnostics/position-range.js";

const name = (value: string): PDFName => PDFName.of(value);

function text(value: PDFObject | undefined): string {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : "";
}

/** A dictionary's entry, dereferenced, when it has the expected type (a malformed PDF never throws). */
function get<T extends PDFObject>(dict: PDFDict | undefined, key: string, type: Function & { readonly prototype: T }): T | undefined {
  const value = dict?.lookup(name(key));
  return value instanceof type ? (value as T) : undefined;
}

function isTrue(value: PDFObject | undefined): boolean {
  return value instanceof PDFBool && value.asBoolean();
}

/**
 * The structure audit of one PDF (see docs/reference.md#outputs): tagged (a structure tree and /MarkInfo /Marked true),
 * an outline with at least one bookmark, a title in the document information shown in the
 * window's title bar, a /Lang in the catalog, and every font embedded. Each gap is one
 * `pdf-structure` problem at the start of the file (a PDF has no lines to point at).
 *
 * @param file the PDF, relative to the project root with `/` separators.
 */
export async function auditPdf(bytes: Uint8Array, file: string): Promise<Problem[]> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest, throwOnInvalidObject: true });
  } catch (error) {
    return [problem("pdf-structure", fileStart(file), `The PDF cannot be read (${error instanceof Error ? error.message : String(error)}), so its structure cannot be checked.`)];
  }
  return pdfStructureProblems(doc, file);
}

/** The structure problems of a loaded PDF; see auditPdf. */
export function pdfStructureProblems(doc: PDFDocument, file: string): Problem[] {
  const at = fileStart(file);
  const out: string[] = [];
  const catalog = doc.catalog;
  if (get(catalog, "StructTreeRoot", PDFDict) === undefined) {
    out.push("The PDF is not tagged: it has no structure tree, so screen readers get its text without headings, lists or reading order.");
  }
  const markInfo = get(catalog, "MarkInfo", PDFDict);
  if (!isTrue(markInfo?.lookup(name("Marked")))) {
    out.push("The PDF does not declare itself tagged (/MarkInfo /Marked true), so readers treat it as untagged.");
  }
  const outlines = get(catalog, "Outlines", PDFDict);
  if (get(outlines, "First", PDFDict) === undefined) {
    out.push("The PDF has no outline (bookmarks), so readers cannot navigate it by its headings.");
  }
  const infoObject = doc.context.lookup(doc.context.trailerInfo.Info);
  const info = infoObject instanceof PDFDict ? infoObject : undefined;
  if (text(info?.lookup(name("Title"))).trim() === "") {
    out.push("The PDF has no title in its document information, so readers show its file name instead.");
  }
  const preferences = get(catalog, "ViewerPreferences", PDFDict);
  if (!isTrue(preferences?.lookup(name("DisplayDocTitle")))) {
    out.push("The PDF does not ask readers to show its title (/ViewerPreferences /DisplayDocTitle true), so the window shows the file name.");
  }
  if (text(catalog.lookup(name("Lang"))).trim() === "") {
    out.push("The PDF has no language (/Lang in the catalog), so screen readers may pronounce its text in the wrong language.");
  }
  for (const font of unembeddedFonts(doc)) {
    out.push(`The font "${font}" is not embedded, so readers without it substitute another and the text may not look or read as printed.`);
  }
  return out.map((message) => problem("pdf-structure", at, message));
}

const FONT_FILES = ["FontFile", "FontFile2", "FontFile3"].map(name);

/** The base names of fonts without an embedded font program; Type3 fonts draw their own glyphs. */
function unembeddedFonts(doc: PDFDocument): string[] {
  const missing = new Set<string>();
  const seen = new Set<PDFDict>();
  const check = (font: PDFDict): void => {
    if (seen.has(font)) return;
    seen.add(font);
    const subtype = font.lookup(name("Subtype"));
    if (subtype === name("Type3")) return;
    if (subtype === name("Type0")) {
      const descendants = get(font, "DescendantFonts", PDFArray);
      for (let i = 0; i < (descendants?.size() ?? 0); i += 1) {
        const descendant = descendants?.lookup(i);
        if (descendant instanceof PDFDict) check(descendant);
      }
      if (descendants === undefined || descendants.size() === 0) missing.add(baseName(font));
      return;
    }
    const descriptor = get(font, "FontDescriptor", PDFDict);
    if (!FONT_FILES.some((key) => descriptor?.has(key) === true)) missing.add(baseName(font));
  };
  const isFont = (dict: PDFDict): boolean => dict.lookup(name("Type")) === name("Font");
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : "dict" in object && object.dict instanceof PDFDict ? object.dict : undefined;
    if (dict === undefined) continue;
    // Type0 fonts first reach their descendants, so a descendant is reported under its own name once.
    if (isFont(dict)) check(dict);
    // Fonts written directly inside a resource dictionary rather than as objects of their own.
    const fonts = get(get(dict, "Resources", PDFDict), "Font", PDFDict);
    for (const [, value] of fonts?.entries() ?? []) if (value instanceof PDFDict && isFont(value)) check(value);
  }
  return [...missing].sort();
}

function baseName(font: PDFDict): string {
  const base = font.lookup(name("BaseFont"));
  // Subset fonts are named ABCDEF+Name: the prefix means nothing to a reader of the message.
  return base instanceof PDFName ? base.decodeText().replace(/^[A-Z]{6}\+/, "") : "(unnamed)";
}
