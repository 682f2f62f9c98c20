import { lstat } from "node:fs/promises";
import { join } from "node:path";
import { EnvironmentError } from "../diagnostics/errors.js";

/**
 * Refuses to write where a symbolic link would carry the write elsewhere: every folder from
 * `outDir` down to each file, and each file itself, must be a real folder or file, or not
 * exist yet. papersmith never makes links, so one there was put by someone else; a project that
 * ships `dist/assets` as a link to `~/.ssh` must not get a build to write into it.
 *
 * @throws EnvironmentError (exit 3) naming the link, before anything is written through it.
 */
export async function refuseLinksInOutput(outDir: string, paths: readonly string[]): Promise<void> {
  const checked = new Map<string, Promise<void>>();
  const check = (relative: string, folder: boolean): Promise<void> => {
    let done = checked.get(relative);
    if (done === undefined) {
      done = (async () => {
        const stat = await lstat(join(outDir, relative)).catch(() => undefined);
        if (stat === undefined) return;
        if (stat.isSymbolicLink()) {
          throw new EnvironmentError(`${join(outDir, relative)} is a symbolic link, which papersmith did not make; it never writes through one. Remove the link (or choose another output folder) and build again.`);
        }
        if (folder && !stat.isDirectory()) return; // the write itself reports a file in the way
      })();
      checked.set(relative, done);
    }
    return done;
  };
  await Promise.all(paths.map(async (path) => {
    const steps = path.split("/");
    for (let i = 1; i < steps.length; i++) await check(steps.slice(0, i).join("/"), true);
    await check(path, false);
  }));
}
