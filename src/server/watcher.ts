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
 */
export async function watchProject(root: string, options: WatchOptions): Promise<ProjectWatcher> {
  const watchers = new Map<string, FSWatcher>();
  const ignored = new Set(options.ignoreDirs.map((dir) => dir.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/$/, "")));
  const maxWait = options.maxWaitMs ?? options.debounceMs * 10;
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let firstPending = 0;
  let closed = false;

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

  const watchDir = async (rel: string): Promise<void> => {
    if (closed || watchers.has(rel)) return;
    const abs = rel === "" ? root : join(root, rel);
    let watcher: FSWatcher;
    try {
      watcher = watch(abs, { persistent: true }, (_event, filename) => {
        if (closed) return;
        const name = filename === null ? "" : filename.toString();
        if (name !== "" && isNoise(name)) return;
        const path = name === "" ? rel : rel === "" ? name : `${rel}/${name}`;
        record(path);
        if (name !== "") void follow(path, name);
      });
    } catch {
      return; // the folder went away meanwhile
    }
    watcher.on("error", () => unwatch(rel));
    watchers.set(rel, watcher);
    let entries;
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch {
      return;
    }
    await Promise.all(entries.map(async (entry) => {
      const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory() && !skipDir(child, entry.name)) await watchDir(child);
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

  await watchDir("");
  return {
    get size() {
      return watchers.size;
    },
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
