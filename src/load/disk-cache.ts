import * as crypto from "node:crypto";
import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { isRemade, isSeen, readPack, REMADE, SEEN, type Entry } from "./cache-pack.js";
import { PackWriter } from "./pack-writer.js";
import { encodeEntry, readEntry } from "./entry-encoding.js";
import { codeFingerprint } from "./code-fingerprint.js";
import { PROJECTS_FOLDER, projectCacheFile } from "../config/cache-location.js";

/** Project packs not used for this long are removed by the next sweep. */
const UNUSED_PROJECT_MS = 30 * 24 * 3600 * 1000;
/** A pack's temporary file not written to for this long is a killed run's (kill -9, a power cut). */
const ABANDONED_TEMPORARY_MS = 3600 * 1000;
/** At most one sweep of the whole cache folder a day. */
const SWEEP_EVERY_MS = 24 * 3600 * 1000;
const SWEPT = ".swept";
const PACK = ".pack";
export interface DiskCacheOptions {
  /** Called when the run first finds a text no earlier run saw: the first file found changed (or new). */
  readonly onFirstChange?: () => void;
}

/** How a run used the cache: for PAPERSMITH_DEBUG=cache and the tests. */
export interface DiskCacheStats {
  readonly file: string;
  readonly hits: number;
  /** Results made again because the pack says they are cheaper to make than to read back (see LookupOptions). */
  readonly remade: number;
  readonly misses: number;
  /** Of the misses, results of texts no earlier run saw: made, and not kept until a run sees them again (see SEEN). */
  readonly firstSeen: number;
  /** Entries in the pack written for the next run (0: nothing changed, nothing written). */
  readonly written: number;
  /** Entries of the previous pack left out of the new one (their files changed or went). */
  readonly dropped: number;
}

/** How `DiskCache.lookup` may judge a result not worth keeping. */
export interface LookupOptions {
  /**
   * A result made in less time than this, in milliseconds, is not kept: later runs make it
   * again, as reading it back would save less than encoding and writing it costs. Its key is
   * kept (see REMADE), so that they do not count it as changed. When absent, every result is
   * kept (from the second run that sees its text).
   */
  readonly remakeUnderMs?: number;
}

/**
 * What the loader made of each source file in earlier runs, kept on disk between runs (issue
 * 9): a file whose text, path and kind are unchanged, loaded by the same papersmith on the same
 * Node, is read back instead of parsed again, which is many times quicker than micromark and
 * YAML. Rules keep their per-file findings here too (the personal-data
 * scan, readability's figures: see FileMemo), under kinds of their own.
 *
 * One pack file per project under the cache root (its format: cache-pack.ts), a map from
 * (kind, path, SHA-256 of the text) to the result (see Entry), for one papersmith's code. A run
 * reads the whole pack at once and, when anything changed, writes a new one holding exactly the
 * entries it used, so entries of older texts and older papersmith drop out by themselves; packs
 * unused for 30 days go in a daily sweep. Thousands of small files cost more in file operations
 * than the parsing they save, hence one file.
 *
 * A result is kept from the second run that finds its text unchanged: the first one keeps only
 * its key (see SEEN). Encoding and writing results is a noticeable part of a first check,
 * wasted on a fresh machine, as in CI, and on a file being edited; a writer's repeated runs pay
 * it once.
 * A result quicker to make than to read back is never kept (see LookupOptions): with the
 * Markdown fast path, that is most papers of plain prose.
 *
 * The new pack is written from the run's first miss on, as entries are used (see PackWriter),
 * so that the writing overlaps the parsing; a run that changes nothing writes nothing.
 *
 * The cache is only ever a shortcut: a pack or entry that cannot be read is a miss and one that
 * cannot be written is skipped, never an error; a pack is written to a temporary file renamed
 * into place, so a reader sees a whole pack or the previous one.
 */
export class DiskCache {
  readonly #entries: Map<string, Entry>;
  /** Keys of the entries this run used. Their bytes are in the pack being written, or, before the first miss, in #entries. */
  readonly #used = new Set<string>();
  readonly #texts = new Map<string, { readonly text: string; readonly digest: string }>();
  /** The next run's pack, from the first miss on. */
  #writer: PackWriter | undefined;
  #hits = 0;
  #remade = 0;
  #misses = 0;
  #firstSeen = 0;
  /** True once the run found a text no earlier run saw. */
  #changed = false;

  private constructor(
    private readonly root: string, private readonly file: string, private readonly fingerprint: string, entries: Map<string, Entry>,
    private readonly options: DiskCacheOptions,
  ) {
    this.#entries = entries;
  }

  /**
   * Opens the cache of the project at `projectRoot` under `cacheRoot` and reads its pack.
   * Returns undefined (no cache) when its folder cannot be made: a read-only home, say.
   */
  static async open(cacheRoot: string, projectRoot: string, options: DiskCacheOptions = {}): Promise<DiskCache | undefined> {
    const file = projectCacheFile(cacheRoot, projectRoot, PACK);
    const folder = dirname(file);
    try {
      const [fingerprint] = await Promise.all([codeFingerprint(), mkdir(folder, { recursive: true, mode: 0o700 })]);
      return new DiskCache(cacheRoot, file, fingerprint, readPack(file, fingerprint), options);
    } catch {
      return undefined;
    }
  }

