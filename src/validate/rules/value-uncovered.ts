import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";
import { meantTargets } from "../meant-targets.js";

/**
 * `value-uncovered`: a charter value that no case study lists and no paper cites. One that a
 * paper's misspelt `:value` meant (its `ref-missing` suggests it) is not reported again.
 */
export const valueUncovered: ValidationRule = {
  produces: ["value-uncovered"],
  check(series, index) {
    const listed = new Set(series.caseStudies.flatMap((study) => study.values.map((v) => v.id)));
    const meant = meantTargets(index);
    const out: Problem[] = [];
    for (const value of series.charter?.values ?? []) {
      if (listed.has(value.id) || index.citedBy.has(value.id) || meant.has(`value:${value.id}`)) continue;
      out.push(problem("value-uncovered", value.idRange, `No case study lists the value "${value.id}" and no paper cites it with :value[${value.id}].`));
    }
    return out;
  },
};
