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

/** How a pack starts: a file of any other format (an older papersmith's, a damaged one) reads as empty. */
const MAGIC = Buffer.from("papersmith parse cache 2\n");

/**
 * A pack's bytes, in the chunks to write one after another: the magic line, the byte length of an index, the index — JSON, one
 * `[key, json, byte length, textAt]` per entry — and the entries' bytes one after another.
 * Entries kept from the last pack are copied as they were read, never decoded again; reading
 * decodes only the index, and an entry's bytes only when it is looked up (see readPack). V8's
 * serialization of the whole map, before, cost 150 ms to write and 90 ms to read on the
 * 500-paper bench series.
 */
export function packChunks(entries: ReadonlyMap<string, Entry>): Buffer[] {
  const index = Buffer.from(JSON.stringify([...entries].map(([key, entry]) => [key, entry.json ? 1 : 0, entry.bytes.length, entry.textAt])));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(index.length);
  return [MAGIC, length, index, ...[...entries.values()].map((entry) => entry.bytes)];
}

/**
 * The entries of the pack in `file`; none when it is missing, of another format or damaged,
 * and only those whose bytes are all there when it was cut short.
 */
export function readPack(file: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  try {
    const bytes = readFileSync(file);
    if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return entries;
    const indexStart = MAGIC.length + 4;
    const indexEnd = indexStart + bytes.readUInt32LE(MAGIC.length);
    if (indexEnd > bytes.length) return entries;
    const index: unknown = JSON.parse(bytes.toString("utf8", indexStart, indexEnd));
    if (!Array.isArray(index)) return entries;
    let offset = indexEnd;
    for (const row of index as unknown[]) {
      if (!Array.isArray(row) || row.length !== 4) break;
      const [key, json, length, textAt] = row as unknown[];
      if (typeof key !== "string" || typeof length !== "number" || !Array.isArray(textAt) || offset + length > bytes.length) break;
      entries.set(key, { json: json === 1, bytes: bytes.subarray(offset, offset + length), textAt: textAt as Path[] });
      offset += length;
    }
  } catch {
    // missing or unreadable: start afresh
  }
  return entries;
}
