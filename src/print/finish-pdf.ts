import { createHash } from "node:crypto";
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFStream, PDFString, type PDFDocument, type PDFObject } from "pdf-lib";
import type { PdfMetadata } from "./print-types.js";

/**
 * Sets the document information and makes the bytes reproducible. Chromium's PDF differs between
 * two prints of the same HTML in the dates and in the structure elements' /ID strings (made from
 * DOM node numbers, which depend on what the page printed before), and it has no trailer /ID.
 * Here the dates come from the metadata, the structure ids are renumbered in order and the /ID is
 * a digest of what was printed, so the same sources give the same bytes. Tags and outline stay,
 * with the bookmark titles mended (see mendOutlineTitles).
 */
export async function finishPdf(doc: PDFDocument, metadata: PdfMetadata, fingerprint: string, headings: readonly string[]): Promise<Uint8Array> {
  doc.setTitle(metadata.title, { showInWindowTitleBar: true });
  doc.setAuthor(metadata.author);
  doc.setSubject(metadata.subject);
  doc.setKeywords([metadata.keywords.join(", ")]);
  doc.setLanguage(metadata.language);
  doc.setCreator(metadata.creator);
  doc.setProducer("papersmith");
  doc.setCreationDate(metadata.date);
  doc.setModificationDate(metadata.date);
  renumberStructureIds(doc);
  mendOutlineTitles(doc, headings);
  const id = documentId(fingerprint);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}

function renumberStructureIds(doc: PDFDocument): void {
  if (!doc.catalog.has(PDFName.of("StructTreeRoot"))) return;
  const ID = PDFName.of("ID");
  const old = new Set<string>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.has(PDFName.of("S")) && isText(object.get(ID))) old.add(textOf(object.get(ID)));
  }
  if (old.size === 0) return;
  const renamed = structureIdNames(old);
  // The ids are referred to from the IDTree (names and limits) and from table cells' /Headers.
  const rename = (value: PDFObject | undefined): PDFString | undefined => {
    const next = isText(value) ? renamed.get(textOf(value)) : undefined;
    return next === undefined ? undefined : PDFString.of(next);
  };
  const visit = (object: PDFObject, depth: number): void => {
    if (depth > 64) return;
    if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        const next = rename(value);
        if (next !== undefined) object.set(key, next);
        else if (value instanceof PDFDict || value instanceof PDFArray) visit(value, depth + 1);
      }
    } else if (object instanceof PDFArray) {
      for (let i = 0; i < object.size(); i += 1) {
        const value = object.get(i);
        const next = rename(value);
        if (next !== undefined) object.set(i, next);
        else if (value instanceof PDFDict || value instanceof PDFArray) visit(value, depth + 1);
      }
    }
  };
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFStream)) visit(object, 0);
  }
}

function isText(value: unknown): value is PDFString | PDFHexString {
  return value instanceof PDFString || value instanceof PDFHexString;
}

function textOf(value: unknown): string {
  return isText(value) ? value.decodeText() : "";
}

/** Gives each bookmark its heading's text (see bookmarkTitleMender). */
function mendOutlineTitles(doc: PDFDocument, headings: readonly string[]): void {
  const outlines = doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  if (outlines === undefined) return;
  const mend = bookmarkTitleMender(headings);
  const visit = (item: PDFDict | undefined, depth: number): void => {
    for (let count = 0; item !== undefined && depth < 64 && count < 100_000; count += 1) {
      const title = item.lookup(PDFName.of("Title"));
      const mended = isText(title) ? mend(title.decodeText()) : undefined;
      if (mended !== undefined) item.set(PDFName.of("Title"), PDFHexString.fromText(mended));
      visit(item.lookupMaybe(PDFName.of("First"), PDFDict), depth + 1);
      item = item.lookupMaybe(PDFName.of("Next"), PDFDict);
    }
  };
  visit(outlines.lookupMaybe(PDFName.of("First"), PDFDict), 0);
}

/** The trailer /ID (both halves): a digest of what was printed, so the same sources give the same bytes. */
function documentId(fingerprint: string): string {
  return createHash("sha256").update(fingerprint).digest("hex").slice(0, 32);
}

/**
 * New names for the structure elements' /ID strings, which Chromium makes from DOM node numbers
 * (so they depend on what the page printed before): the same ids in sorted order, numbered.
 */
function structureIdNames(ids: Iterable<string>): Map<string, string> {
  return new Map([...ids].sort().map((id, index) => [id, `node${String(index + 1).padStart(8, "0")}`]));
}

/**
 * Chromium builds each bookmark title from the heading's lines of text and drops the space where
 * a heading wraps ("shared outcomes" becomes "sharedoutcomes"). Called for each bookmark in
 * order, the function returned matches it to the next heading with the same text once whitespace
 * is ignored, and gives that heading's text when it differs from the title; a bookmark that
 * matches no heading gives undefined, and is left as it is.
 */
function bookmarkTitleMender(headings: readonly string[]): (title: string) => string | undefined {
  const squash = (text: string): string => text.replace(/\s+/g, "");
  const keys = headings.map(squash);
  let next = 0;
  return (title) => {
    const found = keys.indexOf(squash(title), next);
    if (found < 0) return undefined;
    next = found + 1;
    const text = headings[found]!;
    return text === title ? undefined : text;
  };
}