  /**
   * The result for this file: read back when the pack has an entry for exactly this code, kind,
   * path and text, else `compute()`d; kept for the next run when an earlier run saw the same
   * text, and `options` do not judge it not worth keeping.
   */
  lookup<T extends object>(kind: string, file: string, text: string, compute: () => T, options: LookupOptions = {}): T {
    // Not hashed again: the loader and the rules ask for the same texts' digests several times a run.
    const key = `${kind}\0${file}\0${this.#digestOf(file, text)}`;
    const entry = this.#entries.get(key);
    if (entry !== undefined && isRemade(entry)) {
      this.#remade++;
      this.#use(key, entry);
      return compute();
    }
    const cached = entry === undefined || isSeen(entry) ? undefined : readEntry(entry, text);
    if (entry !== undefined && cached !== undefined) {
      this.#hits++;
      this.#use(key, entry);
      return cached as T;
    }
    if (entry === undefined && !this.#changed) {
      this.#changed = true;
      this.options.onFirstChange?.();
    }
    if (this.#misses++ === 0) this.#startWriting();
    const started = performance.now();
    const value = compute();
    if (performance.now() - started < (options.remakeUnderMs ?? 0)) {
      this.#use(key, REMADE);
      return value;
    }
    if (entry === undefined) {
      // Seen for the first time: only its key is kept. A text seen once, by a run on a fresh
      // machine (CI) or a file being edited, may never be seen again (see the class comment).
      this.#firstSeen++;
      this.#use(key, SEEN);
      return value;
    }
    // Encoded now, before any later stage could touch the result. One that cannot be encoded
    // (V8's serialization refuses a function, say) is not kept: the next run parses it again.
    const encoded = encodable(value, text);
    if (encoded !== undefined) this.#use(key, encoded);
    return value;
  }

  /** Keeps the entry for the next run: in the pack being written, if one is. */
  #use(key: string, entry: Entry): void {
    if (this.#used.has(key)) return;
    this.#used.add(key);
    this.#writer?.add(key, entry);
  }

  /** Starts the next run's pack with the entries used so far: all hits, so all in the last pack. */
  #startWriting(): PackWriter {
    const writer = new PackWriter(this.file, this.fingerprint);
    for (const key of this.#used) writer.add(key, this.#entries.get(key)!);
    this.#writer = writer;
    return writer;
  }

  /** The SHA-256 of a file's text, made once a run however many kinds of entry the file has. */
  #digestOf(file: string, text: string): string {
    const known = this.#texts.get(file);
    if (known?.text === text) return known.digest;
    const digest = sha256(text);
    this.#texts.set(file, { text, digest });
    return digest;
  }

  /**
   * Writes the pack for the next run when this run's entries differ from the last pack's, and
   * sweeps packs unused for 30 days once a day. Never throws.
   */
  async close(): Promise<DiskCacheStats> {
    const dropped = [...this.#entries.keys()].filter((key) => !this.#used.has(key)).length;
    const changed = this.#misses > 0 || dropped > 0;
    let written = 0;
    try {
      if (changed && await (this.#writer ?? this.#startWriting()).finish()) written = this.#used.size;
      await this.#sweep(Date.now());
    } catch {
      // The cache is a shortcut: whatever went wrong here, the run's results stand.
    }
    return { file: this.file, hits: this.#hits, remade: this.#remade, misses: this.#misses, firstSeen: this.#firstSeen, written, dropped };
  }

  /** Ends a run that failed: the pack being written, if any, is removed; the last one stays. */
  async abandon(): Promise<void> {
    await this.#writer?.abandon();
  }

  /** Removes packs unused for 30 days and temporary files of killed runs, at most once a day. */
  async #sweep(now: number): Promise<void> {
    const marker = join(this.root, SWEPT);
    const last = await stat(marker).then((s) => s.mtimeMs, () => 0);
    if (now - last < SWEEP_EVERY_MS) return;
    await writeFile(marker, "");
    const folder = join(this.root, PROJECTS_FOLDER);
    for (const name of await readdir(folder)) {
      const path = join(folder, name);
      const info = await stat(path).catch(() => undefined);
      const unused = name.endsWith(".tmp") ? ABANDONED_TEMPORARY_MS : UNUSED_PROJECT_MS;
      if (info && now - info.mtimeMs > unused) await rm(path, { recursive: true, force: true });
    }
  }
}

/**
 * The SHA-256 of a text, in hex: with crypto.hash where Node has it (20.12 on), which makes no
 * Hash object.
 */
const sha256: (text: string) => string = typeof crypto.hash === "function"
  ? (text) => crypto.hash("sha256", text, "hex")
  : (text) => crypto.createHash("sha256").update(text).digest("hex");

/** The entry for a loader result; undefined when it cannot be encoded. */
function encodable(value: object, text: string): Entry | undefined {
  try {
    return encodeEntry(value, text);
  } catch {
    return undefined;
  }
}
