/**
 * PDF object syntax (ISO 32000-1 §7.3), read from bytes and written back, for the fast finishing
 * path (skia-pdf.ts). Only what objects outside streams hold: numbers, names, strings, arrays,
 * dictionaries, references and the keywords true, false and null. Strings and names keep their
 * bytes as written, so that what is not changed is written back unchanged.
 */

export type PdfValue =
  | { readonly kind: "number"; readonly text: string }
  /** A name's bytes (after the slash, #xx escapes decoded), as a Latin-1 string. */
  | { readonly kind: "name"; readonly bytes: string }
  /** A string as written, delimiters included, as Latin-1; `at` is its first byte in the file. */
  | { readonly kind: "string"; readonly raw: string; readonly at: number }
  | { readonly kind: "ref"; readonly num: number; readonly gen: number }
  | { readonly kind: "array"; readonly items: PdfValue[] }
  | { readonly kind: "dict"; readonly entries: Map<string, PdfValue> }
  | { readonly kind: "keyword"; readonly text: "true" | "false" | "null" };

export type PdfDict = Extract<PdfValue, { kind: "dict" }>;
export type PdfArray = Extract<PdfValue, { kind: "array" }>;

/** What the reader met that it does not take (the caller falls back to a full PDF library). */
export class PdfSyntaxError extends Error {}

const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const isWhite = (byte: number): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0x00;
const isRegular = (byte: number | undefined): boolean => byte !== undefined && !isWhite(byte) && !DELIMITERS.has(byte);
const MAX_DEPTH = 64;

/** Reads PDF values from bytes, from a position on; `position` is where the last value ended. */
export class PdfReader {
  constructor(private readonly bytes: Uint8Array, public position: number) {}

  /** Skips white space and comments. */
  skipSpace(): void {
    const { bytes } = this;
    for (;;) {
      const byte = bytes[this.position];
      if (byte === undefined) return;
      if (isWhite(byte)) this.position += 1;
      else if (byte === 0x25) while (this.position < bytes.length && bytes[this.position] !== 0x0a && bytes[this.position] !== 0x0d) this.position += 1;
      else return;
    }
  }

  /** A run of regular characters (a number or keyword), or "" when none starts here. */
  word(): string {
    this.skipSpace();
    const start = this.position;
    while (isRegular(this.bytes[this.position])) this.position += 1;
    return latin1(this.bytes, start, this.position);
  }

  /** Expects the keyword `word` next. */
  expect(word: string): void {
    const found = this.word();
    if (found !== word) throw new PdfSyntaxError(`expected ${word}, found "${found.slice(0, 20)}" at ${this.position}`);
  }

  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new PdfSyntaxError("nested too deep");
    this.skipSpace();
    const { bytes } = this;
    const byte = bytes[this.position];
    if (byte === 0x2f) return { kind: "name", bytes: this.#name() };
    if (byte === 0x28) return this.#literal();
    if (byte === 0x3c && bytes[this.position + 1] === 0x3c) return this.#dict(depth);
    if (byte === 0x3c) return this.#hex();
    if (byte === 0x5b) {
      this.position += 1;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (bytes[this.position] === 0x5d) { this.position += 1; return { kind: "array", items }; }
        if (this.position >= bytes.length) throw new PdfSyntaxError("unterminated array");
        items.push(this.#valueOrReference(depth + 1));
      }
    }
    const word = this.word();
    if (word === "true" || word === "false" || word === "null") return { kind: "keyword", text: word };
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return { kind: "number", text: word };
    throw new PdfSyntaxError(`unexpected "${word.slice(0, 20)}" at ${this.position}`);
  }

  /** A value, or `N G R` read as one reference. */
  valueWithReference(): PdfValue {
    return this.#valueOrReference(0);
  }

