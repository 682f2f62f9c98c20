import type { RuleOverride, Severity } from "../model/index.js";
import type { Diagnostic, Problem } from "./diagnostic.js";
import { RULES, type RuleId } from "./rules.js";

/** Rule severities after the project's `rules:` overrides and command-line switches. */
export type SeverityTable = ReadonlyMap<RuleId, Severity>;

/** Builds the severity table: catalogue defaults, then `rules:` overrides, then forced-on rules. */
export function severityTable(overrides: readonly RuleOverride[], forceOn: readonly RuleId[] = []): SeverityTable {
  const table = new Map<RuleId, Severity>();
  for (const [id, info] of RULES) table.set(id, info.defaultSeverity);
  for (const override of overrides) table.set(override.rule as RuleId, override.severity);
  for (const id of forceOn) if (table.get(id) === "off") table.set(id, RULES.get(id)?.defaultSeverity === "off" ? "warn" : "error");
  return table;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Turns problems into diagnostics: applies severities, drops rules that are off,
 * removes exact repeats and sorts by file (code-unit order), line, column.
 */
export function toDiagnostics(problems: readonly Problem[], severities: SeverityTable): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const p of problems) {
    const severity = severities.get(p.rule) ?? "error";
    if (severity === "off") continue;
    const key = `${p.range.file}\0${p.range.start.line}\0${p.range.start.column}\0${p.rule}\0${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const d: Diagnostic = {
      file: p.range.file,
      line: p.range.start.line,
      column: p.range.start.column,
      endLine: p.range.end.line,
      endColumn: p.range.end.column,
      rule: p.rule,
      severity,
      message: p.message,
      ...(p.suggestion === undefined ? {} : { suggestion: p.suggestion }),
    };
    out.push(d);
  }
  return out.sort(compareDiagnostics);
}

/** The reporters' order (see docs/reference.md#rules): file in code-unit order, then line, column and rule. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return compareCodeUnits(a.file, b.file) || a.line - b.line || a.column - b.column || compareCodeUnits(a.rule, b.rule);
}
