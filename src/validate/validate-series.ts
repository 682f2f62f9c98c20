import { setImmediate as nextTurn } from "node:timers/promises";
import type { Series, SeriesIndex } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import type { ValidationRule } from "./rule.js";
import { computeEveryTime, type FileMemo } from "./file-memo.js";
import type { RuleId } from "../diagnostics/rules.js";
import { duplicateId } from "./rules/duplicate-id.js";
import { figuresAndTables } from "./rules/figures-and-tables.js";
import { references } from "./rules/references.js";
import { links } from "./rules/links.js";
import { directiveCycle } from "./rules/directive-cycle.js";
import { blockNesting } from "./rules/block-nesting.js";
import { seriesNumbering } from "./rules/series-numbering.js";
import { unpublishableSource } from "./rules/unpublishable-source.js";
import { unusedEntity } from "./rules/unused-entity.js";
import { valueUncovered } from "./rules/value-uncovered.js";
import { brandContrast } from "./rules/brand-contrast.js";
import { personalDataRule } from "./rules/personal-data.js";
import { readability } from "./rules/readability.js";
import { accessibilityContact } from "./rules/accessibility-contact.js";
import { abbreviationUndefined } from "./rules/abbreviation-undefined.js";
import { releaseIncomplete } from "./rules/release-incomplete.js";
import { citations } from "./rules/citations.js";

/**
 * The checks run over every resolved project, in this order (the only place it is written):
 * one for each `validate` rule of the catalogue, some covering several.
 */
export const VALIDATION_RULES: readonly ValidationRule[] = [
  duplicateId, references, directiveCycle, blockNesting, links, seriesNumbering, unpublishableSource, unusedEntity,
  valueUncovered, brandContrast, personalDataRule((series) => series.config.personalDataAllow), readability,
  accessibilityContact, figuresAndTables, abbreviationUndefined, citations, releaseIncomplete,
];

/** How validateSeries runs: which rules, which of their ids are on, and where per-file work is kept. */
export interface ValidateOptions {
  readonly enabled?: (id: RuleId) => boolean;
  readonly rules?: readonly ValidationRule[];
  readonly memo?: FileMemo;
}

/**
 * Runs the validation rules over the resolved project and returns all their problems. A rule
 * whose ids are all switched off is not run at all (readability is off by default and costly).
 * The event loop goes round between rules, so that a signal is answered while a large series
 * is being validated.
 */
export async function validateSeries(series: Series, index: SeriesIndex, options: ValidateOptions = {}): Promise<Problem[]> {
  const { enabled = () => true, rules = VALIDATION_RULES, memo = computeEveryTime } = options;
  const problems: Problem[] = [];
  for (const rule of rules.filter((candidate) => candidate.produces.some(enabled))) {
    problems.push(...rule.check(series, index, memo));
    await nextTurn();
  }
  return problems;
}
