import { watch, type FSWatcher } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

export interface WatchOptions {
  /** Folders (relative, `/`-separated) never to watch, e.g. the build output. */
  readonly ignoreDirs: readonly string[];
  /** Quiet time that ends a burst of saves. */
  readonly debounceMs: number;
  /** The longest a burst is held back when saves never pause. */
  readonly maxWaitMs?: number;
  /** How often to look for the project folder while it is gone (default 200 ms). */
  readonly rootPollMs?: number;
  /** Called once per burst with the changed files (relative, `/`-separated, sorted). */
  readonly onChange: (files: string[]) => void;
}

export interface ProjectWatcher {
  /** Folders watched right now (one OS watcher each). */
  readonly size: number;
  close(): void;
}

const SKIPPED_DIRS = new Set(["node_modules"]);

/** Editors' backup, swap and lock files: never content. */
function isNoise(name: string): boolean {
  return name.startsWith(".") || name.endsWith("~") || /\.(swp|swx|tmp|crswap)$/.test(name) || /^\d+$/.test(name);
}

/**
 * Watches a project folder and its subfolders (one non-recursive fs.watch per folder, so dot
 * folders, node_modules and the output folder cost nothing) and reports bursts of changes once.
 * New folders are watched as they appear and deleted ones let go.
 *
 * The project folder itself may be removed, or replaced by another (`rm -rf` and a fresh clone,
 * a restore from backup). An OS watcher follows the folder it was given, not the path, so it
 * would sit on a deleted folder for ever: when the folder at the path is gone or is another one,
 * every watcher is let go (a change of the root, reported as ""), the path is looked at now and
 * then until a folder is there, and then everything is watched again and every file in it is
 * reported as changed.
 */
export async function watchProject(root: string, options: WatchOptions): Promise<ProjectWatcher> {
  const watchers = new Map<string, FSWatcher>();
  const ignored = new Set(options.ignoreDirs.map((dir) => dir.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/$/, "")));
  const maxWait = options.maxWaitMs ?? options.debounceMs * 10;
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let firstPending = 0;
  let closed = false;
  /** The folder at `root` being watched (device and inode); undefined while there is none. */
  let rootId: string | undefined;
  let poll: NodeJS.Timeout | undefined;

  const flush = (): void => {
    timer = undefined;
    if (closed || pending.size === 0) return;
    const files = [...pending].sort();
    pending = new Set();
    options.onChange(files);
  };
  const record = (path: string): void => {
    if (pending.size === 0) firstPending = Date.now();
    pending.add(path);
    if (timer !== undefined) clearTimeout(timer);
    const wait = Math.max(0, Math.min(options.debounceMs, firstPending + maxWait - Date.now()));
    timer = setTimeout(flush, wait);
  };

  const skipDir = (rel: string, name: string): boolean => name.startsWith(".") || SKIPPED_DIRS.has(name) || ignored.has(rel);

  const unwatch = (rel: string): void => {
    for (const [dir, watcher] of watchers) {
      if (dir === rel || (rel === "" ? true : dir.startsWith(`${rel}/`))) {
        watcher.close();
        watchers.delete(dir);
      }
    }
  };

  /** Lets go of every watcher when the folder at `root` is not the one watched, and waits for one. */
  const checkRoot = async (): Promise<void> => {
    const watched = rootId;
    const now = await folderId(root);
    if (closed || watched === undefined || rootId !== watched || now === watched) return;
    rootId = undefined;
    unwatch("");
    record("");
    awaitRoot();
  };

  const awaitRoot = (): void => {
    if (closed || poll !== undefined) return;
    poll = setTimeout(() => {
      poll = undefined;
      void (async () => {
        const id = await folderId(root);
        if (closed || rootId !== undefined) return;
        if (id === undefined) {
          awaitRoot();
          return;
        }
        rootId = id;
        record("");
        await watchDir("", true);
      })();
    }, options.rootPollMs ?? 200);
    poll.unref();
  };

  /** Watches a folder and its subfolders; `report` records their files as changed (a folder come back). */
  const watchDir = async (rel: string, report = false): Promise<void> => {
    if (closed || watchers.has(rel) || (rel !== "" && rootId === undefined)) return;
    const abs = rel === "" ? root : join(root, rel);
    let watcher: FSWatcher;
    try {
      watcher = watch(abs, { persistent: true }, (_event, filename) => {
        if (closed) return;
        // Before the noise filter: the root's own removal is reported under its name, which may look like noise.
        if (rel === "") void checkRoot();
        const name = filename === null ? "" : filename.toString();
        if (name !== "" && isNoise(name)) return;
        const path = name === "" ? rel : rel === "" ? name : `${rel}/${name}`;
        record(path);
        if (name !== "") void follow(path, name);
      });
    } catch {
      if (rel === "" && !closed) {
        rootId = undefined;
        awaitRoot(); // the project folder went away meanwhile
      }
      return; // the folder went away meanwhile
    }
    watcher.on("error", () => {
      if (rel !== "") {
        unwatch(rel);
        return;
      }
      rootId = undefined;
      unwatch("");
      record("");
      awaitRoot();
    });
    watchers.set(rel, watcher);
    let entries;
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch {
      return;
    }
    await Promise.all(entries.map(async (entry) => {
      const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!skipDir(child, entry.name)) await watchDir(child, report);
      } else if (report && !isNoise(entry.name)) {
        record(child);
      }
    }));
  };

  /** After a rename in a watched folder: start watching a new subfolder, let go of a removed one. */
  const follow = async (path: string, name: string): Promise<void> => {
    try {
      const info = await stat(join(root, path));
      if (info.isDirectory() && !skipDir(path, name)) await watchDir(path);
    } catch {
      if (watchers.has(path)) unwatch(path);
    }
  };

  rootId = await folderId(root);
  if (rootId === undefined) awaitRoot();
  else await watchDir("");
  return {
    get size() {
      return watchers.size;
    },
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      if (poll !== undefined) clearTimeout(poll);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/** Which folder is at `path` now (device and inode), or undefined when there is no folder there. */
async function folderId(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? `${info.dev}:${info.ino}` : undefined;
  } catch {
    return undefined;
  }
}
