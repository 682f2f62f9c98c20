import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";

/** `value-uncovered`: a charter value that no case study lists and no paper cites. */
export const valueUncovered: ValidationRule = {
  produces: ["value-uncovered"],
  check(series, index) {
    const listed = new Set(series.caseStudies.flatMap((study) => study.values.map((v) => v.id)));
    const out: Problem[] = [];
    for (const value of series.charter?.values ?? []) {
      if (listed.has(value.id) || index.citedBy.has(value.id)) continue;
      out.push(problem("value-uncovered", value.idRange, `No case study lists the value "${value.id}" and no paper cites it with :value[${value.id}].`));
    }
    return out;
  },
};
