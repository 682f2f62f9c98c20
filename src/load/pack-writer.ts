import { randomBytes } from "node:crypto";
import { open as openFile, rename, unlink, type FileHandle } from "node:fs/promises";
import { indexRow, packHead, packTail, type Entry, type IndexRow } from "./cache-pack.js";

/** Bytes queued before they are handed to a write: a 20 MB pack goes in about twenty. */
const WRITE_BYTES = 1 << 20;

/** Packs being written, so that Ctrl-C can remove them (see abandonPackWrites). */
const writing = new Set<PackWriter>();

/**
 * Writes a pack (see cache-pack.ts) as its entries come, to a temporary file renamed into
 * place at the end, so that a reader sees a whole pack or the previous one. The writes run on
 * libuv's threads while the run goes on parsing, rather than as one copy on the main thread at
 * the end. Every failure (a full disk,
 * a read-only folder) only means no pack: `finish` says whether it was written.
 */
export class PackWriter {
  readonly #temporary: string;
  readonly #handle: Promise<FileHandle | undefined>;
  /** The writes so far, one after another: false once one of them failed. */
  #written: Promise<boolean>;
  #queue: Buffer[];
  #queued = 0;
  readonly #rows: IndexRow[] = [];
  /** Set by abandon: nothing more is written, and the pack is never renamed into place. */
  #abandoned = false;
  #closed: Promise<boolean> | undefined;

  /** A pack for `file`, written by the code of `fingerprint`. */
  constructor(private readonly file: string, fingerprint: string) {
    this.#queue = [packHead(fingerprint)];
    this.#temporary = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
    // Sources may be confidential drafts: the pack is for its owner's eyes only.
    this.#handle = openFile(this.#temporary, "w", 0o600).catch(() => undefined);
    this.#written = this.#handle.then((handle) => handle !== undefined);
    writing.add(this);
  }

  /** Adds an entry under `key`; its bytes must not change from now on. */
  add(key: string, entry: Entry): void {
    if (this.#abandoned) return;
    this.#rows.push(indexRow(key, entry));
    // Never an empty buffer: libuv stops a writev at a run of 1,024 of them (one call's worth
    // that writes 0 bytes), and the pack would come up short.
    if (entry.bytes.length === 0) return;
    this.#queue.push(entry.bytes);
    this.#queued += entry.bytes.length;
    if (this.#queued >= WRITE_BYTES) this.#write();
  }

  /** Writes the index and renames the pack into place: true when the whole pack is there. */
  async finish(): Promise<boolean> {
    if (this.#abandoned) return false;
    this.#queue.push(...packTail(this.#rows));
    this.#write();
    const written = await this.#written;
    const closed = await this.#close();
    // Checked again: Ctrl-C may have come while the last bytes were written.
    if (written && closed && !this.#abandoned) {
      try {
        await rename(this.#temporary, this.file);
        writing.delete(this);
        return true;
      } catch {
        // fall through: the temporary file goes
      }
    }
    await this.abandon();
    return false;
  }

  /** Stops writing and removes the temporary file: for a run that failed or was stopped. */
  async abandon(): Promise<void> {
    this.#abandoned = true;
    this.#queue = [];
    await this.#written;
    await this.#close();
    await unlink(this.#temporary).catch(() => undefined);
    writing.delete(this);
  }

  /** Hands the queued bytes to a write after the ones before. */
  #write(): void {
    const chunks = this.#queue;
    const expected = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    this.#queue = [];
    this.#queued = 0;
    this.#written = this.#written.then(async (ok) => {
      const handle = await this.#handle;
      if (!ok || handle === undefined || this.#abandoned) return false;
      const { bytesWritten } = await handle.writev(chunks);
      return bytesWritten === expected;
    }).catch(() => false);
  }

  /** Closes the file, once however often it is called: true when it closed. */
  #close(): Promise<boolean> {
    this.#closed ??= this.#handle.then((handle) => handle === undefined ? false : handle.close().then(() => true, () => false));
    return this.#closed;
  }
}

/**
 * Removes every pack still being written (on Ctrl-C): the packs of earlier runs stay as they
 * were, and the next run parses what this one did not get to keep.
 */
export async function abandonPackWrites(): Promise<void> {
  await Promise.all([...writing].map((writer) => writer.abandon()));
}
