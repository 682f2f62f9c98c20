import { lstat, readFile, rmdir, unlink } from "node:fs/promises";
import { join, posix } from "node:path";
import { writeFileAtomic } from "./write-atomic.js";
import { refuseLinksInOutput } from "./output-links.js";

/** The file in `outDir` that lists what papersmith wrote there. */
export const MANIFEST_FILE = ".papersmith-manifest.json";

interface ManifestData {
  readonly papersmith: 1;
  /** Paths relative to `outDir`, `/`-separated, sorted. */
  readonly files: readonly string[];
}

/**
 * A path papersmith may have written: relative, no `.` or `..` step, not the manifest itself.
 * Anything else in a manifest (edited by hand, or planted by a hostile project) is ignored, so
 * removal never reaches outside `outDir`.
 */
function isOutputPath(path: unknown): path is string {
  if (typeof path !== "string" || path === "" || path.includes("\\") || path.includes("\0")) return false;
  if (path.startsWith("/") || path === MANIFEST_FILE) return false;
  return path.split("/").every((step) => step !== "" && step !== "." && step !== "..");
}

async function readManifest(outDir: string): Promise<Set<string>> {
  try {
    const data = JSON.parse(await readFile(join(outDir, MANIFEST_FILE), "utf8")) as Partial<ManifestData>;
    return new Set(Array.isArray(data.files) ? data.files.filter(isOutputPath) : []);
  } catch {
    return new Set(); // no manifest yet (or an unreadable one): nothing is known to be papersmith's
  }
}

/** True when every folder from `outDir` down to `path`'s own is a real folder, not a symbolic link. */
async function insideWithoutLinks(outDir: string, path: string): Promise<boolean> {
  const steps = path.split("/").slice(0, -1);
  let dir = outDir;
  for (const step of steps) {
    dir = join(dir, step);
    const stat = await lstat(dir).catch(() => undefined);
    if (stat === undefined || !stat.isDirectory()) return false;
  }
  return true;
}

/**
 * What papersmith wrote in an output folder, so that each build leaves there exactly what it
 * wrote: files an earlier build wrote and this one did not are removed, and nothing else is
 * ever touched (a user's own `CNAME` stays).
 *
 * Before a build writes, `expect` records every file it may write together with what the last
 * build wrote; only once the build has finished does `finish` remove the stale files and record
 * this build's own. A build that fails or is killed half way leaves a manifest that still covers
 * everything it may have written, so the next good build tidies up after it.
 */
export class OutputManifest {
  private readonly known: Set<string>;

  private constructor(private readonly outDir: string, previous: ReadonlySet<string>) {
    this.known = new Set(previous);
  }

  /** Reads the manifest of `outDir` (empty when there is none). */
  static async open(outDir: string): Promise<OutputManifest> {
    return new OutputManifest(outDir, await readManifest(outDir));
  }

  /**
   * Records files this build is about to write, before it writes them; refuses (EnvironmentError)
   * when a symbolic link stands on the way to any of them.
   */
  async expect(paths: readonly string[]): Promise<void> {
    await refuseLinksInOutput(this.outDir, [...paths, MANIFEST_FILE]);
    const before = this.known.size;
    for (const path of paths) if (isOutputPath(path)) this.known.add(path);
    if (this.known.size !== before) await this.save(this.known);
  }

  /**
   * After a successful build: removes what earlier builds wrote and this one did not (regular
   * files only, never through a symbolic link), then folders left empty by that, and records
   * `written` as the folder's contents. Returns the paths removed.
   */
  async finish(written: readonly string[]): Promise<string[]> {
    const keep = new Set(written);
    const removed: string[] = [];
    for (const path of [...this.known].sort()) {
      if (keep.has(path)) continue;
      if (!(await insideWithoutLinks(this.outDir, path))) continue;
      const file = join(this.outDir, path);
      const stat = await lstat(file).catch(() => undefined);
      if (stat?.isFile() !== true) continue;
      await unlink(file);
      removed.push(path);
      await this.removeEmptyFolders(posix.dirname(path));
    }
    await this.save(keep);
    return removed;
  }

  /** Removes `folder` and its parents inside outDir while they are empty. */
  private async removeEmptyFolders(folder: string): Promise<void> {
    for (let dir = folder; dir !== "." && dir !== ""; dir = posix.dirname(dir)) {
      try {
        await rmdir(join(this.outDir, dir));
      } catch {
        return; // not empty (or already gone): its parents are not empty either
      }
    }
  }

  private async save(files: ReadonlySet<string>): Promise<void> {
    const data: ManifestData = { papersmith: 1, files: [...files].filter(isOutputPath).sort() };
    await writeFileAtomic(join(this.outDir, MANIFEST_FILE), `${JSON.stringify(data, null, 1)}\n`);
  }
}

