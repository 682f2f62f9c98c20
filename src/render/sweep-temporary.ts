import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";

/** The temporary name writeFileAtomic gives a file while it is written: `.<name>.<pid>.<hex>.tmp`. */
const TEMPORARY = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** True while a process with this id runs (one of another user's counts too). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the temporary files that builds killed while writing (`kill -9`, a power cut) left in
 * `outDir`: only names writeFileAtomic makes, only of processes no longer running, never through
 * a symbolic link. Returns how many were removed.
 */
export async function sweepTemporaryFiles(outDir: string): Promise<number> {
  let removed = 0;
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    await Promise.all(entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      const match = entry.isFile() ? TEMPORARY.exec(entry.name) : null;
      if (match === null || isRunning(Number(match[1]))) return;
      await rm(path, { force: true });
      removed += 1;
    }));
  };
  await walk(outDir);
  return removed;
}
