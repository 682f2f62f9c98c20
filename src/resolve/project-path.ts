import { posix } from "node:path";

/**
 * The project-relative path a relative link points to, or undefined when it leaves the project.
 * `base` is the project-relative folder of the file the link is written in. The one decoding of
 * a link's path: the link check and the renderer's copy both use it, so they always name the
 * same file (decoding `%2F` in one and not the other would let them differ).
 */
export function projectPath(url: string, base: string): string | undefined {
  let path = url.replace(/[?#].*$/, "");
  try {
    path = decodeURI(path);
  } catch { /* keep it as written */ }
  if (path.startsWith("/") || path.startsWith("\\")) return undefined;
  const joined = posix.normalize(posix.join(base, path));
  if (joined === "." || joined === ".." || joined.startsWith("../")) return undefined;
  return joined.replace(/\/$/, "");
}

/** True when the path, or a folder on its way, is a symbolic link out of the project. */
export function throughOutsideLink(path: string, outside: ReadonlySet<string>): boolean {
  if (outside.size === 0) return false;
  for (let at = path.length; at > 0; at = path.lastIndexOf("/", at - 1)) {
    if (outside.has(path.slice(0, at))) return true;
  }
  return false;
}
