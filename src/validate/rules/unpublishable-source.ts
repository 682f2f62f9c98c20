import type { CaseStudy, Paper } from "../../model/index.js";
import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";

/**
 * `unpublishable-source`: a final paper embeds or cites a case study not approved or without
 * consent, or refers to a draft paper (whose working title the reference would publish).
 */
export const unpublishableSource: ValidationRule = {
  produces: ["unpublishable-source"],
  check(_series, index) {
    const out: Problem[] = [];
    for (const { reference, resolution } of index.references) {
      const paper = reference.inPaper;
      if (paper?.status !== "final" || resolution.status !== "ok") continue;
      if (reference.kind === "case") {
        const study = resolution.target as CaseStudy;
        const reasons: string[] = [];
        if (study.status !== "approved") reasons.push(`its status is "${study.status}", not "approved"`);
        if (!study.consent?.obtained) reasons.push(study.consent ? "its consent is not obtained" : "it has no consent record");
        if (reasons.length > 0) {
          out.push(problem("unpublishable-source", reference.range,
            `Final paper ${paper.number} uses the case study "${study.id}", but ${reasons.join(" and ")}. Clear the case study for publication or keep the paper in draft.`));
        }
      } else if (reference.kind === "paper") {
        const target = resolution.target as Paper;
        if (target.status === "final") continue;
        out.push(problem("unpublishable-source", reference.range,
          `Final paper ${paper.number} refers to paper ${target.number}, which is a draft: a public build would print its working title. Finalise paper ${target.number}, or remove the reference until it is final.`));
      }
    }
    return out;
  },
};
