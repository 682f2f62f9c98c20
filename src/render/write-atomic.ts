import { rmSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { makeFolder } from "../config/make-folder.js";
import { dirname, basename, join } from "node:path";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

/** Writes in progress, by temporary file, so an interrupted build can wait for them and remove them. */
const pending = new Map<string, Promise<void>>();
/** Set on Ctrl-C: no write starts or is renamed into place after that. */
let stopping = false;

/** How long an interrupted build waits for writes already handed to the file system. */
const SETTLE_MS = 3000;

function refused(path: string): Error {
  return new Error(`papersmith is stopping; ${path} was not written.`);
}

/**
 * On Ctrl-C: stops every write still in progress and removes its temporary file; the targets stay
 * as they were. A write the file system is still doing may create its temporary file after this
 * is called, so its end is awaited (for a few seconds at most) before the file is removed.
 */
export async function removePendingWrites(): Promise<void> {
  stopping = true;
  const inFlight = [...pending];
  await Promise.race([Promise.allSettled(inFlight.map(([, write]) => write)), sleep(SETTLE_MS, undefined, { ref: false })]);
  for (const [temp] of inFlight) rmSync(temp, { force: true });
}

/**
 * Writes a file atomically: the bytes go to a temporary file beside the target, which is then
 * renamed over it, so a failed build never leaves a half-written file where a good one stood.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  if (stopping) throw refused(path);
  await makeFolder(dirname(path));
  // Again: Ctrl-C may have come while the folder was made. From here to pending.set, nothing awaits.
  if (stopping) throw refused(path);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const write = (async (): Promise<void> => {
    try {
      await writeFile(temp, content);
      if (stopping) throw refused(path);
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  })();
  pending.set(temp, write.catch(() => undefined));
  try {
    await write;
  } finally {
    pending.delete(temp);
  }
}
