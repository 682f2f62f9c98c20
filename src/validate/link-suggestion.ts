import { posix } from "node:path";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { projectPath } from "../resolve/project-path.js";

/** A path to write instead of a link's, and how it was found. */
export interface LinkSuggestion {
  /** The link to write: relative to the file the link is in, with the written `?query` or `#fragment`. */
  readonly url: string;
  /**
   * `relative`: the path exists from the project root or one folder up (the link was written
   * as if from there); `moved`: the only file of that name is elsewhere; `near`: a file of
   * a near name is in the folder the link points into.
   */
  readonly found: "relative" | "moved" | "near";
}

/**
 * The file a broken link or image most likely means, written relative to `file` (the file the
 * link is written in): the path as written but read from the project root or one folder up
 * (`assets/x.svg` in papers/ means `../assets/x.svg`), else the one file in the project with
 * that name, else a file of a near name in the folder it points into. Undefined when none is
 * found. Only files that exist are suggested.
 */
export function suggestLink(url: string, path: string | undefined, file: string, files: ReadonlySet<string>): LinkSuggestion | undefined {
  if (url.startsWith("/") || url.startsWith("\\")) return undefined;
  const base = posix.dirname(file);
  const suffix = /[?#].*$/.exec(url)?.[0] ?? "";
  const written = (at: string): LinkSuggestion["url"] => `${posix.relative(base, at).replace(/ /g, "%20")}${suffix}`;
  for (const other of new Set([".", posix.dirname(base)])) {
    if (other === base) continue;
    const there = projectPath(url, other);
    if (there !== undefined && files.has(there)) return { url: written(there), found: "relative" };
  }
  const name = posix.basename(path ?? projectPath(url, ".") ?? url.replace(/[?#].*$/, ""));
  if (name === "" || name === "." || name === "..") return undefined;
  const sameName = [...files].filter((candidate) => posix.basename(candidate) === name && candidate !== path);
  if (sameName.length === 1) return { url: written(sameName[0]!), found: "moved" };
  if (path === undefined) return undefined;
  const folder = posix.dirname(path);
  const siblings = [...files].filter((candidate) => posix.dirname(candidate) === folder).map((candidate) => posix.basename(candidate));
  const near = didYouMean(name, siblings);
  return near === undefined ? undefined : { url: written(folder === "." ? near : `${folder}/${near}`), found: "near" };
}
