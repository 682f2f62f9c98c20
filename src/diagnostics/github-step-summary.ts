import type { Diagnostic } from "./diagnostic.js";
import { summaryLine } from "./format-human.js";

/**
 * Characters that GitHub's Markdown would read as markup, written as character references:
 * `<`, `>` and `&` (raw HTML such as `<img src=…>`, which would load a remote image), `|` (a
 * cell boundary), `[` and `]` (links and `![…](…)` images), the backtick (code spans), `\`
 * (escapes), and `*`, `_`, `~`, `$` (emphasis, strike-through and maths). A reference is
 * never markup itself, so the text reads exactly as the source wrote it.
 */
const MARKUP = /[&<>|[\]`\\*_~$]/g;

/** Text for one cell of a Markdown table: shown as written, always within its cell and row. */
export function markdownCell(text: string): string {
  return text.replace(MARKUP, (char) => `&#${char.charCodeAt(0)};`).replace(/\r\n|\r|\n/g, " ");
}

/**
 * The full list as Markdown for GITHUB_STEP_SUMMARY: GitHub shows only about ten annotations
 * of each kind, so the summary carries every one.
 */
export function githubStepSummary(diagnostics: readonly Diagnostic[]): string {
  const rows = diagnostics.map((d) => `| ${markdownCell(`${d.file}:${d.line}:${d.column}`)} | ${d.severity} | ${markdownCell(d.message)} | \`${d.rule}\` |`);
  return [`### papersmith: ${summaryLine(diagnostics)}`, "", ...(rows.length ? ["| where | severity | message | rule |", "|---|---|---|---|", ...rows] : []), ""].join("\n");
}
