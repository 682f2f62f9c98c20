import type { RuleDeclaration } from "./rule-declarations.js";

/** The comment lines around the rules table in docs/reference.md: everything between them is written. */
export const RULES_TABLE_START = "<!-- rules table: written by `npm run docs:rules` from src/diagnostics/rule-declarations.ts -->";
export const RULES_TABLE_END = "<!-- end of rules table -->";

/** The rules as a Markdown table: id, default severity and what each catches, in declaration order. */
export function rulesTable(rules: readonly RuleDeclaration[]): string {
  const rows = rules.map((rule) => `| \`${rule.id}\` | ${rule.defaultSeverity} | ${rule.docs.replaceAll("|", "\\|")} |`);
  return ["| rule | default | catches |", "|---|---|---|", ...rows].join("\n");
}

/**
 * `markdown` with the text between its rules-table comments replaced by `table`. Throws when
 * the comments are missing, since then there is no place the table may be written.
 */
export function withRulesTable(markdown: string, table: string): string {
  const start = markdown.indexOf(RULES_TABLE_START);
  const end = markdown.indexOf(RULES_TABLE_END, start);
  if (start < 0 || end < 0) throw new Error(`The rules table needs the lines ${RULES_TABLE_START} and ${RULES_TABLE_END} around it.`);
  // The blank line keeps the closing comment from being read as the table's last row.
  return `${markdown.slice(0, start + RULES_TABLE_START.length)}\n${table}\n\n${markdown.slice(end)}`;
}
