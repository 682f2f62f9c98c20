import type { EntityKind } from "../../model/index.js";
import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";
import { isHeldBack, kindsNotAllKnown } from "../held-back.js";
import { anchorMissingMessage } from "./anchor-missing.js";

const NAMES: Readonly<Record<EntityKind, string>> = {
  partner: "partner", value: "charter value", person: "person", quote: "quote", session: "session", finding: "finding", case: "case study", paper: "paper",
  glossary: "glossary entry",
};
const DIRECTIVE_FOR: Readonly<Partial<Record<EntityKind, string>>> = {
  value: ":value[…]", case: ":case[…] or ::case-study{#…}", session: ":session[…]", person: ":person[…]", quote: "::quote{#…}",
  glossary: ":abbr[…]",
};

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** `ref-missing`, `ref-kind` and `anchor-missing`: one message per reference that does not resolve. */
export const references: ValidationRule = {
  produces: ["ref-missing", "ref-kind", "anchor-missing"],
  check(series, index) {
    const out: Problem[] = [];
    const notAllKnown = kindsNotAllKnown(series.unloaded);
    for (const resolved of index.references) {
      // Counted in the message of the file that does not parse (see noteHeldBack) instead.
      if (isHeldBack(resolved, notAllKnown)) continue;
      const { reference: ref, resolution } = resolved;
      const what = NAMES[ref.kind];
      if (resolution.status === "missing") {
        const hint = resolution.suggestion ? ` Did you mean "${resolution.suggestion}"?` : "";
        const message = ref.kind === "paper"
          ? `There is no paper numbered "${ref.id}".`
          : `There is no ${ref.kind === "finding" ? "session" : what} with the id "${ref.id}".${hint}`;
        out.push(problem("ref-missing", ref.range, message, resolution.suggestion));
      } else if (resolution.status === "wrong-kind") {
        const actual = resolution.actual.map((k) => NAMES[k]).join(" and ");
        const fix = resolution.actual.map((k) => DIRECTIVE_FOR[k]).filter(Boolean).join(" or ");
        const expected = ref.kind === "finding" ? "session" : what;
        out.push(problem("ref-kind", ref.range,
          `"${ref.id}" is ${article(actual)}, not ${article(expected)}${ref.syntax === "field" ? ` (\`${ref.via}\` lists ${expected} ids)` : ""}.${fix && ref.syntax !== "field" ? ` Refer to it with ${fix}.` : ""}`));
      } else if (resolution.status === "anchor-missing") {
        const message = anchorMissingMessage(ref, resolution.target, index, resolution.suggestion);
        out.push(problem("anchor-missing", ref.range, message, resolution.suggestion));
      }
    }
    return out;
  },
};
