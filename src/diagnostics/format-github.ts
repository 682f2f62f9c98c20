import type { Diagnostic } from "./diagnostic.js";
import { summaryLine } from "./format-human.js";

/**
 * A workflow command's message, escaped as GitHub's runner unescapes it, so that a line break
 * in a source's text cannot end the annotation and start a command of its own (`::add-mask::`,
 * `::set-output`, `::stop-commands::`).
 */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A workflow command's property value: the message escapes, and `:` and `,`, which end a property. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * GitHub Actions workflow commands, one annotation per diagnostic, then the count. File paths
 * are printed as given: the command line makes them relative to GITHUB_WORKSPACE first.
 */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  const lines = diagnostics.map((d) => {
    const command = d.severity === "error" ? "error" : "warning";
    const props = [
      `file=${escapeCommandProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`,
      ...(d.endLine === undefined ? [] : [`endLine=${d.endLine}`]),
      ...(d.endColumn === undefined || d.endLine !== d.line ? [] : [`endColumn=${d.endColumn}`]),
      `title=${escapeCommandProperty(d.rule)}`,
    ].join(",");
    return `::${command} ${props}::${escapeCommandData(d.message + (d.suggestion ? ` (suggestion: ${d.suggestion})` : ""))}`;
  });
  return `${[...lines, summaryLine(diagnostics)].join("\n")}\n`;
}
