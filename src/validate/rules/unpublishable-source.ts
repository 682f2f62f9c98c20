import type { CaseStudy } from "../../model/index.js";
import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";

/** `unpublishable-source`: a final paper embeds or cites a case study not approved or without consent. */
export const unpublishableSource: ValidationRule = {
  name: "unpublishable-source",
  check(_series, index) {
    const out: Problem[] = [];
    for (const { reference, resolution } of index.references) {
      if (reference.kind !== "case" || reference.inPaper?.status !== "final" || resolution.status !== "ok") continue;
      const study = resolution.target as CaseStudy;
      const reasons: string[] = [];
      if (study.status !== "approved") reasons.push(`its status is "${study.status}", not "approved"`);
      if (!study.consent?.obtained) reasons.push(study.consent ? "its consent is not obtained" : "it has no consent record");
      if (reasons.length > 0) {
        out.push(problem("unpublishable-source", reference.range,
          `Final paper ${reference.inPaper.number} uses the case study "${study.id}", but ${reasons.join(" and ")}. Clear the case study for publication or keep the paper in draft.`));
      }
    }
    return out;
  },
};
