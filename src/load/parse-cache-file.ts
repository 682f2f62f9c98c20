import { createHash } from "node:crypto";

/*
 * The parse cache's file (see ParseCache): MAGIC, the stamp of the code that wrote it on a line
 * of its own, then one record per entry, back to back up to the end of the file:
 *
 *   SHA-256 of the rest of the record (32 bytes)
 *   the key's length and the bytes' length (4 bytes each, unsigned, little-endian)
 *   the key (UTF-8), then the bytes
 *
 * A file that does not start with exactly MAGIC and the stamp (another format, other code, a
 * damaged head) or whose records do not end exactly at its end (cut short) reads as empty. A
 * record's digest covers its lengths, key and bytes, so a changed byte anywhere in it, or bytes
 * moved under another key, is found when the entry is asked for (recordIsIntact).
 */

/** How a cache file starts; the number changes with the layout. */
const MAGIC = "papersmith parse cache 5\n";
const DIGEST_LENGTH = 32;
/** The digest and the two lengths. */
const RECORD_HEAD = DIGEST_LENGTH + 8;

/** The bytes a cache file written by the code of `stamp` starts with. */
export function fileHead(stamp: string): Buffer {
  return Buffer.from(`${MAGIC}${stamp}\n`);
}

/** The record keeping `bytes` under `key`, its digest made now. */
export function makeRecord(key: string, bytes: Uint8Array): Buffer {
  const keyBytes = Buffer.from(key);
  const record = Buffer.allocUnsafe(RECORD_HEAD + keyBytes.length + bytes.length);
  record.writeUInt32LE(keyBytes.length, DIGEST_LENGTH);
  record.writeUInt32LE(bytes.length, DIGEST_LENGTH + 4);
  keyBytes.copy(record, RECORD_HEAD);
  record.set(bytes, RECORD_HEAD + keyBytes.length);
  digestOf(record).copy(record, 0);
  return record;
}

/** True when the record's digest matches the rest of it: nothing in it changed since it was made. */
export function recordIsIntact(record: Buffer): boolean {
  return digestOf(record).equals(record.subarray(0, DIGEST_LENGTH));
}

/** The bytes a record keeps (a view of the record, not a copy). */
export function bytesOf(record: Buffer): Buffer {
  return record.subarray(RECORD_HEAD + record.readUInt32LE(DIGEST_LENGTH));
}

/**
 * The records of a cache file's contents, by key, each a view of `contents`; none when the
 * file is of another format, written by code other than that of `stamp`, or cut short. The
 * records' digests are not checked here.
 */
export function readRecords(contents: Buffer, stamp: string): Map<string, Buffer> {
  const records = new Map<string, Buffer>();
  const head = fileHead(stamp);
  if (contents.length < head.length || !contents.subarray(0, head.length).equals(head)) return records;
  let offset = head.length;
  while (offset < contents.length) {
    if (offset + RECORD_HEAD > contents.length) return new Map();
    const keyLength = contents.readUInt32LE(offset + DIGEST_LENGTH);
    const end = offset + RECORD_HEAD + keyLength + contents.readUInt32LE(offset + DIGEST_LENGTH + 4);
    if (end > contents.length) return new Map();
    const record = contents.subarray(offset, end);
    records.set(record.toString("utf8", RECORD_HEAD, RECORD_HEAD + keyLength), record);
    offset = end;
  }
  return records;
}

/** The SHA-256 of everything in a record after its digest. */
function digestOf(record: Buffer): Buffer {
  return createHash("sha256").update(record.subarray(DIGEST_LENGTH)).digest();
}
