import type { Series, SeriesIndex } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import type { RuleId } from "../diagnostics/rules.js";
import type { FileMemo } from "./file-memo.js";

/**
 * One validation rule over the resolved project: reads the model and index, returns problems.
 * `memo` keeps per-file work between runs (see FileMemo).
 */
export interface ValidationRule {
  /** The rule id it reports, or a name for a check that reports several (listed in `produces`). */
  readonly name: string;
  /** The rule ids it reports, when more than its name: it is skipped when all of them are off. */
  readonly produces?: readonly RuleId[];
  check(series: Series, index: SeriesIndex, memo: FileMemo): Problem[];
}
