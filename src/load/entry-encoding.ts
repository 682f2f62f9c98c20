import { deserialize, serialize } from "node:v8";
import type { Entry, Path } from "./cache-pack.js";

/*
 * An entry (see cache-pack.ts) is JSON text when JSON gives back exactly the same value (see
 * survivesJson), which JSON.parse reads about twice as fast as v8.deserialize reads its own
 * format; else V8's serialization. Loaders keep
 * the file's whole text (for positions and excerpts), often twice: that text is in the key
 * already, so it is stored as "" and `textAt` lists where to put it back, which takes 42% off
 * the pack of the 500-paper bench series.
 */

/** Texts shorter than this are stored where they occur: not worth the paths. */
const SHORTEST_SHARED_TEXT = 64;

/** A loader result as the pack keeps it: see above. Leaves `value` as it was. */
export function encodeEntry(value: object, text: string): Entry {
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

/** A value JSON writes and reads back as itself, when not an object. */
function isJsonLeaf(value: unknown): boolean {
  return typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value) && !Object.is(value, -0));
}

/** True when JSON writes the object itself, with all its own properties: a plain array or object. */
function isPlain(item: object): boolean {
  if (Array.isArray(item)) {
    return Object.getPrototypeOf(item) === Array.prototype && Object.keys(item).length === item.length && Object.getOwnPropertySymbols(item).length === 0;
  }
  return Object.getPrototypeOf(item) === Object.prototype && !("toJSON" in item) && Object.getOwnPropertySymbols(item).length === 0;
}

/**
 * One walk over a loader result for both of encodeEntry's questions: where `text` occurs in it
 * (see pathsToString; none asked when undefined) and whether it survives JSON (see survivesJson).
 * Recursive, with one shared path: the stack of an explicit walk cost about a sixth more. Its
 * depth is bounded by the
 * loaders: Markdown is cut at MAX_MARKDOWN_DEPTH, and YAML deeper than MAX_YAML_DEPTH is not
 * read.
 */
function inspect(value: object, text: string | undefined): { textAt: Path[]; json: boolean } {
  const textAt: Path[] = [];
  const path: (string | number)[] = [];
  const seen = new Set<object>();
  let json = true;
  const child = (item: unknown, key: string | number): void => {
    if (typeof item === "object" && item !== null) {
      path.push(key);
      visit(item);
      path.pop();
    } else if (text !== undefined && item === text) textAt.push([...path, key]);
    else if (json && item !== null && !isJsonLeaf(item)) json = false;
  };
  const visit = (item: object): void => {
    if (!json && text === undefined) return;
    if (seen.has(item)) {
      json = false; // reached twice: JSON would copy it, or loop on a cycle
      return;
    }
    seen.add(item);
    if (json && !isPlain(item)) json = false;
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        if (i in item) child(item[i], i);
        else json = false; // a hole
      }
    } else if (json) {
      // Plain, so for…in gives its own keys (Object.prototype has none enumerable), without the array Object.keys makes.
      for (const key in item) child((item as Record<string, unknown>)[key], key);
    } else {
      for (const key of Object.keys(item)) child((item as Record<string, unknown>)[key], key);
    }
  };
  visit(value);
  return { textAt, json };
}

/**
 * One entry's result, its file's text put back; undefined when it is not an object (every
 * result is) or a text's place is not there (an entry from a pack written some other way).
 */
export function readEntry(entry: Entry, text: string): unknown {
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
