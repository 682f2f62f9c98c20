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
  const id = createHash("sha256").update(fingerprint).digest("hex").slice(0, 32);
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
  const renamed = new Map([...old].sort().map((value, index) => [value, `node${String(index + 1).padStart(8, "0")}`]));
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

/**
 * Chromium builds each bookmark title from the heading's lines of text and drops the space where
 * a heading wraps ("shared outcomes" becomes "sharedoutcomes"). Each bookmark, in order, is
 * matched to the next heading with the same text once whitespace is ignored, and takes that
 * heading's text; a bookmark that matches no heading is left as it is.
 */
function mendOutlineTitles(doc: PDFDocument, headings: readonly string[]): void {
  const outlines = doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  if (outlines === undefined) return;
  const squash = (text: string): string => text.replace(/\s+/g, "");
  const keys = headings.map(squash);
  let next = 0;
  const visit = (item: PDFDict | undefined, depth: number): void => {
    for (let count = 0; item !== undefined && depth < 64 && count < 100_000; count += 1) {
      const title = item.lookup(PDFName.of("Title"));
      if (isText(title)) {
        const key = squash(title.decodeText());
        const found = keys.indexOf(key, next);
        if (found >= 0) {
          next = found + 1;
          const text = headings[found]!;
          if (text !== title.decodeText()) item.set(PDFName.of("Title"), PDFHexString.fromText(text));
        }
      }
      visit(item.lookupMaybe(PDFName.of("First"), PDFDict), depth + 1);
      item = item.lookupMaybe(PDFName.of("Next"), PDFDict);
    }
  };
  visit(outlines.lookupMaybe(PDFName.of("First"), PDFDict), 0);
}
