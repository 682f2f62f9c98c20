import type { Series, SeriesIndex } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";

/** One validation rule over the resolved project: reads the model and index, returns problems. */
export interface ValidationRule {
  readonly name: string;
  check(series: Series, index: SeriesIndex): Problem[];
}
