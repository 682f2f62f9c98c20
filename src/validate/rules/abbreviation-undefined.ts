import type { Nodes } from "mdast";
import type { GlossaryEntry, Paper, Series, SeriesIndex } from "../../model/index.js";
import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import { LineIndex } from "../../diagnostics/line-index.js";
import type { ValidationRule } from "../rule.js";
import { KNOWN_ABBREVIATIONS } from "../abbreviations/known-abbreviations.js";
import { abbreviationsInText } from "../abbreviations/abbreviations-in-text.js";

const GLOSSARY_FILE = "glossary.yaml";

/** The term an `:abbr` reference spells out where it stands (its entry's first use in the paper's running text). */
function spelledOutBy(node: Nodes, index: SeriesIndex): string | undefined {
  if (!index.abbreviationFirstUses.has(node)) return undefined;
  const resolution = index.referenceByNode.get(node)?.resolution;
  return resolution?.status === "ok" && resolution.target.kind === "glossary" ? resolution.target.term : undefined;
}

/** The glossary entry for an abbreviation as written ("CCG", or "CCGs" for the entry "CCG"). */
function entryFor(word: string, plural: boolean, glossary: readonly GlossaryEntry[]): GlossaryEntry | undefined {
  return glossary.find((entry) => entry.term === word) ?? (plural ? glossary.find((entry) => entry.term === `${word}s`) : undefined);
}

function check(series: Series, index: SeriesIndex, paper: Paper): Problem[] {
  const source = series.sources.get(paper.file);
  const lines = new LineIndex(source?.text ?? "");
  const uses = abbreviationsInText(paper.body.tree, (line) => lines.line(line), (node) => spelledOutBy(node, index));
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const use of uses) {
    const first = !seen.has(use.term);
    seen.add(use.term);
    if (use.kind === "reference" || !first || use.spelledOut || KNOWN_ABBREVIATIONS.has(use.term)) continue;
    const range = { file: paper.file, start: use.start, end: use.end };
    const entry = entryFor(use.term, use.plural, series.glossary);
    if (entry !== undefined) {
      out.push(problem("abbreviation-undefined", range,
        `"${use.term}" is not spelled out before its first use in this paper. Write :abbr[${entry.id}] here: it prints "${entry.expansion} (${entry.term})" at its first use and "${entry.term}" after.`,
        `:abbr[${entry.id}]`));
    } else {
      out.push(problem("abbreviation-undefined", range,
        `"${use.term}" is not spelled out before its first use in this paper. Spell it out here, as in "… (${use.term})", or add it to glossary.yaml and write :abbr[id] here.`));
    }
  }
  return out;
}

/**
 * `abbreviation-undefined`: an abbreviation written as plain text in a paper's running prose
 * that the paper has not spelled out before, in words ("clinical commissioning group (CCG)") or
 * with the first `:abbr` of its glossary entry; reported once per paper, at its first plain use.
 * A few abbreviations everyone knows never are (see KNOWN_ABBREVIATIONS). While glossary.yaml
 * does not parse, nothing is reported: its `:abbr` references spell nothing out, and every
 * abbreviation after them would be reported for the one slip.
 */
export const abbreviationUndefined: ValidationRule = {
  produces: ["abbreviation-undefined"],
  check(series, index) {
    if (series.unloaded.has(GLOSSARY_FILE)) return [];
    return series.papers.flatMap((paper) => check(series, index, paper));
  },
};
