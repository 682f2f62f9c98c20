import { countNoun } from "./count-noun.js";
import type { Diagnostic } from "./diagnostic.js";
import { LineIndex } from "./line-index.js";
import { terminalText } from "./terminal-text.js";

export interface HumanFormatOptions {
  readonly color: boolean;
  /** Source text by project-relative file, for code frames; files not given get no frame. */
  readonly sources: ReadonlyMap<string, string>;
}

const paint = (on: boolean, code: string, text: string): string => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

/** Longest source line shown whole in a code frame; longer ones are cut around the column. */
const FRAME_WIDTH = 120;

/** Source text as the frame shows it: tabs as two spaces, control characters escaped. */
const visible = (text: string): string => terminalText(text).replace(/\t/g, "  ");

function codeFrame(lines: LineIndex, d: Diagnostic, color: boolean): string {
  const full = lines.line(d.line);
  if (full === undefined) return "";
  // A very long line (minified, generated) is shown as a window around the column.
  const from = full.length > FRAME_WIDTH ? Math.max(0, d.column - 1 - FRAME_WIDTH / 2) : 0;
  const line = full.slice(from, from + FRAME_WIDTH);
  const column = d.column - from;
  const available = Math.max(1, line.length - column + 1);
  const width = d.endLine === d.line && d.endColumn !== undefined ? Math.min(available, Math.max(1, d.endColumn - d.column)) : 1;
  const before = from > 0 ? "…" : "";
  const after = from + FRAME_WIDTH < full.length ? "…" : "";
  // The caret is measured on the shown text, so an escaped character or a tab widens it as it widens the line.
  const marked = Math.max(1, visible(line.slice(column - 1, column - 1 + width)).length);
  const caret = " ".repeat(before.length + visible(line.slice(0, column - 1)).length) + "^".repeat(marked);
  const gutter = " ".repeat(String(d.line).length);
  return [
    `  ${paint(color, "2", `${d.line} |`)} ${before}${visible(line)}${after}`,
    `  ${gutter} ${paint(color, "2", "|")} ${paint(color, d.severity === "error" ? "31" : "33", caret)}`,
  ].join("\n");
}

/**
 * The human report: `file:line:col  severity  message  [rule-id]`, a code frame with a caret,
 * a suggestion line, and a closing count.
 */
export function formatHuman(diagnostics: readonly Diagnostic[], options: HumanFormatOptions): string {
  const out: string[] = [];
  // One index per file for the whole report: many diagnostics on one file must not each scan it.
  const indexes = new Map<string, LineIndex>();
  const linesOf = (file: string): LineIndex | undefined => {
    const known = indexes.get(file);
    if (known !== undefined) return known;
    const source = options.sources.get(file);
    if (source === undefined) return undefined;
    const index = new LineIndex(source);
    indexes.set(file, index);
    return index;
  };
  for (const d of diagnostics) {
    const severity = d.severity === "error" ? paint(options.color, "31;1", "error") : paint(options.color, "33;1", "warn ");
    const where = terminalText(`${d.file}:${d.line}:${d.column}`);
    out.push(`${paint(options.color, "1", where)}  ${severity}  ${terminalText(d.message)}  ${paint(options.color, "2", `[${d.rule}]`)}`);
    const lines = linesOf(d.file);
    if (lines !== undefined) {
      const frame = codeFrame(lines, d, options.color);
      if (frame) out.push(frame);
    }
    if (d.suggestion !== undefined) out.push(`  ${paint(options.color, "36", "suggestion:")} ${terminalText(d.suggestion)}`);
    out.push("");
  }
  out.push(summaryLine(diagnostics, options.color));
  return `${out.join("\n")}\n`;
}

/** "2 errors, 1 warning" or "No problems found." */
export function summaryLine(diagnostics: readonly Diagnostic[], color = false): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  if (errors === 0 && warnings === 0) return paint(color, "32", "No problems found.");
  return paint(color, errors > 0 ? "31;1" : "33;1", `${countNoun(errors, "error")}, ${countNoun(warnings, "warning")}`);
}
