import { readdir } from "node:fs/promises";
import { join } from "node:path";

const SKIPPED = new Set(["node_modules", ".git"]);

/**
 * Every file and folder under the project root (relative, `/`-separated), for link checks.
 * Skips dot-folders, node_modules and the output folder so a big build never slows loading.
 */
export async function listProjectFiles(root: string, outDir: string): Promise<Set<string>> {
  const found = new Set<string>();
  const out = outDir.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/$/, "");
  const walk = async (relative: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(root, relative), { withFileTypes: true });
    } catch {
      return;
    }
    await Promise.all(entries.map(async (entry) => {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name.startsWith(".") || SKIPPED.has(entry.name) || path === out) return;
        found.add(path);
        await walk(path);
      } else {
        found.add(path);
      }
    }));
  };
  await walk("");
  return found;
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
