import { PDFArray, PDFDict, PDFName, PDFRef, PDFString, PDFHexString, type PDFDocument, type PDFObject } from "pdf-lib";

/**
 * The page (1-based) of each named destination in a PDF printed by Chromium. Chromium writes one
 * named destination per element id that a link points to (the catalog's /Dests dictionary), so
 * these are the pages on which the contents' targets really landed.
 */
export function destinationPages(doc: PDFDocument): Map<string, number> {
  const pageOf = new Map<string, number>();
  doc.getPages().forEach((page, index) => pageOf.set(page.ref.toString(), index + 1));
  const pages = new Map<string, number>();
  const record = (name: string, value: PDFObject | undefined): void => {
    const page = destinationPage(doc, value, pageOf);
    if (page !== undefined && !pages.has(name)) pages.set(name, page);
  };

  const dests = doc.catalog.lookupMaybe(PDFName.of("Dests"), PDFDict);
  for (const [key, value] of dests?.entries() ?? []) record(utf8(key.decodeText()), value);

  const names = doc.catalog.lookupMaybe(PDFName.of("Names"), PDFDict);
  const tree = names?.lookupMaybe(PDFName.of("Dests"), PDFDict);
  if (tree !== undefined) walkNameTree(doc, tree, record, 0);
  return pages;
}

function destinationPage(doc: PDFDocument, value: PDFObject | undefined, pageOf: Map<string, number>): number | undefined {
  let dest = value instanceof PDFRef ? doc.context.lookup(value) : value;
  if (dest instanceof PDFDict) dest = dest.lookup(PDFName.of("D"));
  if (!(dest instanceof PDFArray)) return undefined;
  const target = dest.get(0);
  return target instanceof PDFRef ? pageOf.get(target.toString()) : undefined;
}

function walkNameTree(doc: PDFDocument, node: PDFDict, record: (name: string, value: PDFObject | undefined) => void, depth: number): void {
  if (depth > 32) return;
  const names = node.lookupMaybe(PDFName.of("Names"), PDFArray);
  if (names !== undefined) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      if (key instanceof PDFString || key instanceof PDFHexString) record(key.decodeText(), names.get(i + 1));
    }
  }
  const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
  for (let i = 0; i < (kids?.size() ?? 0); i += 1) {
    const kid = kids?.lookup(i);
    if (kid instanceof PDFDict) walkNameTree(doc, kid, record, depth + 1);
  }
}

/** PDF names hold bytes; Chromium writes an id's UTF-8 bytes, which decodeText gives one per char. */
function utf8(bytesAsText: string): string {
  if (!/[\u0080-\u00ff]/.test(bytesAsText)) return bytesAsText;
  return Buffer.from(bytesAsText, "latin1").toString("utf8");
}
