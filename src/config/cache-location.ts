import { createHash } from "node:crypto";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";

/** The folder, under the cache root, of the files kept for each project. */
export const PROJECTS_FOLDER = "projects";

/**
 * The file under `cacheRoot` holding one kind of cached data (`suffix`: ".parse-cache" for parsed
 * sources, ".pdfs.json" for printed PDFs) for the project at the absolute path `projectRoot`.
 */
export function projectCacheFile(cacheRoot: string, projectRoot: string, suffix: string): string {
  return join(cacheRoot, PROJECTS_FOLDER, createHash("sha256").update(projectRoot).digest("hex").slice(0, 24) + suffix);
}

/** The ledger of the PDFs that builds of the project at `projectRoot` printed (PdfLedger). */
export function pdfLedgerFile(cacheRoot: string, projectRoot: string): string {
  return projectCacheFile(cacheRoot, projectRoot, ".pdfs.json");
}

/**
 * The folder papersmith keeps its parse cache in: PAPERSMITH_CACHE_DIR when set, else the
 * platform's per-user cache folder (XDG_CACHE_HOME or ~/.cache on Linux and macOS,
 * LOCALAPPDATA on Windows) plus `papersmith`. Never inside the project or the output, so it is
 * neither published nor committed by accident. Undefined when there is no home to put it in.
 */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const explicit = env.PAPERSMITH_CACHE_DIR;
  if (explicit !== undefined && explicit !== "") return resolve(explicit);
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && isAbsolute(xdg)) return join(xdg, "papersmith");
  if (platform === "win32" && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, "papersmith", "Cache");
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  return home === "" ? undefined : join(home, ".cache", "papersmith");
}
