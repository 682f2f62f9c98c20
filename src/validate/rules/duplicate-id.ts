import type { Entity, SourceRange } from "../../model/index.js";
import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";

const KIND_NAMES: Readonly<Record<string, string>> = {
  partner: "partner", value: "charter value", person: "person", quote: "quote", session: "session", case: "case study", finding: "finding",
  glossary: "abbreviation", bibliography: "bibliography entry",
};

function where(range: SourceRange): string {
  return `${range.file}:${range.start.line}:${range.start.column}`;
}

function duplicates(list: readonly { id: string; idRange: SourceRange }[], kindName: string, scope: string): Problem[] {
  if (list.length < 2) return [];
  return list.map((entity) => {
    const others = list.filter((other) => other !== entity).map((other) => where(other.idRange)).join(", ");
    return problem("duplicate-id", entity.idRange, `Another ${kindName}${scope} has the id "${entity.id}" (${others}); ids must be unique.`);
  });
}

/** `duplicate-id`: two entities of one kind with one id, reported at each, naming the others. */
export const duplicateId: ValidationRule = {
  produces: ["duplicate-id"],
  check(_series, index) {
    const out: Problem[] = [];
    for (const [kind, byId] of index.byKind) {
      if (kind === "paper") continue; // papers are numbered: series-numbering reports repeats
      for (const list of byId.values()) out.push(...duplicates(list as readonly Entity[], KIND_NAMES[kind] ?? kind, ""));
    }
    for (const [sessionId, byId] of index.findings) {
      for (const list of byId.values()) out.push(...duplicates(list, "finding", ` in session "${sessionId}"`));
    }
    for (const [paper, anchors] of index.headings) {
      const byId = new Map<string, { id: string; idRange: SourceRange }[]>();
      for (const a of anchors) if (a.explicit) byId.set(a.id, [...(byId.get(a.id) ?? []), { id: a.id, idRange: a.node.data?.explicitIdRange ?? a.range }]);
      for (const list of byId.values()) out.push(...duplicates(list, "heading", ` in ${paper.file}`));
    }
    return out;
  },
};
