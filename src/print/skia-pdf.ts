import { latin1, PdfReader, PdfSyntaxError, readIndirect, writeValue, type PdfDict, type PdfValue } from "./pdf-syntax.js";

/** An indirect object of the file: where it is, and (once read) its value. */
interface Entry {
  readonly num: number;
  readonly offset: number;
  /** Where the next object (or the cross-reference table) starts. */
  readonly end: number;
  read?: { readonly value: PdfValue; readonly stream: boolean };
}

/** A same-length change of the file's bytes at a position (a renamed string, say). */
export interface BytePatch {
  readonly at: number;
  readonly text: string;
}

/**
 * A PDF as Chromium's Skia backend writes it: one classic cross-reference table, no object or
 * cross-reference streams, no incremental updates, no encryption. Objects are read on demand,
 * streams never; writing copies every object not replaced byte for byte. Anything else is a
 * PdfSyntaxError, on which the caller finishes the PDF with pdf-lib instead.
 */
export class SkiaPdf {
  readonly #entries = new Map<number, Entry>();
  readonly #order: Entry[];

  private constructor(private readonly bytes: Uint8Array, readonly trailer: PdfDict, entries: Entry[], readonly size: number) {
    this.#order = entries;
    for (const entry of entries) this.#entries.set(entry.num, entry);
  }

  /** Reads the file's cross-reference table and trailer. */
  static read(bytes: Uint8Array): SkiaPdf {
    const tail = latin1(bytes, Math.max(0, bytes.length - 1024), bytes.length);
    const found = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    if (found === null || !latin1(bytes, 0, 5).startsWith("%PDF-")) throw new PdfSyntaxError("no startxref at the end");
    const xref = Number(found[1]);
    const reader = new PdfReader(bytes, xref);
    reader.expect("xref");
    if (reader.word() !== "0") throw new PdfSyntaxError("the table does not start at object 0");
    const size = Number(reader.word());
    reader.skipSpace();
    if (!Number.isSafeInteger(size) || size < 1 || reader.position + size * 20 > bytes.length) throw new PdfSyntaxError("bad table size");
    const rows = latin1(bytes, reader.position, reader.position + size * 20);
    const entries: Entry[] = [];
    const used: Array<{ num: number; offset: number }> = [];
    for (let num = 0; num < size; num += 1) {
      const row = /^(\d{10}) (\d{5}) ([nf])[ \r\n]{2}$/.exec(rows.slice(num * 20, num * 20 + 20));
      if (row === null) throw new PdfSyntaxError(`bad table row ${num}`);
      if (row[3] === "n") {
        if (row[2] !== "00000") throw new PdfSyntaxError("an object of a later generation");
        used.push({ num, offset: Number(row[1]) });
      }
    }
    reader.position += size * 20;
    reader.expect("trailer");
    const trailer = reader.value();
    if (trailer.kind !== "dict" || ["Prev", "Encrypt", "XRefStm"].some((key) => trailer.entries.has(key))) {
      throw new PdfSyntaxError("a trailer this reader does not take");
    }
    used.sort((a, b) => a.offset - b.offset);
    used.forEach((entry, index) => {
      const end = used[index + 1]?.offset ?? xref;
      if (entry.offset <= 0 || end <= entry.offset || end > xref) throw new PdfSyntaxError("objects overlap the table");
      entries.push({ ...entry, end });
    });
    return new SkiaPdf(bytes, trailer, entries, size);
  }

  /** Object numbers in file order. */
  objectNumbers(): number[] {
    return this.#order.map((entry) => entry.num);
  }

  /** An object's value (a stream's dictionary for a stream), and whether it is a stream. */
  read(num: number): { readonly value: PdfValue; readonly stream: boolean } | undefined {
    const entry = this.#entries.get(num);
    if (entry === undefined) return undefined;
    entry.read ??= readIndirect(this.bytes, entry.offset, num);
    return entry.read;
  }

  /** The value, with a reference followed (one step: PDF allows no reference to a reference). */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    return value?.kind === "ref" ? this.read(value.num)?.value : value;
  }

  /** The value as a dictionary, a reference followed. */
  dict(value: PdfValue | undefined): PdfDict | undefined {
    const resolved = this.resolve(value);
    return resolved?.kind === "dict" ? resolved : undefined;
  }

  /** The page objects' numbers, in page order. */
  pageNumbers(): number[] {
    const pages: number[] = [];
    const catalog = this.dict(this.trailer.entries.get("Root"));
    const walk = (node: PdfValue | undefined, depth: number): void => {
      if (node?.kind !== "ref" || depth > 32) throw new PdfSyntaxError("a page tree this reader does not take");
      const dict = this.dict(node);
      const kids = this.resolve(dict?.entries.get("Kids"));
      if (kids?.kind === "array") for (const kid of kids.items) walk(kid, depth + 1);
      else pages.push(node.num);
    };
    walk(catalog?.entries.get("Pages"), 0);
    return pages;
  }

  /**
   * The file again, with `patches` applied (same length, so nothing moves) and `replaced` objects
   * written anew, a fresh cross-reference table and the given trailer.
   */
  write(patches: readonly BytePatch[], replaced: ReadonlyMap<number, PdfValue>, trailer: PdfDict): Uint8Array {
    const source = Buffer.from(this.bytes);
    for (const patch of patches) {
      if (patch.at < 0 || patch.at + patch.text.length > source.length) throw new PdfSyntaxError("a patch past the end");
      source.write(patch.text, patch.at, "latin1");
    }
    const first = this.#order[0]?.offset ?? 0;
    const parts: Buffer[] = [source.subarray(0, first)];
    let position = first;
    const offsets = new Map<number, number>();
    for (const entry of this.#order) {
      offsets.set(entry.num, position);
      const value = replaced.get(entry.num);
      const part = value === undefined
        ? source.subarray(entry.offset, entry.end)
        : Buffer.from(`${entry.num} 0 obj\n${writeValue(value)}\nendobj\n`, "latin1");
      parts.push(part);
      position += part.length;
    }
    const rows = ["0000000000 65535 f \n"];
    for (let num = 1; num < this.size; num += 1) {
      const offset = offsets.get(num);
      rows.push(offset === undefined ? "0000000000 65535 f \n" : `${String(offset).padStart(10, "0")} 00000 n \n`);
    }
    parts.push(Buffer.from(`xref\n0 ${this.size}\n${rows.join("")}trailer\n${writeValue(trailer)}\nstartxref\n${position}\n%%EOF`, "latin1"));
    return new Uint8Array(Buffer.concat(parts));
  }
}
