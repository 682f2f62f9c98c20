import { createHash } from "node:crypto";
import { readdir, realpath, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

/** Where fontconfig finds fonts and its configuration on Linux (system, local, per-user). */
function fontFolders(): string[] {
  let home = "";
  try {
    home = homedir();
  } catch {
    // no home: the system folders only
  }
  return ["/etc/fonts", "/usr/share/fonts", "/usr/local/share/fonts", ...(home === "" ? [] : [join(home, ".fonts"), join(home, ".local/share/fonts")])];
}

/** Each folder under `root` (itself included) with its modification time; nothing for a missing one. */
async function folderTimes(root: string, depth = 0): Promise<string[]> {
  const info = await stat(root).catch(() => undefined);
  if (info === undefined || !info.isDirectory() || depth > 8) return [];
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.filter((entry) => entry.isDirectory()).map((entry) => folderTimes(join(root, entry.name), depth + 1)));
  return [`${root}\0${info.mtimeMs}`, ...nested.flat()];
}

/**
 * A digest of what, besides the document, decides a printed PDF's bytes on this machine: the
 * browser (its executable's real path, size and time: a new version is a new file) and the
 * fonts it may use (the time of every font folder, which changes when a font is added, removed
 * or replaced by a package: what fontconfig itself checks before trusting its cache). A PDF
 * printed under another stamp is never kept (PdfLedger).
 */
export async function printEnvironmentStamp(executable: string): Promise<string> {
  const browser = await realpath(executable).catch(() => executable);
  const info = await stat(browser).catch(() => undefined);
  const fonts = (await Promise.all(fontFolders().map((folder) => folderTimes(folder)))).flat().sort();
  return createHash("sha256").update(`${browser}\0${info?.size}\0${info?.mtimeMs}\0`).update(fonts.join("\n")).digest("hex");
}
