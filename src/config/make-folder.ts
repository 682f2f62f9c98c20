import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Makes `folder` and any missing parents, one level at a time, with `mode` for each folder it
 * makes. Node's recursive mkdir never returns for a path inside a file system that refuses new
 * folders, such as /proc (`build --out /proc/x` hung); this fails with the system's error instead.
 */
export async function makeFolder(folder: string, mode?: number): Promise<void> {
  const options = mode === undefined ? {} : { mode };
  try {
    await mkdir(folder, options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return;
    if (code !== "ENOENT" || dirname(folder) === folder) throw error;
    await makeFolder(dirname(folder), mode);
    try {
      await mkdir(folder, options);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code !== "EEXIST") throw again;
    }
  }
}
