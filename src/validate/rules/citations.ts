import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";
import { isHeldBack, kindsNotAllKnown } from "../held-back.js";

/**
 * `cite-missing`: a `:cite` key that names no entry of references.yaml, at the key, with the
 * nearest id; and `reference-unused`: an entry no paper cites, at its id. While references.yaml
 * does not parse, neither is reported: its own problem is the one to fix.
 */
export const citations: ValidationRule = {
  produces: ["cite-missing", "reference-unused"],
  check(series, index) {
    const out: Problem[] = [];
    const notAllKnown = kindsNotAllKnown(series.unloaded);
    const cited = new Set<string>();
    const files = [...new Set(series.bibliography.map((entry) => entry.idRange.file))].sort();
    const where = files.length === 0 ? "references.yaml" : files.join(" or ");
    for (const resolved of index.references) {
      const { reference: ref, resolution } = resolved;
      if (ref.via !== "cite") continue;
      if (resolution.status === "ok") {
        cited.add(ref.id);
        continue;
      }
      if (isHeldBack(resolved, notAllKnown)) continue;
      const suggestion = resolution.status === "missing" ? resolution.suggestion : undefined;
      const none = series.bibliography.length === 0 ? " The series has no bibliography entries yet." : "";
      const hint = suggestion === undefined ? none : ` Did you mean "${suggestion}"?`;
      out.push(problem("cite-missing", ref.range, `There is no entry with the id "${ref.id}" in ${where}.${hint}`, suggestion));
    }
    if (notAllKnown.has("bibliography")) return out;
    for (const entry of series.bibliography) {
      if (cited.has(entry.id)) continue;
      out.push(problem("reference-unused", entry.idRange, `No paper cites the reference "${entry.id}". Cite it with :cite[${entry.id}] where the text draws on it, or remove it.`));
    }
    return out;
  },
};
