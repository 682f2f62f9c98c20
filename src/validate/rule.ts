import type { Series, SeriesIndex } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import type { RuleId } from "../diagnostics/rules.js";
import type { FileMemo } from "./file-memo.js";

/**
 * The check behind one or more `validate` rules of the catalogue (src/diagnostics/
 * rule-declarations.ts, where their severity, title and hint are declared): reads the model and
 * index, returns problems. `memo` keeps per-file work between runs (see FileMemo).
 */
export interface ValidationRule {
  /** The rule ids it reports, and only those: it is skipped when all of them are off. */
  readonly produces: readonly [RuleId, ...RuleId[]];
  check(series: Series, index: SeriesIndex, memo: FileMemo): Problem[];
}
