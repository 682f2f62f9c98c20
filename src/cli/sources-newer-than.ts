import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The folders of sources and assets a project's PDFs are made from (see docs/reference.md#files), besides its top-level files. */
const SOURCE_FOLDERS = ["papers", "sessions", "case-studies", "assets"];

/**
 * True when a project file that PDFs are made from (a top-level file such as papersmith.yaml, or
 * anything under papers/, sessions/, case-studies/ or assets/) was modified after `time` (ms).
 * Only a hint, to start the browser early for a rebuild that will likely print: the build
 * itself decides from file contents what to print. Stops at the first newer file; a few
 * milliseconds for thousands of files.
 */
export function sourcesNewerThan(root: string, time: number): boolean {
  const newer = (path: string): boolean => (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0) > time;
  const folderNewer = (folder: string): boolean => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return false;
    }
    return entries.some((entry) => !entry.name.startsWith(".") &&
      (entry.isDirectory() ? folderNewer(join(folder, entry.name)) : newer(join(folder, entry.name))));
  };
  let top;
  try {
    top = readdirSync(root, { withFileTypes: true });
  } catch {
    return false;
  }
  return top.some((entry) => entry.isFile() && newer(join(root, entry.name))) ||
    SOURCE_FOLDERS.some((folder) => folderNewer(join(root, folder)));
}
