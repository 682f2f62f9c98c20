import { performance } from "node:perf_hooks";
import { checkProject, type CheckResult } from "../check.js";
import { isFileLimitError, UsageError } from "../diagnostics/errors.js";
import { SourceCache } from "../load/source-cache.js";
import { ParsePool } from "../load/parse-pool.js";
import { renderContext, type RenderContext } from "../render/renderer.js";
import { retryOnFileLimit, type FileLimitRetry } from "./retry-file-limit.js";

/** What one rebuild gave. */
export type Rebuild =
  /** The project has no errors: a new render to serve, drafts included. */
  | { readonly kind: "ok"; readonly check: CheckResult; readonly context: RenderContext; readonly ms: number }
  /** The project has errors: keep serving the last good render. */
  | { readonly kind: "errors"; readonly check: CheckResult; readonly ms: number }
  /** The folder stopped being a project (papersmith.yaml removed…): a UsageError's message. */
  | { readonly kind: "unusable"; readonly message: string; readonly ms: number }
  /** The machine ran out of open files, retries included: keep serving the last good render. */
  | { readonly kind: "failed"; readonly message: string; readonly ms: number };

/** One line for the terminal and the overlay when the file limit outlasts the retries. */
export const FILE_LIMIT_MESSAGE =
  "Too many open files: the project could not be read, so the preview still shows the last good build. Close some programs or raise the limit (ulimit -n), then save again.";

/**
 * Checks the project again after each batch of saves, for a new render. One SourceCache lives
 * across rebuilds, so only files whose text changed are parsed again; the loaded entities are
 * immutable and shared between renders.
 *
 * The first build also reads the parse cache on disk, so a large series starts sooner; later
 * rebuilds use the memory cache only, so a save never waits for the project's cache file to be
 * written again.
 */
export class SiteBuilder {
  readonly #cache = new SourceCache();
  /** The parse workers, started at the first file to parse and kept for later saves. */
  readonly #pool = new ParsePool();
  #diskCacheDir: string | undefined;

  constructor(readonly projectDir: string, diskCacheDir?: string, readonly retry: FileLimitRetry = {}) {
    this.#diskCacheDir = diskCacheDir;
  }

  async rebuild(): Promise<Rebuild> {
    const started = performance.now();
    const ms = (): number => Math.round(performance.now() - started);
    let check: CheckResult;
    try {
      const cacheDir = this.#diskCacheDir;
      this.#diskCacheDir = undefined;
      check = await retryOnFileLimit(() => checkProject(this.projectDir, { cache: this.#cache, pool: this.#pool, ...(cacheDir === undefined ? {} : { cacheDir }) }), this.retry);
    } catch (error) {
      if (error instanceof UsageError) return { kind: "unusable", message: error.message, ms: ms() };
      if (isFileLimitError(error)) return { kind: "failed", message: FILE_LIMIT_MESSAGE, ms: ms() };
      throw error;
    }
    if (check.errors > 0) return { kind: "errors", check, ms: ms() };
    return { kind: "ok", check, context: renderContext(check.series, check.index, { includeDrafts: true }), ms: ms() };
  }

  /** Ends the parse workers. */
  close(): Promise<void> {
    return this.#pool.close();
  }

  /** Source files held by the cache (for tests: it follows the project, not the number of saves). */
  get cachedFiles(): number {
    return this.#cache.size;
  }
}
