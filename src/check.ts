import { setImmediate as nextTurn } from "node:timers/promises";
import { resolve } from "node:path";
import type { Series, SeriesIndex } from "./model/index.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import type { RuleId } from "./diagnostics/rules.js";
import { severityTable, toDiagnostics } from "./diagnostics/severity.js";
import { loadSeries } from "./load/load-series.js";
import type { SourceCache } from "./load/source-cache.js";
import type { ParsePool } from "./load/parse-pool.js";
import { ParseCache, type ParseCacheStats } from "./load/parse-cache.js";
import { resolveSeries } from "./resolve/resolve-series.js";
import { validateSeries } from "./validate/validate-series.js";
import { noteHeldBack } from "./validate/held-back.js";
import { computeEveryTime, type FileMemo } from "./validate/file-memo.js";

export interface CheckOptions {
  /** Rules to switch on even when `off` (e.g. `--readability`). */
  readonly forceOn?: readonly RuleId[];
  /** Reuse what earlier loads parsed, for files whose text is unchanged (preview). */
  readonly cache?: SourceCache;
  /** The workers that parse, kept across runs (preview); else the process's shared pool. */
  readonly pool?: ParsePool;
  /** Keep what the loader made of each source file in this folder, for later runs (the CLI's default). */
  readonly cacheDir?: string;
}

export interface CheckResult {
  readonly series: Series;
  readonly index: SeriesIndex;
  readonly diagnostics: readonly Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
  /** How the parse cache was used, when there was one. */
  readonly cache?: ParseCacheStats;
}

/**
 * Runs the checking half of the pipeline: load → resolve → validate, waiting for every file
 * between phases. Throws only for a folder that is not a project (UsageError) or a bug.
 */
export async function checkProject(projectDir: string, options: CheckOptions = {}): Promise<CheckResult> {
  const parseCache = options.cacheDir === undefined ? undefined : await ParseCache.open(options.cacheDir, resolve(projectDir));
  const checked = await checkWith(projectDir, options, parseCache);
  // Only a check that got this far writes the cache: one that threw, or was stopped, leaves the last file as it was.
  const cache = await parseCache?.save();
  return { ...checked, ...(cache ? { cache } : {}) };
}

/** Load → resolve → validate, with the parse cache (if any) open. */
async function checkWith(projectDir: string, options: CheckOptions, parseCache: ParseCache | undefined): Promise<Omit<CheckResult, "cache">> {
  const loaded = await loadSeries(projectDir, {
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.pool ? { pool: options.pool } : {}),
    ...(parseCache ? { parseCache } : {}),
  });
  // The event loop goes round between the stages, so that a signal is answered meanwhile.
  await nextTurn();
  const resolved = resolveSeries(loaded.series);
  const severities = severityTable(loaded.series.config.rules, options.forceOn);
  const enabled = (id: RuleId): boolean => severities.get(id) !== "off";
  const memo = ruleMemo(options.cache);
  await nextTurn();
  const problems = [...noteHeldBack(loaded.problems, loaded.series, resolved.index), ...resolved.problems, ...await validateSeries(loaded.series, resolved.index, { enabled, memo })];
  const diagnostics = toDiagnostics(problems, severities);
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return { series: loaded.series, index: resolved.index, diagnostics, errors, warnings: diagnostics.length - errors };
}

/**
 * Where rules keep per-file results: the memory cache across a preview's rebuilds, else nowhere.
 * The parse cache on disk keeps loader results only, so it never depends on how rules work.
 */
function ruleMemo(memory: SourceCache | undefined): FileMemo {
  if (memory === undefined) return computeEveryTime;
  return (scope, file, text, compute) => memory.memo(scope, file, text, compute);
}
