import { createHash, randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { makeFolder } from "../config/make-folder.js";
import { dirname } from "node:path";
import { codeFingerprint } from "./code-fingerprint.js";
import { bytesOf, fileHead, makeRecord, readRecords, recordIsIntact } from "./parse-cache-file.js";
import { projectCacheFile } from "../config/cache-location.js";

/** How a run used the parse cache: for PAPERSMITH_DEBUG=cache and the tests. */
export interface ParseCacheStats {
  /** The project's cache file. */
  readonly file: string;
  /** Entries asked for and found intact. */
  readonly hits: number;
  /** Entries asked for and not found, or found damaged. */
  readonly misses: number;
  /** Entries in the file written for the next run; 0 when none was written (nothing changed, or it could not be). */
  readonly written: number;
  /** Entries of the file read at the start that the next run's leaves out: neither got nor set this run. */
  readonly dropped: number;
}

/** The name of a project's cache file, after the digest of its path (see projectCacheFile). */
const SUFFIX = ".parse-cache";

/**
 * What the loader made of each source file in earlier runs, as bytes the loader made and reads
 * back itself (V8's serialization): a file whose kind, path and text are unchanged need not be
 * parsed again.
 *
 * One file per project under the cache root (its layout: parse-cache-file.ts), read whole by
 * `open` and written whole by `save`, at the end of a run that got that far, to a temporary
 * file renamed into place: a failed or interrupted run writes nothing, and a reader sees a
 * whole file or the last one. The file is written only when this run's entries differ from
 * those read, and holds exactly the entries this run got or set, so entries of older texts and
 * of files gone drop out by themselves. The file is stamped with papersmith's code fingerprint
 * (its modules, package.json, Node and V8): a file written by other code reads as empty.
 *
 * The cache is only ever a shortcut: an entry whose digest does not match its bytes (a damaged
 * disk, a file edited by hand) is a miss, a file that cannot be read is empty, and one that
 * cannot be written is not, never an error. The digests find damage, not an attacker: the file
 * is its owner's only (mode 0600 in a folder of 0700), and whoever can write it can write its
 * digests too.
 */
export class ParseCache {
  /** The records read at the start, by key. */
  readonly #read: Map<string, Buffer>;
  /** The records for the next run: those read that were got intact, and those set. */
  readonly #next = new Map<string, Buffer>();
  #hits = 0;
  #misses = 0;

  private constructor(private readonly file: string, private readonly stamp: string, read: Map<string, Buffer>) {
    this.#read = read;
  }

  /**
   * Opens the cache of the project at `projectRoot` under `cacheRoot` and reads its file.
   * Undefined when the cache folder cannot be made (a read-only home, say).
   */
  static async open(cacheRoot: string, projectRoot: string): Promise<ParseCache | undefined> {
    const file = projectCacheFile(cacheRoot, projectRoot, SUFFIX);
    try {
      const [stamp] = await Promise.all([codeFingerprint(), makeFolder(dirname(file), 0o700)]);
      const contents = await readFile(file).catch(() => undefined);
      return new ParseCache(file, stamp, contents === undefined ? new Map() : readRecords(contents, stamp));
    } catch {
      return undefined;
    }
  }

  /** The key of one file's result: its kind, its path and the SHA-256 of its text. */
  static keyOf(kind: string, file: string, text: string): string {
    return `${kind}\0${file}\0${createHash("sha256").update(text).digest("hex")}`;
  }

  /** The bytes kept for `key`, their digest checked; undefined when absent or damaged. */
  get(key: string): Uint8Array | undefined {
    const record = this.#read.get(key);
    if (record === undefined || !recordIsIntact(record)) {
      this.#misses++;
      return undefined;
    }
    this.#hits++;
    this.#next.set(key, record);
    return bytesOf(record);
  }

  /** Keeps `bytes` for `key` for the next run. */
  set(key: string, bytes: Uint8Array): void {
    this.#next.set(key, makeRecord(key, bytes));
  }

  /**
   * Writes the file for the next run when this run's entries differ from those read: one was
   * set, or one read was neither got nor set. Never throws: the run's results stand whatever
   * happens here.
   */
  async save(): Promise<ParseCacheStats> {
    const dropped = [...this.#read.keys()].filter((key) => !this.#next.has(key)).length;
    // A record got is the very one read; a record set is a new one, even under a key read (a damaged entry made again).
    const changed = dropped > 0 || [...this.#next].some(([key, record]) => this.#read.get(key) !== record);
    const written = changed && (await this.#write()) ? this.#next.size : 0;
    return { file: this.file, hits: this.#hits, misses: this.#misses, written, dropped };
  }

  /** Writes the next run's file to a temporary file renamed into place: true when it is there. */
  async #write(): Promise<boolean> {
    const temporary = `${this.file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
    // In key order, not the order files were loaded in (the YAML files' depends on I/O): the
    // same entries always make the same file.
    const records = [...this.#next.keys()].sort().map((key) => this.#next.get(key)!);
    try {
      // Sources may be confidential drafts: what was parsed from them is for their owner's eyes only.
      await writeFile(temporary, Buffer.concat([fileHead(this.stamp), ...records]), { mode: 0o600, flag: "wx" });
      await rename(temporary, this.file);
      return true;
    } catch {
      await rm(temporary, { force: true }).catch(() => undefined);
      return false;
    }
  }
}
