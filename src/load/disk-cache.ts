import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readdir, rename, rm, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { codeFingerprint } from "./code-fingerprint.js";
import { PROJECTS_FOLDER, projectCacheFile } from "../config/cache-location.js";

/** Project packs not used for this long are removed by the next sweep. */
const UNUSED_PROJECT_MS = 30 * 24 * 3600 * 1000;
/** At most one sweep of the whole cache folder a day. */
const SWEEP_EVERY_MS = 24 * 3600 * 1000;
const SWEPT = ".swept";
const PACK = ".pack";

/** How a run used the cache: for PAPERSMITH_DEBUG=cache and the tests. */
export interface DiskCacheStats {
  readonly file: string;
  readonly hits: number;
  readonly misses: number;
  /** Entries in the pack written for the next run (0: nothing changed, nothing written). */
  readonly written: number;
  /** Entries of the previous pack left out of the new one (their files changed or went). */
  readonly dropped: number;
}

/**
 * What the loader made of each Markdown file in earlier runs, kept on disk between runs (issue
 * 9): a file whose text, path and kind are unchanged, loaded by the same papersmith on the same
 * Node, is read back instead of parsed again — micromark and YAML cost about 0.4 ms per KiB
 * here, reading back about 0.02.
 *
 * One pack file per project under the cache root, in V8's serialization format: a map from the
 * SHA-256 of (papersmith's code, kind, path, text) to the loader's result (see Entry). A run
 * reads the whole pack at once and, when anything changed, writes a new one holding exactly the
 * entries it used, so entries of older texts and older papersmith drop out by themselves; packs
 * unused for 30 days go in a daily sweep. Thousands of small files cost more in file operations
 * than the parsing they save, hence one file.
 *
 * The cache is only ever a shortcut: a pack or entry that cannot be read is a miss and one that
 * cannot be written is skipped, never an error; a pack is written to a temporary file renamed
 * into place, so a reader sees a whole pack or the previous one.
 */
export class DiskCache {
  readonly #entries: Map<string, Entry>;
  readonly #used = new Map<string, Entry>();
  #hits = 0;
  #misses = 0;

  private constructor(private readonly root: string, private readonly file: string, private readonly fingerprint: string, entries: Map<string, Entry>) {
    this.#entries = entries;
  }

  /**
   * Opens the cache of the project at `projectRoot` under `cacheRoot` and reads its pack.
   * Returns undefined (no cache) when its folder cannot be made: a read-only home, say.
   */
  static async open(cacheRoot: string, projectRoot: string): Promise<DiskCache | undefined> {
    const file = projectCacheFile(cacheRoot, projectRoot, PACK);
    const folder = dirname(file);
    try {
      const [fingerprint] = await Promise.all([codeFingerprint(), mkdir(folder, { recursive: true, mode: 0o700 })]);
      return new DiskCache(cacheRoot, file, fingerprint, readPack(file));
    } catch {
      return undefined;
    }
  }

  /**
   * The loader's result for this file: read back when the pack has an entry for exactly this
   * code, kind, path and text, else `compute()`d and kept for the next run.
   */
  lookup<T extends object>(kind: string, file: string, text: string, compute: () => T): T {
    const key = createHash("sha256").update(this.fingerprint).update("\0").update(kind).update("\0").update(file).update("\0").update(text).digest("hex");
    const entry = this.#entries.get(key);
    const cached = entry === undefined ? undefined : readEntry(entry);
    if (entry !== undefined && cached !== undefined) {
      this.#hits++;
      this.#used.set(key, entry);
      return cached as T;
    }
    this.#misses++;
    const value = compute();
    // Encoded now, before any later stage could touch the result.
    this.#used.set(key, encodeEntry(value));
    return value;
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
      if (changed) {
        const temporary = `${this.file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
        try {
          // Sources may be confidential drafts: the pack is for its owner's eyes only.
          await writeFile(temporary, serialize(this.#used), { mode: 0o600 });
          await rename(temporary, this.file);
          written = this.#used.size;
        } catch {
          await unlink(temporary).catch(() => undefined);
        }
      }
      await this.#sweep(Date.now());
    } catch {
      // The cache is a shortcut: whatever went wrong here, the run's results stand.
    }
    return { file: this.file, hits: this.#hits, misses: this.#misses, written, dropped };
  }

  /** Removes packs (and temporary files of killed runs) unused for 30 days, at most once a day. */
  async #sweep(now: number): Promise<void> {
    const marker = join(this.root, SWEPT);
    const last = await stat(marker).then((s) => s.mtimeMs, () => 0);
    if (now - last < SWEEP_EVERY_MS) return;
    await writeFile(marker, "");
    const folder = join(this.root, PROJECTS_FOLDER);
    for (const name of await readdir(folder)) {
      const path = join(folder, name);
      const info = await stat(path).catch(() => undefined);
      if (info && now - info.mtimeMs > UNUSED_PROJECT_MS) await rm(path, { recursive: true, force: true });
    }
  }
}

/**
 * A loader result as stored: JSON text when JSON gives back exactly the same value (see
 * survivesJson), which JSON.parse reads about twice as fast as v8.deserialize reads its own
 * format (2,600 entries: 250–390 ms against 460–510); else V8's serialization.
 */
type Entry = string | Uint8Array;

function encodeEntry(value: unknown): Entry {
  return survivesJson(value) ? JSON.stringify(value) : serialize(value);
}

/**
 * True when JSON.parse(JSON.stringify(value)) is a value equal to `value` in every way a later
 * stage could notice: only plain objects and arrays (no holes), strings, booleans, null and
 * finite numbers other than -0; no undefined, no Date, Map or class instance, and no object
 * reached twice (JSON would copy a shared object, and loops forever on a cycle).
 */
export function survivesJson(value: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    switch (typeof item) {
      case "string":
      case "boolean":
        continue;
      case "number":
        if (!Number.isFinite(item) || Object.is(item, -0)) return false;
        continue;
      case "object": {
        if (item === null) continue;
        if (seen.has(item)) return false;
        seen.add(item);
        if (Array.isArray(item)) {
          if (Object.getPrototypeOf(item) !== Array.prototype) return false;
          for (let i = 0; i < item.length; i++) {
            if (!(i in item)) return false;
            stack.push(item[i]);
          }
          if (Object.keys(item).length !== item.length) return false;
          continue;
        }
        if (Object.getPrototypeOf(item) !== Object.prototype || "toJSON" in item) return false;
        for (const key of Object.keys(item)) stack.push((item as Record<string, unknown>)[key]);
        if (Object.getOwnPropertySymbols(item).length > 0) return false;
        continue;
      }
      default:
        return false; // undefined, bigint, symbol, function
    }
  }
  return true;
}

/** The entries of a pack; none when it is missing or unreadable. */
function readPack(file: string): Map<string, Entry> {
  try {
    const pack: unknown = deserialize(readFileSync(file));
    if (pack instanceof Map) return pack as Map<string, Entry>;
  } catch {
    // missing, truncated or from an incompatible V8: start afresh
  }
  return new Map();
}

/** One entry's loader result; undefined when it is not one (every loader result has a problems list). */
function readEntry(entry: Entry): unknown {
  try {
    const value: unknown = typeof entry === "string" ? JSON.parse(entry) : deserialize(entry);
    return typeof value === "object" && value !== null && Array.isArray((value as { problems?: unknown }).problems) ? value : undefined;
  } catch {
    return undefined;
  }
}
