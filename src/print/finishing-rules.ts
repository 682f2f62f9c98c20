import { createHash } from "node:crypto";

// What finishing does to a printed PDF, whichever reader edits it (finish-skia.ts, finish-pdf.ts),
// so that both give the same document.

/** The trailer /ID (both halves): a digest of what was printed, so the same sources give the same bytes. */
export function documentId(fingerprint: string): string {
  return createHash("sha256").update(fingerprint).digest("hex").slice(0, 32);
}

/**
 * New names for the structure elements' /ID strings, which Chromium makes from DOM node numbers
 * (so they depend on what the page printed before): the same ids in sorted order, numbered.
 */
export function structureIdNames(ids: Iterable<string>): Map<string, string> {
  return new Map([...ids].sort().map((id, index) => [id, `node${String(index + 1).padStart(8, "0")}`]));
}

/**
 * Chromium builds each bookmark title from the heading's lines of text and drops the space where
 * a heading wraps ("shared outcomes" becomes "sharedoutcomes"). Called for each bookmark in
 * order, the function returned matches it to the next heading with the same text once whitespace
 * is ignored, and gives that heading's text when it differs from the title; a bookmark that
 * matches no heading gives undefined, and is left as it is.
 */
export function bookmarkTitleMender(headings: readonly string[]): (title: string) => string | undefined {
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
