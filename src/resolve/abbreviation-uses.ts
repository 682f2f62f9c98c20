import type { Nodes } from "mdast";
import type { GlossaryEntry, Paper, ResolvedReference } from "../model/index.js";
import { visitInReadingOrder } from "./reading-order.js";

/** Which `:abbr` references of the papers spell their abbreviation out, and which abbreviations each paper lists. */
export interface AbbreviationUses {
  /** The `:abbr` node of each paper that is the first use of its entry in running text (not in a heading). */
  readonly firstUses: ReadonlySet<Nodes>;
  /** The glossary entries each paper uses, by term in alphabetical order (its "Abbreviations" list). */
  readonly byPaper: ReadonlyMap<Paper, readonly GlossaryEntry[]>;
}

const byTerm = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/**
 * Finds, in each paper's body in reading order (its notes last), the first `:abbr` of each
 * glossary entry outside a heading (headings stay short: the contents list shows them), which
 * prints the expansion before the abbreviation; every later one prints the abbreviation alone.
 */
export function abbreviationUses(papers: readonly Paper[], referenceByNode: ReadonlyMap<Nodes, ResolvedReference>): AbbreviationUses {
  const firstUses = new Set<Nodes>();
  const byPaper = new Map<Paper, GlossaryEntry[]>();
  for (const paper of papers) {
    const used = new Map<string, GlossaryEntry>();
    const expanded = new Set<string>();
    visitInReadingOrder(paper.body.tree, (node, { inHeading }) => {
      if (node.type !== "textDirective" || node.name !== "abbr") return true;
      const resolution = referenceByNode.get(node)?.resolution;
      if (resolution?.status === "ok" && resolution.target.kind === "glossary") {
        const entry = resolution.target;
        used.set(entry.id, entry);
        if (!inHeading && !expanded.has(entry.id)) {
          expanded.add(entry.id);
          firstUses.add(node);
        }
      }
      return false;
    });
    if (used.size > 0) byPaper.set(paper, [...used.values()].sort((a, b) => byTerm.compare(a.term, b.term) || byTerm.compare(a.id, b.id)));
  }
  return { firstUses, byPaper };
}
