import { isAbsolute, relative, resolve, sep } from "node:path";
import type { Diagnostic } from "./diagnostic.js";

/**
 * The diagnostics with their files relative to GITHUB_WORKSPACE (see README.md#usage), which is where
 * GitHub looks for an annotation's file: a project in a sub-folder of the repository would
 * otherwise have its annotations land on no file. A file outside the workspace, or no
 * workspace, keeps its project-relative path, which at least names the file.
 */
export function relativeToWorkspace(diagnostics: readonly Diagnostic[], root: string, workspace: string | undefined): Diagnostic[] {
  if (workspace === undefined || workspace === "") return [...diagnostics];
  const base = resolve(workspace);
  return diagnostics.map((d) => {
    const path = relative(base, resolve(root, d.file));
    if (path === "" || path === ".." || path.startsWith(`..${sep}`) || isAbsolute(path)) return d;
    return { ...d, file: path.split(sep).join("/") };
  });
}
