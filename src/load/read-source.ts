import { closeSync, openSync, readSync } from "node:fs";
import { problem, type Problem } from "../diagnostics/diagnostic.js";
import { fileStart } from "../diagnostics/position-range.js";

export type SourceText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: Problem };

const decoder = new TextDecoder("utf-8", { fatal: true });

const lenient = new TextDecoder("utf-8");

/** Position (1-based) of the byte at `index`: its line, and its column in characters (UTF-16 code units, as everywhere else). */
function bytePosition(bytes: Uint8Array, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) if (bytes[i] === 0x0a) { line++; lineStart = i + 1; }
  return { line, column: lenient.decode(bytes.subarray(lineStart, index)).length + 1 };
}

/** The index of the first byte that breaks UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

/** Bytes read so far, reused from file to file: decoding copies them out. Grows for a larger file. */
let scratch = Buffer.allocUnsafeSlow(1 << 16);

/**
 * A file's bytes, as a view of `scratch` valid until the next call: open, read to the end,
 * close. readFileSync also asks the file's size first and allocates a buffer of it each time.
 */
function readWhole(path: string): Uint8Array {
  const fd = openSync(path, "r");
  try {
    let length = 0;
    for (;;) {
      if (length === scratch.length) {
        const larger = Buffer.allocUnsafeSlow(scratch.length * 2);
        scratch.copy(larger, 0, 0, length);
        scratch = larger;
      }
      const read = readSync(fd, scratch, length, scratch.length - length, null);
      if (read === 0) return scratch.subarray(0, length);
      length += read;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a project file as UTF-8 text, dropping a byte-order mark. Content problems (not UTF-8,
 * a folder where a file should be) come back as a problem on the file; environment failures throw.
 */
export async function readSource(absolutePath: string, file: string): Promise<SourceText> {
  let bytes: Uint8Array;
  try {
    bytes = readWhole(absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EISDIR") {
      const at = fileStart(file);
      return { ok: false, problem: problem("schema", at, `${file} is a folder, but a file is expected here.`) };
    }
    throw error;
  }
  try {
    const text = decoder.decode(bytes);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(bytes));
    const start = bytePosition(bytes, bad);
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    const message = utf16
      ? `${file} is encoded as UTF-16; papersmith reads UTF-8 only. Save it as UTF-8.`
      : `${file} is not valid UTF-8 text (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, "0")} at line ${start.line}). Save it as UTF-8.`;
    return { ok: false, problem: problem("schema", { file, start, end: start }, message) };
  }
}
