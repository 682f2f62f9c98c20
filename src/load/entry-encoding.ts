import { deserialize, serialize } from "node:v8";
import type { Entry, Path } from "./cache-pack.js";

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
