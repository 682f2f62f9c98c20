import { readFileSync } from "node:fs";
import { join } from "node:path";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * What is wrong with a logo file's bytes, if anything: empty, or not the SVG or PNG its name
 * says. Logos go on every page and cover, so a broken one is worth stopping for.
 */
export function logoFileProblem(root: string, path: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, path));
  } catch {
    return undefined; // missing or unreadable: reported as a broken link
  }
  if (bytes.length === 0) return "is an empty file";
  if (/\.png$/i.test(path)) {
    return PNG_SIGNATURE.every((b, i) => bytes[i] === b) ? undefined : "is not a PNG image (its first bytes are not a PNG signature)";
  }
  return /<svg[\s>]/.test(bytes.subarray(0, 4096).toString("utf8")) ? undefined : "is not an SVG image (no <svg> element at its start)";
}
