import { readdir, realpath } from "node:fs/promises";
import { join, sep } from "node:path";
import { isFileLimitError } from "../diagnostics/errors.js";

const SKIPPED = new Set(["node_modules", ".git"]);

export interface ProjectFiles {
  /** Every file and folder inside the project, relative and `/`-separated. */
  readonly files: Set<string>;
  /** Symbolic links whose target lies outside the project (never read, never copied). */
  readonly outside: Set<string>;
}

/**
 * Every file and folder under the project root (relative, `/`-separated), for link checks.
 * Skips dot-folders, node_modules and the output folder so a big build never slows loading.
 * A symbolic link counts only when its target is inside the project; one that leads out is
 * listed apart, so that links through it are refused rather than followed.
 */
export async function listProjectFiles(root: string, outDir: string): Promise<ProjectFiles> {
  const found = new Set<string>();
  const outside = new Set<string>();
  const realRoot = await realpath(root);
  const out = outDir.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/$/, "");
  const walk = async (relative: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(root, relative), { withFileTypes: true });
    } catch (error) {
      // Out of file descriptors is no empty folder: a project missing half its files would follow.
      if (isFileLimitError(error)) throw error;
      return;
    }
    await Promise.all(entries.map(async (entry) => {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name.startsWith(".") || SKIPPED.has(entry.name) || path === out) return;
        found.add(path);
        await walk(path);
      } else if (entry.isSymbolicLink()) {
        const target = await realpath(join(root, path)).catch((error: unknown) => {
          if (isFileLimitError(error)) throw error;
          return undefined;
        });
        if (target === undefined) return; // a dangling link: nothing there
        // A link to a folder inside the project is listed but not walked (that folder is walked itself).
        if (target !== realRoot && !target.startsWith(realRoot + sep)) outside.add(path);
        else found.add(path);
      } else {
        found.add(path);
      }
    }));
  };
  await walk("");
  return { files: found, outside };
}

/** The `.md` files directly in a project folder, sorted by code-unit order; none if it is absent. */
export async function markdownFilesIn(root: string, folder: string): Promise<string[]> {
  try {
    const entries = await readdir(join(root, folder), { withFileTypes: true });
    return entries.filter((e) => e.name.endsWith(".md") && !e.name.startsWith(".")).map((e) => `${folder}/${e.name}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR") return [];
    throw error;
  }
}
