import { createRequire } from "node:module";
import type { BibliographyEntry, SourceRange, SourceText } from "../model/index.js";
import { problem, type Problem } from "../diagnostics/diagnostic.js";
import { fileStart } from "../diagnostics/position-range.js";
import { LineTable } from "./line-table.js";
import { checkedItem } from "./load-bibliography.js";

/** The BibTeX file of the bibliography, read beside (or instead of) references.yaml. */
export const BIBTEX_FILE = "references.bib";

const requirePackage = createRequire(import.meta.url);
type CitationPlugins = typeof import("@citation-js/core").plugins;
let bibtexPlugins: CitationPlugins | undefined;

/**
 * citation-js with its BibTeX parser, loaded the first time a references.bib is read: every
 * check (and every parse worker) would otherwise spend about 50 ms loading it for projects that
 * have no such file.
 */
function citationPlugins(): CitationPlugins {
  if (bibtexPlugins === undefined) {
    const core = requirePackage("@citation-js/core") as typeof import("@citation-js/core");
    requirePackage("@citation-js/plugin-bibtex");
    bibtexPlugins = core.plugins;
  }
  return bibtexPlugins;
}

/** `@type{key,` of an entry (not `@string`, `@preamble` or `@comment`), with the key's place. */
const ENTRY = /@([A-Za-z]+)\s*[{(]\s*([^\s,{}()]+)\s*,/g;
const NOT_ENTRIES = new Set(["string", "preamble", "comment"]);

/**
 * The `genre` the BibTeX parser gives an entry from its type alone (`@techreport` is "techreport"),
 * which a style would print as written: a thesis's as the words for it, a report's not at all.
 */
const TYPE_GENRES: Readonly<Record<string, string | undefined>> = { techreport: undefined, phdthesis: "PhD thesis", mastersthesis: "Master's thesis" };

/** The key of each entry and where it is written, in file order. */
function entryKeys(text: string, lines: LineTable, file: string): Map<string, SourceRange[]> {
  const keys = new Map<string, SourceRange[]>();
  for (const match of text.matchAll(ENTRY)) {
    const [whole, type = "", key = ""] = match;
    if (NOT_ENTRIES.has(type.toLowerCase())) continue;
    const offset = (match.index ?? 0) + whole.indexOf(key, type.length + 1);
    const start = lines.pointAt(offset);
    const range: SourceRange = { file, start: { line: start.line, column: start.column }, end: { line: start.line, column: start.column + key.length } };
    keys.set(key, [...(keys.get(key) ?? []), range]);
  }
  return keys;
}

/** The parser's "… at line 16 col 1:" as a position, and its first line as the message. */
function syntaxProblem(error: unknown, file: string): Problem {
  const message = error instanceof Error ? error.message : String(error);
  const at = /at line (\d+) col (\d+)/.exec(message);
  const first = (message.split("\n")[0] ?? "").replace(/\s*at line \d+ col \d+:?\s*$/, "");
  const range = at ? { file, start: { line: Number(at[1]), column: Number(at[2]) }, end: { line: Number(at[1]), column: Number(at[2]) } } : fileStart(file);
  return problem("reference-invalid", range, `${file} does not parse as BibTeX (${first}); it defines no entries until it does.`);
}

/**
 * Loads `references.bib` with citation-js's BibTeX parser, which gives each entry as a CSL
 * item. Each entry is checked as an entry of references.yaml is, at the line and column of its
 * key in `@type{key,` (the parser keeps no positions of its own, so every problem of an entry
 * stands at its key). A file that does not parse is one `reference-invalid` at the parser's
 * position, and defines nothing (`parsed` false).
 */
export function loadBibtex(text: string, file: string): { bibliography: BibliographyEntry[]; problems: Problem[]; source: SourceText; parsed: boolean } {
  const source: SourceText = { file, text, yamlValues: [] };
  const problems: Problem[] = [];
  let items: Record<string, unknown>[];
  try {
    const plugins = citationPlugins();
    items = plugins.input.chain(text, { forceType: "@biblatex/text", generateGraph: false } as Parameters<CitationPlugins["input"]["chain"]>[1]) as unknown as Record<string, unknown>[];
  } catch (error) {
    return { bibliography: [], problems: [syntaxProblem(error, file)], source, parsed: false };
  }
  const lines = new LineTable(text);
  const keys = entryKeys(text, lines, file);
  const seen = new Map<string, number>();
  const bibliography: BibliographyEntry[] = [];
  for (const raw of items) {
    const id = typeof raw["citation-key"] === "string" ? raw["citation-key"] : typeof raw.id === "string" ? raw.id : "";
    const nth = seen.get(id) ?? 0;
    seen.set(id, nth + 1);
    const idRange = keys.get(id)?.[nth] ?? fileStart(file);
    const { "citation-key": _key, genre, ...rest } = raw;
    const named = typeof genre === "string" && Object.hasOwn(TYPE_GENRES, genre) ? TYPE_GENRES[genre] : genre;
    const fields = named === undefined ? rest : { ...rest, genre: named };
    const item = checkedItem(fields, id, idRange, () => idRange, (range, message) => problems.push(problem("reference-invalid", range, message)), "bibtex");
    bibliography.push({ kind: "bibliography", id, idRange, range: idRange, item });
  }
  return { bibliography, problems, source, parsed: true };
}
