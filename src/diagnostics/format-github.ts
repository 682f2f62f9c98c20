import type { Diagnostic } from "./diagnostic.js";
import { summaryLine } from "./format-human.js";

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** GitHub Actions workflow commands, one annotation per diagnostic, then the count. */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  const lines = diagnostics.map((d) => {
    const command = d.severity === "error" ? "error" : "warning";
    const props = [
      `file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`,
      ...(d.endLine === undefined ? [] : [`endLine=${d.endLine}`]),
      ...(d.endColumn === undefined || d.endLine !== d.line ? [] : [`endColumn=${d.endColumn}`]),
      `title=${escapeProperty(d.rule)}`,
    ].join(",");
    return `::${command} ${props}::${escapeData(d.message + (d.suggestion ? ` (suggestion: ${d.suggestion})` : ""))}`;
  });
  return `${[...lines, summaryLine(diagnostics)].join("\n")}\n`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/**
 * The full list as Markdown for GITHUB_STEP_SUMMARY: GitHub shows only about ten annotations
 * of each kind, so the summary carries every one.
 */
export function githubStepSummary(diagnostics: readonly Diagnostic[]): string {
  const rows = diagnostics.map((d) => `| ${escapeCell(`${d.file}:${d.line}:${d.column}`)} | ${d.severity} | ${escapeCell(d.message)} | \`${d.rule}\` |`);
  return [`### papersmith: ${summaryLine(diagnostics)}`, "", ...(rows.length ? ["| where | severity | message | rule |", "|---|---|---|---|", ...rows] : []), ""].join("\n");
}
