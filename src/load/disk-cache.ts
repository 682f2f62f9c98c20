import { createHash, randomBytes } from "node:crypto";
import { mkdir, open as openFile, readdir, rename, rm, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { packChunks, readPack, type Entry, type Path } from "./cache-pack.js";
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
 * What the loader made of each source file in earlier runs, kept on disk between runs (issue
 * 9): a file whose text, path and kind are unchanged, loaded by the same papersmith on the same
 * Node, is read back instead of parsed again — micromark and YAML cost about 0.4 ms per KiB
 * here, reading back about 0.02. Rules keep their per-file findings here too (the personal-data
 * scan, readability's figures: see FileMemo), under kinds of their own.
 *
 * One pack file per project under the cache root (its format: cache-pack.ts), a map from the
 * SHA-256 of (papersmith's code, kind, path, SHA-256 of the text) to the result (see Entry). A run
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
  readonly #texts = new Map<string, { readonly text: string; readonly digest: string }>();
  #hits = 0;
  #misses = 0;

  private constructor(
    private readonly root: string, private readonly file: string, private readonly fingerprint: string, entries: Map<string, Entry>,
    private readonly onFirstMiss: (() => void) | undefined,
  ) {
    this.#entries = entries;
  }

  /**
   * Opens the cache of the project at `projectRoot` under `cacheRoot` and reads its pack.
   * Returns undefined (no cache) when its folder cannot be made: a read-only home, say.
   * `onFirstMiss` is called at the run's first miss: the first file found changed.
   */
  static async open(cacheRoot: string, projectRoot: string, onFirstMiss?: () => void): Promise<DiskCache | undefined> {
    const file = projectCacheFile(cacheRoot, projectRoot, PACK);
    const folder = dirname(file);
    try {
      const [fingerprint] = await Promise.all([codeFingerprint(), mkdir(folder, { recursive: true, mode: 0o700 })]);
      return new DiskCache(cacheRoot, file, fingerprint, readPack(file), onFirstMiss);
    } catch {
      return undefined;
    }
  }

  /**
   * The result for this file: read back when the pack has an entry for exactly this code, kind,
   * path and text, else `compute()`d and kept for the next run.
   */
  lookup<T extends object>(kind: string, file: string, text: string, compute: () => T): T {
    const key = createHash("sha256").update(this.fingerprint).update("\0").update(kind).update("\0").update(file).update("\0").update(this.#digestOf(file, text)).digest("hex");
    const entry = this.#entries.get(key);
    const cached = entry === undefined ? undefined : readEntry(entry, text);
    if (entry !== undefined && cached !== undefined) {
      this.#hits++;
      this.#used.set(key, entry);
      return cached as T;
    }
    if (this.#misses++ === 0) this.onFirstMiss?.();
    const value = compute();
    // Encoded now, before any later stage could touch the result.
    this.#used.set(key, encodeEntry(value, text));
    return value;
  }

  /** The SHA-256 of a file's text, made once a run however many kinds of entry the file has. */
  #digestOf(file: string, text: string): string {
    const known = this.#texts.get(file);
    if (known?.text === text) return known.digest;
    const digest = createHash("sha256").update(text).digest("hex");
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
      if (changed) {
        const temporary = `${this.file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
        try {
          // Sources may be confidential drafts: the pack is for its owner's eyes only.
          const handle = await openFile(temporary, "w", 0o600);
          try {
            await handle.writev(packChunks(this.#used));
          } finally {
            await handle.close();
          }
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

/*
 * An entry (see cache-pack.ts) is JSON text when JSON gives back exactly the same value (see
 * survivesJson), which JSON.parse reads about twice as fast as v8.deserialize reads its own
 * format (2,600 entries: 250–390 ms against 460–510); else V8's serialization. Loaders keep
 * the file's whole text (for positions and excerpts), often twice: that text is in the key
 * already, so it is stored as "" and `textAt` lists where to put it back, which takes 42% off
 * the pack of the 500-paper bench series.
 */

/** Texts shorter than this are stored where they occur: not worth the paths. */
const SHORTEST_SHARED_TEXT = 64;

function encodeEntry(value: object, text: string): Entry {
  const { textAt, json } = inspect(value, text.length < SHORTEST_SHARED_TEXT ? undefined : text);
  const holders = textAt.map((path) => holderOf(value, path)!);
  for (const [parent, key] of holders) parent[key] = "";
  try {
    return { json, bytes: json ? Buffer.from(JSON.stringify(value)) : serialize(value), textAt };
  } finally {
    for (const [parent, key] of holders) parent[key] = text;
  }
}

/**
 * Where `text` occurs as a string in `value`: one path per occurrence, and one path only into an
 * object reached more than once (putting the text back through it puts it back everywhere).
 */
export function pathsToString(value: object, text: string): Path[] {
  return inspect(value, text).textAt;
}

/**
 * True when JSON.parse(JSON.stringify(value)) is a value equal to `value` in every way a later
 * stage could notice: only plain objects and arrays (no holes), strings, booleans, null and
 * finite numbers other than -0; no undefined, no Date, Map or class instance, and no object
 * reached twice (JSON would copy a shared object, and loops forever on a cycle).
 */
export function survivesJson(value: unknown): boolean {
  return typeof value === "object" && value !== null ? inspect(value, undefined).json : isJsonLeaf(value);
}

/** The object holding the last step of `path`, and that step; undefined when the path leads nowhere. */
function holderOf(value: unknown, path: Path): [Record<string | number, unknown>, string | number] | undefined {
  let parent = value;
  for (const step of path.slice(0, -1)) {
    if (typeof parent !== "object" || parent === null) return undefined;
    parent = (parent as Record<string | number, unknown>)[step];
  }
  const last = path[path.length - 1];
  return typeof parent === "object" && parent !== null && last !== undefined ? [parent as Record<string | number, unknown>, last] : undefined;
}

/** A step down from an object to one of its own: paths are spelled out only where `text` is found. */
interface Step {
  readonly up: Step | undefined;
  readonly key: string | number;
}

function spelled(step: Step | undefined): Path {
  const path: (string | number)[] = [];
  for (let at = step; at !== undefined; at = at.up) path.push(at.key);
  return path.reverse();
}

/** A value JSON writes and reads back as itself, when not an object. */
function isJsonLeaf(value: unknown): boolean {
  return typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value) && !Object.is(value, -0));
}

/**
 * One walk over a loader result for both of encodeEntry's questions: where `text` occurs in it
 * (see pathsToString; none asked when undefined) and whether it survives JSON (see survivesJson).
 */
function inspect(value: object, text: string | undefined): { textAt: Path[]; json: boolean } {
  const textAt: Path[] = [];
  let json = true;
  const seen = new Set<object>();
  const stack: [object, Step | undefined][] = [[value, undefined]];
  while (stack.length > 0) {
    const [item, step] = stack.pop()!;
    if (seen.has(item)) {
      json = false; // reached twice: JSON would copy it, or loop on a cycle
      if (text === undefined) break;
      continue;
    }
    seen.add(item);
    const isArray = Array.isArray(item);
    if (json) {
      const prototype: unknown = Object.getPrototypeOf(item);
      json = isArray
        ? prototype === Array.prototype && Object.keys(item).length === item.length && Object.getOwnPropertySymbols(item).length === 0
        : prototype === Object.prototype && !("toJSON" in item) && Object.getOwnPropertySymbols(item).length === 0;
    }
    const record = item as Record<string, unknown>;
    const keys = isArray ? undefined : Object.keys(item);
    const count = isArray ? (item as unknown[]).length : keys!.length;
    for (let i = 0; i < count; i++) {
      const key = isArray ? i : keys![i]!;
      if (isArray && !(i in item)) { json = false; continue; } // a hole
      const child = record[key];
      if (typeof child === "object" && child !== null) stack.push([child, { up: step, key }]);
      else if (text !== undefined && child === text) textAt.push(spelled({ up: step, key }));
      else if (json && !isJsonLeaf(child) && child !== null) json = false;
    }
    if (!json && text === undefined) break;
  }
  return { textAt, json };
}

/**
 * One entry's result, its file's text put back; undefined when it is not an object (every
 * result is) or a text's place is not there (an entry from a pack written some other way).
 */
function readEntry(entry: Entry, text: string): unknown {
  try {
    const { json, bytes, textAt } = entry;
    const value: unknown = json ? JSON.parse(bytes.toString("utf8")) : deserialize(bytes);
    if (typeof value !== "object" || value === null) return undefined;
    for (const path of textAt) {
      const holder = holderOf(value, path);
      if (holder === undefined || holder[0][holder[1]] !== "") return undefined;
      holder[0][holder[1]] = text;
    }
    return value;
  } catch {
    return undefined;
  }
}
