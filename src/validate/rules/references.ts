import type { EntityKind, Reference, SeriesIndex } from "../../model/index.js";
import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";
import { isHeldBack, kindsNotAllKnown } from "../held-back.js";
import { anchorMissingMessage } from "./anchor-missing.js";

const NAMES: Readonly<Record<EntityKind, string>> = {
  partner: "partner", value: "charter value", person: "person", quote: "quote", session: "session", finding: "finding", case: "case study", paper: "paper",
  glossary: "glossary entry", bibliography: "bibliography entry",
};
const DIRECTIVE_FOR: Readonly<Partial<Record<EntityKind, string>>> = {
  value: ":value[…]", case: ":case[…] or ::case-study{#…}", session: ":session[…]", person: ":person[…]", quote: "::quote{#…}",
  glossary: ":abbr[…]",
};

/**
 * `:figure[x]` or `:table[x]` naming nothing of that kind in its paper: `ref-kind` when `x` is
 * the other kind (a table named as a figure), else `ref-missing` with the near id or the ids there are.
 */
function figureMissing(ref: Reference, index: SeriesIndex, suggestion: string | undefined): Problem {
  const id = ref.anchor ?? "";
  const figures = (ref.inPaper ? index.figures.get(ref.inPaper) : undefined) ?? [];
  const other = figures.find((f) => f.id === id && f.label !== ref.via);
  if (other) return problem("ref-kind", ref.range, `"${id}" is a ${other.label}, not a ${ref.via}. Refer to it with :${other.label}[${id}].`);
  const ids = figures.filter((f) => f.label === ref.via && f.id !== undefined).map((f) => f.id);
  const there = ids.length === 0
    ? ` It has none with an id: write one as \`:::${ref.via}{#${id}}\`.`
    : ` Its ${ref.via} ids: ${ids.join(", ")}.`;
  const near = suggestion === undefined ? there : ` Did you mean "${suggestion}"?`;
  return problem("ref-missing", ref.range, `This paper has no ${ref.via} with the id "${id}".${near}`, suggestion);
}

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
      if (ref.via === "cite") continue; // cite-missing (citations.ts)
      const what = NAMES[ref.kind];
      if (resolution.status === "missing" && (ref.via === "figure" || ref.via === "table")) {
        out.push(figureMissing(ref, index, resolution.suggestion));
      } else if (resolution.status === "missing") {
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
