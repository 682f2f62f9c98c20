import type { CaseStudy, Paper } from "../../model/index.js";
import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";

/** Why a case study's status keeps it out of a final paper, quoting the status as written; undefined when it is approved. */
function statusReason(study: CaseStudy): string | undefined {
  if (study.status === "approved") return undefined;
  const written = study.statusWritten;
  if (written === undefined) return "it has no `status` (a case study is a draft until its status is \"approved\")";
  if (written !== study.status) return `its status is "${written}", which is not a status (draft, review or approved)`;
  return `its status is "${written}", not "approved"`;
}

/** Why a case study's consent keeps it out of a final paper, quoting `obtained` as written; undefined when consent was obtained. */
function consentReason(study: CaseStudy): string | undefined {
  const consent = study.consent;
  if (!consent) return "it has no consent record";
  if (consent.obtained) return undefined;
  const written = consent.obtainedWritten;
  if (written === undefined) return "its consent record does not say `obtained: true`";
  return written === "false" ? "its consent record says `obtained: false`" : `its consent record's \`obtained\` is "${written}", not \`true\``;
}

/** What a referred-to paper's status is, when it is not final: a draft, or a status as written that is none. */
function draftStatus(target: Paper): string {
  const written = target.statusWritten;
  return written !== undefined && written !== target.status
    ? `whose status "${written}" is not a status (draft or final), so it counts as a draft`
    : "which is a draft";
}

/**
 * `unpublishable-source`: a final paper embeds or cites a case study not approved or without
 * consent, or refers to a draft paper (whose working title the reference would publish).
 * Messages quote the status and consent as written, never the default that stands in for a
 * missing or invalid one.
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
        const reasons = [statusReason(study), consentReason(study)].filter((reason) => reason !== undefined);
        if (reasons.length > 0) {
          out.push(problem("unpublishable-source", reference.range,
            `Final paper ${paper.number} uses the case study "${study.id}", but ${reasons.join(" and ")}. Clear the case study for publication or keep the paper in draft.`));
        }
      } else if (reference.kind === "paper") {
        const target = resolution.target as Paper;
        if (target.status === "final") continue;
        out.push(problem("unpublishable-source", reference.range,
          `Final paper ${paper.number} refers to paper ${target.number}, ${draftStatus(target)}: a public build would print its working title. Finalise paper ${target.number}, or remove the reference until it is final.`));
      }
    }
    return out;
  },
};
