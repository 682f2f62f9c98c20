import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";

/**
 * `release-incomplete`: a press release with no quotes or no contacts. A release goes to
 * journalists, who quote the partners' chief executives and ring the press office; one without
 * either still builds, but is not yet the release the partners send. Reported at `release`.
 */
export const releaseIncomplete: ValidationRule = {
  produces: ["release-incomplete"],
  check(series) {
    const out: Problem[] = [];
    for (const paper of series.papers) {
      const release = paper.release;
      if (!release) continue;
      const missing = [
        ...(release.quotes.length === 0 ? ["quotes"] : []),
        ...(release.contacts.length === 0 ? ["contacts"] : []),
      ];
      if (missing.length === 0) continue;
      const what = missing.length === 2 ? "no quotes and no contacts" : `no ${missing[0]}`;
      out.push(problem("release-incomplete", release.range,
        `The press release of Paper ${paper.number} has ${what}. Add ${missing.map((m) => `\`${m}:\``).join(" and ")} (${missing.map((m) => (m === "quotes" ? "quote ids from quotes.yaml" : "person ids from people.yaml")).join("; ")}) so journalists have ${missing.map((m) => (m === "quotes" ? "someone to quote" : "someone to call")).join(" and ")}.`));
    }
    return out;
  },
};
