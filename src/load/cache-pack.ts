import { readFileSync } from "node:fs";

/** Property names and indexes from a loader result down to one of its strings. */
export type Path = readonly (string | number)[];

/**
 * A loader result as stored: `bytes` hold JSON text (UTF-8) when `json`, else V8's
 * serialization (see DiskCache). `textAt` lists where the file's text, left out, goes back.
 */
export interface Entry {
  readonly json: boolean;
  readonly bytes: Buffer;
  readonly textAt: readonly Path[];
}

/**
 * The entry of a result cheaper to make again than to read back (see DiskCache.lookup): no
 * bytes, which no JSON text or V8 serialization has. It keeps the result's key in the pack, so
 * that a later run makes the result without counting it as changed.
 */
export const REMADE: Entry = { json: true, bytes: Buffer.alloc(0), textAt: [] };

/**
 * The entry of a result made once and not kept yet (see DiskCache.lookup): no bytes either, and
 * not JSON, so it is told apart from REMADE. It keeps the key of a text seen once, so that the
 * next run that finds the same text keeps its result.
 */
export const SEEN: Entry = { json: false, bytes: Buffer.alloc(0), textAt: [] };

/** True for the entry of a result made again each run (see REMADE). */
export function isRemade(entry: Entry): boolean {
  return entry.json && entry.bytes.length === 0;
}

/** True for the entry of a text seen once, whose result is not kept yet (see SEEN). */
export function isSeen(entry: Entry): boolean {
  return !entry.json && entry.bytes.length === 0;
}

/** One entry in a pack's index: its key, 1 when JSON, its byte length and its textAt. */
export type IndexRow = readonly [key: string, json: 0 | 1, length: number, textAt: readonly Path[]];

/** How a pack starts, before its code's fingerprint: a file of any other format (an older papersmith's, a damaged one) reads as empty. */
const MAGIC = "papersmith parse cache 4\n";
/** The index's byte length, as the pack's last four bytes. */
const TRAILER = 4;

/*
 * A pack is the magic line, the fingerprint of the code that wrote it (see codeFingerprint) on
 * a line of its own, the entries' bytes one after another, the index — JSON, one
 * IndexRow per entry, in the same order — and the index's byte length. The index comes last
 * so that a pack can be written as its entries come (see PackWriter), while the run goes on.
 * Entries kept from the last pack are copied as they were read, never decoded again; reading
 * decodes only the index, and an entry's bytes only when it is looked up. A pack written by
 * other code reads as empty, so keys need not name the code.
 */

/** The bytes a pack written by the code of `fingerprint` starts with. */
export function packHead(fingerprint: string): Buffer {
  return Buffer.from(`${MAGIC}${fingerprint}\n`);
}

/** The index row of an entry stored under `key`. */
export function indexRow(key: string, entry: Entry): IndexRow {
  return [key, entry.json ? 1 : 0, entry.bytes.length, entry.textAt];
}

/** The bytes that end a pack whose entries are `rows`, in the order they were written. */
export function packTail(rows: readonly IndexRow[]): Buffer[] {
  const index = Buffer.from(JSON.stringify(rows));
  const length = Buffer.alloc(TRAILER);
  length.writeUInt32LE(index.length);
  return [index, length];
}

/**
 * The entries of the pack in `file`; none when it is missing, of another format, written by
 * code other than that of `fingerprint`, or damaged: cut short, or with entries that do not
 * fill the space before its index exactly.
 */
export function readPack(file: string, fingerprint: string): Map<string, Entry> {
  try {
    return entriesOf(readFileSync(file), packHead(fingerprint));
  } catch {
    return new Map(); // missing or unreadable: start afresh
  }
}

function entriesOf(bytes: Buffer, head: Buffer): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  if (bytes.length < head.length + TRAILER || !bytes.subarray(0, head.length).equals(head)) return entries;
  const indexEnd = bytes.length - TRAILER;
  const indexStart = indexEnd - bytes.readUInt32LE(indexEnd);
  if (indexStart < head.length) return entries;
  const index: unknown = JSON.parse(bytes.toString("utf8", indexStart, indexEnd));
  if (!Array.isArray(index)) return entries;
  let offset = head.length;
  for (const row of index as unknown[]) {
    if (!Array.isArray(row) || row.length !== 4) return new Map();
    const [key, json, length, textAt] = row as unknown[];
    if (typeof key !== "string" || !Number.isSafeInteger(length) || (length as number) < 0 || !Array.isArray(textAt) || offset + (length as number) > indexStart) return new Map();
    entries.set(key, { json: json === 1, bytes: bytes.subarray(offset, offset + (length as number)), textAt: textAt as Path[] });
    offset += length as number;
  }
  return offset === indexStart ? entries : new Map();
}
