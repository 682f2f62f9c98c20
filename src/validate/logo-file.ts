import { readFileSync } from "node:fs";
import { join } from "node:path";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Signatures of the kinds of file a logo is most often mistaken for, in the order they are tried. */
const KINDS: readonly { readonly name: string; readonly matches: (bytes: Buffer) => boolean }[] = [
  { name: "a PNG image", matches: (bytes) => PNG_SIGNATURE.every((b, i) => bytes[i] === b) },
  { name: "a JPEG image", matches: (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff },
  { name: "a GIF image", matches: (bytes) => bytes.subarray(0, 4).toString("latin1") === "GIF8" },
  { name: "a WebP image", matches: (bytes) => bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP" },
  { name: "a PDF document", matches: (bytes) => bytes.subarray(0, 5).toString("latin1") === "%PDF-" },
  { name: "a web page (HTML)", matches: (bytes) => /^\s*(?:<!doctype html|<html[\s>])/i.test(bytes.subarray(0, 512).toString("utf8")) },
  { name: "an SVG image", matches: (bytes) => /<svg[\s>]/.test(bytes.subarray(0, 4096).toString("utf8")) },
];

/**
 * What is wrong with a logo file's bytes, if anything: empty, or not the SVG or PNG its name
 * says — naming what it is when its bytes tell (a JPEG renamed .png, a web page saved as .svg).
 * Logos go on every page and cover, so a broken one is worth stopping for.
 */
export function logoFileProblem(root: string, path: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, path));
  } catch {
    return undefined; // missing or unreadable: reported as a broken link
  }
  if (bytes.length === 0) return "is an empty file";
  const expected = /\.png$/i.test(path) ? "a PNG image" : "an SVG image";
  const actual = KINDS.find((kind) => kind.matches(bytes))?.name;
  if (actual === expected) return undefined;
  const how = expected === "a PNG image" ? "its first bytes are not a PNG signature" : "no <svg> element at its start";
  return actual === undefined ? `is not ${expected} (${how})` : `is ${actual}, not ${expected} as its name says`;
}
