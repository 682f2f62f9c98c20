import type { SourceRange } from "../model/index.js";
import { problem, type Problem } from "../diagnostics/diagnostic.js";
import { MAX_MARKDOWN_DEPTH } from "./depth-limit.js";

/**
 * Container markers at the start of a line: list bullets and ordered-list numbers (each
 * followed by a space), block quotes (a `>` needs none: `>>>` is three quotes deep).
 */
const CONTAINER_PREFIX = /^(?:[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)|>)[ \t]?)+/;
const MARKER = /(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)|>/g;
/**
 * Indentation wider than the deepest list papersmith reads needs (two columns a level): only a
 * list nested beyond MAX_MARKDOWN_DEPTH over many lines indents so far, and the parser takes
 * time growing with the square of such a list's depth on every line of it.
 */
const MAX_INDENT = 2 * MAX_MARKDOWN_DEPTH;
/** More emphasis delimiters than any real line holds; micromark's emphasis pairing grows with their square. */
const MAX_DELIMITERS_PER_LINE = 1000;

/**
 * Blanks the lines no real document has and that the Markdown parser takes minutes over:
 * lists or quotes nested more than MAX_MARKDOWN_DEPTH deep (by markers on the line or by
 * indentation), or thousands of emphasis delimiters. The text
 * keeps its length and line breaks, so every position stays exact. Returns the 1-based lines
 * blanked, for the caller to report.
 */
export function blankPathologicalLines(text: string): { readonly text: string; readonly lines: readonly number[] } {
  if (text.length < MAX_MARKDOWN_DEPTH) return { text, lines: [] };
  const lines = text.split("\n");
  const blanked: number[] = [];
  lines.forEach((line, i) => {
    if (line.length < MAX_MARKDOWN_DEPTH) return;
    const prefix = CONTAINER_PREFIX.exec(line)?.[0] ?? "";
    const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0;
    const depth = indent > MAX_INDENT ? Infinity : prefix === "" ? 0 : (prefix.match(MARKER)?.length ?? 0);
    let delimiters = 0;
    for (let k = 0; k < line.length && delimiters <= MAX_DELIMITERS_PER_LINE; k++) {
      const c = line.charCodeAt(k);
      if (c === 42 || c === 95 || c === 126) delimiters++; // * _ ~
    }
    if (depth > MAX_MARKDOWN_DEPTH || delimiters > MAX_DELIMITERS_PER_LINE) {
      lines[i] = line.replace(/[^\r]/g, " ");
      blanked.push(i + 1);
    }
  });
  return blanked.length === 0 ? { text, lines: [] } : { text: lines.join("\n"), lines: blanked };
}

/**
 * One problem for the lines blankPathologicalLines left out, at the first (placed by `at`
 * from its 1-based line in the text): a generated document blanks thousands of lines, and
 * one slip should give one message.
 */
export function blankedLinesProblems(lines: readonly number[], at: (line: number) => SourceRange): Problem[] {
  const [line] = lines;
  if (line === undefined) return [];
  const more = lines.length - 1;
  const others = more === 0 ? "" : more === 1 ? ", nor 1 more line like it" : `, nor ${more} more lines like it`;
  return [problem("schema", at(line),
    `This line nests more than ${MAX_MARKDOWN_DEPTH} levels deep (lists or quotes inside each other) or holds thousands of emphasis marks; papersmith does not read it${others}. Flatten it.`)];
}
