import type { Traceability } from "./traceability.js";

const list = (items: readonly (string | number)[]): string => (items.length ? items.join(", ") : "—");

/** The traceability report as a terminal table. */
export function formatReportTable(data: Traceability): string {
  const rows = data.values.map((v) => [v.id, list(v.caseStudies), list(v.citedByPapers.map((n) => `Paper ${n}`)), list(v.sessions)]);
  const header = ["value", "case studies", "cited by", "sessions"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line), ""];
  out.push(`Uncovered values: ${list(data.uncoveredValues)}`);
  out.push(`Unused: ${list(data.unused)}`);
  for (const paper of data.papers) {
    out.push(`Paper ${paper.number} (${paper.status}) cites findings: ${list(paper.findings)}`);
    out.push(`Paper ${paper.number} (${paper.status}) cites sources: ${list(paper.references)} (${paper.citations} citation${paper.citations === 1 ? "" : "s"})`);
  }
  return `${out.join("\n")}\n`;
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The value × case study × paper × session matrix as CSV, one row per link. */
export function formatReportCsv(data: Traceability): string {
  const rows = [["value", "kind", "target"]];
  for (const v of data.values) {
    for (const c of v.caseStudies) rows.push([v.id, "case-study", c]);
    for (const p of v.citedByPapers) rows.push([v.id, "paper", String(p)]);
    for (const s of v.sessions) rows.push([v.id, "session", s]);
    if (!v.covered) rows.push([v.id, "uncovered", ""]);
  }
  return `${rows.map((r) => r.map(csvCell).join(",")).join("\n")}\n`;
}
