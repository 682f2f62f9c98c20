import { createHash } from "node:crypto";
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from "pdf-lib";
import type { PdfMetadata } from "./print-types.js";

/**
 * Sets the document information and makes the bytes reproducible. Chromium's PDF differs between
 * two prints of the same HTML in the dates and in the structure elements' /ID strings (made from
 * DOM node numbers, which depend on what the page printed before), and it has no trailer /ID.
 * Here the dates come from the metadata, the structure ids are renumbered in order and the /ID is
 * a digest of what was printed, so the same sources give the same bytes. Tags and outline stay.
 */
export async function finishPdf(doc: PDFDocument, metadata: PdfMetadata, fingerprint: string): Promise<Uint8Array> {
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
  const id = createHash("sha256").update(fingerprint).digest("hex").slice(0, 32);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

function renumberStructureIds(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict);
  if (root === undefined) return;
  const ID = PDFName.of("ID");
  const elements: PDFDict[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.has(PDFName.of("S")) && isText(object.get(ID))) elements.push(object);
  }
  if (elements.length === 0) return;
  const old = [...new Set(elements.map((element) => textOf(element.get(ID))))].sort();
  const renamed = new Map(old.map((value, index) => [value, `node${String(index + 1).padStart(8, "0")}`]));
  const rename = (value: unknown): PDFString | undefined => {
    const next = isText(value) ? renamed.get(textOf(value)) : undefined;
    return next === undefined ? undefined : PDFString.of(next);
  };
  for (const element of elements) {
    const next = rename(element.get(ID));
    if (next !== undefined) element.set(ID, next);
  }
  const tree = root.lookupMaybe(PDFName.of("IDTree"), PDFDict);
  if (tree !== undefined) renameInNameTree(tree, rename, 0);
}

function renameInNameTree(node: PDFDict, rename: (value: unknown) => PDFString | undefined, depth: number): void {
  if (depth > 32) return;
  for (const [key, step] of [["Names", 2], ["Limits", 1]] as const) {
    const array = node.lookupMaybe(PDFName.of(key), PDFArray);
    for (let i = 0; array !== undefined && i < array.size(); i += step) {
      const next = rename(array.get(i));
      if (next !== undefined) array.set(i, next);
    }
  }
  const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
  for (let i = 0; kids !== undefined && i < kids.size(); i += 1) {
    const kid = kids.lookup(i);
    if (kid instanceof PDFDict) renameInNameTree(kid, rename, depth + 1);
  }
}

function isText(value: unknown): value is PDFString | PDFHexString {
  return value instanceof PDFString || value instanceof PDFHexString;
}

function textOf(value: unknown): string {
  return isText(value) ? value.decodeText() : "";
}
