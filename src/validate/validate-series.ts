import type { Series, SeriesIndex } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import type { ValidationRule } from "./rule.js";
import { duplicateId } from "./rules/duplicate-id.js";
import { references } from "./rules/references.js";
import { links } from "./rules/links.js";
import { seriesNumbering } from "./rules/series-numbering.js";
import { unpublishableSource } from "./rules/unpublishable-source.js";
import { unusedEntity } from "./rules/unused-entity.js";
import { valueUncovered } from "./rules/value-uncovered.js";
import { brandContrast } from "./rules/brand-contrast.js";
import { personalData } from "./rules/personal-data.js";
import { readability } from "./rules/readability.js";

/** The rules run over every resolved project, in this order (the only place it is written). */
export const VALIDATION_RULES: readonly ValidationRule[] = [
  duplicateId, references, links, seriesNumbering, unpublishableSource, unusedEntity, valueUncovered, brandContrast,
  personalData, readability,
];

/** Runs every validation rule over the resolved project and returns all their problems. */
export function validateSeries(series: Series, index: SeriesIndex, rules: readonly ValidationRule[] = VALIDATION_RULES): Problem[] {
  return rules.flatMap((rule) => rule.check(series, index));
}