  #dict(depth: number): PdfDict {
    this.position += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipSpace();
      const { bytes } = this;
      if (bytes[this.position] === 0x3e && bytes[this.position + 1] === 0x3e) { this.position += 2; return { kind: "dict", entries }; }
      if (bytes[this.position] !== 0x2f) throw new PdfSyntaxError(`expected a key at ${this.position}`);
      const key = this.#name();
      entries.set(key, this.#valueOrReference(depth + 1));
    }
  }

  /** A value, or `N G R` read as one reference. */
  #valueOrReference(depth: number): PdfValue {
    const value = this.value(depth);
    if (value.kind !== "number" || !/^\d+$/.test(value.text)) return value;
    const save = this.position;
    const gen = this.word();
    if (/^\d+$/.test(gen) && this.word() === "R") return { kind: "ref", num: Number(value.text), gen: Number(gen) };
    this.position = save;
    return value;
  }

  #name(): string {
    const { bytes } = this;
    this.position += 1;
    const start = this.position;
    while (isRegular(bytes[this.position])) this.position += 1;
    const raw = latin1(bytes, start, this.position);
    return raw.includes("#") ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : raw;
  }

  #literal(): PdfValue {
    const { bytes } = this;
    const at = this.position;
    let depth = 0;
    for (; this.position < bytes.length; this.position += 1) {
      const byte = bytes[this.position];
      if (byte === 0x5c) this.position += 1;
      else if (byte === 0x28) depth += 1;
      else if (byte === 0x29 && --depth === 0) {
        this.position += 1;
        return { kind: "string", raw: latin1(bytes, at, this.position), at };
      }
    }
    throw new PdfSyntaxError("unterminated string");
  }

  #hex(): PdfValue {
    const at = this.position;
    const end = this.bytes.indexOf(0x3e, at);
    if (end < 0) throw new PdfSyntaxError("unterminated hex string");
    this.position = end + 1;
    return { kind: "string", raw: latin1(this.bytes, at, this.position), at };
  }
}

/** Reads `N G obj`, the value, and says whether a stream follows it. */
export function readIndirect(bytes: Uint8Array, offset: number, num: number): { value: PdfValue; stream: boolean } {
  const reader = new PdfReader(bytes, offset);
  if (reader.word() !== String(num) || !/^\d+$/.test(reader.word())) throw new PdfSyntaxError(`object ${num} is not at ${offset}`);
  reader.expect("obj");
  const value = reader.valueWithReference();
  const next = reader.word();
  if (next !== "endobj" && next !== "stream") throw new PdfSyntaxError(`object ${num}: found "${next.slice(0, 20)}" after its value`);
  return { value, stream: next === "stream" };
}

/** A value as PDF syntax. */
export function writeValue(value: PdfValue): string {
  switch (value.kind) {
    case "number":
    case "keyword":
      return value.text;
    case "name":
      return `/${value.bytes.replace(/[^!-~]|[#()<>[\]{}/%]/g, (ch) => `#${ch.charCodeAt(0).toString(16).padStart(2, "0")}`)}`;
    case "string":
      return value.raw;
    case "ref":
      return `${value.num} ${value.gen} R`;
    case "array":
      return `[${value.items.map(writeValue).join(" ")}]`;
    case "dict":
      return `<<${[...value.entries].map(([key, item]) => `${writeValue({ kind: "name", bytes: key })} ${writeValue(item)}`).join("\n")}>>`;
  }
}

/** A text string's characters (PDF §7.9.2.2: UTF-16BE with a byte-order mark, else PDFDocEncoding, taken as Latin-1). */
export function decodeText(value: PdfValue | undefined): string | undefined {
  if (value?.kind !== "string") return undefined;
  const bytes = stringBytes(value.raw);
  if (bytes.length >= 2 && bytes.charCodeAt(0) === 0xfe && bytes.charCodeAt(1) === 0xff) {
    return Buffer.from(bytes.slice(2), "latin1").swap16().toString("utf16le");
  }
  return bytes;
}

/** A text string as a hex string in UTF-16BE with a byte-order mark (what pdf-lib's PDFHexString.fromText writes). */
export function textString(text: string): PdfValue {
  const utf16 = Buffer.from(text, "utf16le");
  if (utf16.length % 2 === 0) utf16.swap16();
  return { kind: "string", raw: `<FEFF${utf16.toString("hex").toUpperCase()}>`, at: -1 };
}

/** A string's bytes (escapes and hex decoded), as Latin-1. */
export function stringBytes(raw: string): string {
  if (raw.startsWith("<")) {
    const hex = raw.slice(1, -1).replace(/\s+/g, "");
    return Buffer.from(hex.length % 2 === 0 ? hex : `${hex}0`, "hex").toString("latin1");
  }
  const body = raw.slice(1, -1);
  if (!body.includes("\\")) return body;
  const escapes: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", "(": "(", ")": ")", "\\": "\\" };
  return body.replace(/\\([0-7]{1,3}|\r\n|[\s\S])/g, (_, e: string) => {
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8) & 0xff);
    if (e === "\n" || e === "\r" || e === "\r\n") return "";
    return escapes[e] ?? e;
  });
}

/**
 * Bytes `start` to `end` (clamped to the end of the file) as a Latin-1 string; short runs (most
 * tokens) without making a Buffer.
 */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  end = Math.min(end, bytes.length);
  if (end - start > 32) return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("latin1");
  let text = "";
  for (let i = start; i < end; i += 1) text += String.fromCharCode(bytes[i]!);
  return text;
}
