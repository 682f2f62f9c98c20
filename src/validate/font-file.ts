import { openSync, readSync, closeSync } from "node:fs";
import { join } from "node:path";

/** The first four bytes of each kind of font file `theme.fonts` takes. */
const SIGNATURES: readonly string[] = ["wOF2", "wOFF", "\u0000\u0001\u0000\u0000", "true", "OTTO"];

/**
 * What is wrong with a font file's bytes, if anything: empty, or not a WOFF2, WOFF, TrueType or
 * OpenType font. A browser silently ignores a font it cannot read, and the site and the PDFs
 * would then be set in a fallback typeface without a word said.
 */
export function fontFileProblem(root: string, path: string): string | undefined {
  const head = Buffer.alloc(4);
  let read: number;
  try {
    const fd = openSync(join(root, path), "r");
    try {
      read = readSync(fd, head, 0, 4, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined; // missing or unreadable: reported as a broken link
  }
  if (read === 0) return "is an empty file";
  return SIGNATURES.includes(head.subarray(0, read).toString("latin1")) ? undefined : "is not a WOFF2, WOFF, TrueType or OpenType font (its first bytes say otherwise)";
}
