import { cacheRoot } from "../config/cache-location.js";
import type { ParseCacheStats } from "../load/parse-cache.js";

/** The global `--no-cache` option, as commander gives it (`cache: false` when given). */
export interface CacheOption {
  readonly cache?: boolean;
}

/** The parse cache's folder for this run: none under `--no-cache`, else the per-user cache folder. */
export function cacheDirFor(options: CacheOption, env: NodeJS.ProcessEnv = process.env): { cacheDir?: string } {
  const dir = options.cache === false ? undefined : cacheRoot(env);
  return dir === undefined ? {} : { cacheDir: dir };
}

/** With PAPERSMITH_DEBUG=cache, one line on stderr saying how the parse cache was used. */
export function reportCacheUse(stats: ParseCacheStats | undefined, env: NodeJS.ProcessEnv = process.env): void {
  if (stats === undefined || !(env.PAPERSMITH_DEBUG ?? "").split(",").includes("cache")) return;
  process.stderr.write(`papersmith: cache ${stats.hits} read, ${stats.misses} made, ${stats.written} written, ${stats.dropped} dropped (${stats.file})\n`);
}
