import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";
import { meantTargets } from "../meant-targets.js";

/**
 * `unused-entity`: a case study, quote, session or finding that no paper uses. One that a
 * paper's misspelt reference meant (its `ref-missing` suggests it) is not reported again.
 */
export const unusedEntity: ValidationRule = {
  produces: ["unused-entity"],
  check(series, index) {
    const out: Problem[] = [];
    // A paper that could not be read or parsed may be the one that uses them.
    if ([...series.unloaded].some((file) => file.startsWith("papers/"))) return out;
    const meant = meantTargets(index);
    const unused = (key: string): boolean => !index.usedBy.has(key) && !meant.has(key);
    for (const study of series.caseStudies) {
      if (unused(`case:${study.id}`)) out.push(problem("unused-entity", study.idRange, `No paper uses the case study "${study.id}" (with :case[${study.id}] or ::case-study{#${study.id}}).`));
    }
    for (const quote of series.quotes) {
      if (unused(`quote:${quote.id}`)) out.push(problem("unused-entity", quote.idRange, `No paper uses the quote "${quote.id}" (with ::quote{#${quote.id}}).`));
    }
    for (const session of series.sessions) {
      if (unused(`session:${session.id}`)) out.push(problem("unused-entity", session.idRange, `No paper uses the session "${session.id}" or any of its findings.`));
      for (const finding of session.findings) {
        if (unused(`finding:${session.id}#${finding.id}`)) {
          out.push(problem("unused-entity", finding.range, `No paper uses the finding "${finding.id}" (with :finding[${session.id}#${finding.id}]).`));
        }
      }
    }
    return out;
  },
};
