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
 * How many `:::` blocks may stand inside each other. Real papers nest two or three (a table in
 * a figure); the directive parser's time grows far faster than the size of deeper nests.
 */
export const MAX_CONTAINER_DEPTH = 32;

const FENCE = /^[ \t]{0,3}(:{3,})[ \t]*([^\s:{[]?)/;

/** A line of spaces as long as `line`, keeping a CR line end, so that positions stay exact. */
function blank(line: string): string {
  return line.endsWith("\r") ? `${" ".repeat(line.length - 1)}\r` : " ".repeat(line.length);
}

/** What blankPathologicalLines left out, by 1-based line. */
export interface BlankedLines {
  readonly text: string;
  /** Lines nested too deep as lists or quotes, or with thousands of emphasis marks. */
  readonly lines: readonly number[];
  /** `:::` fences of blocks nested more than MAX_CONTAINER_DEPTH deep (with their closing fences). */
  readonly containerLines: readonly number[];
}

/** Blanks the opening and closing fences of `:::` blocks inside more than MAX_CONTAINER_DEPTH others. */
function blankDeepContainers(lines: string[]): number[] {
  const open: boolean[] = []; // per open block: whether its fences are blanked
  const blanked: number[] = [];
  lines.forEach((line, i) => {
    const fence = line.charCodeAt(0) === 58 || line.startsWith(" ") || line.startsWith("\t") ? FENCE.exec(line) : null;
    if (fence === null) return;
    const opening = fence[2] !== "";
    const deep = opening ? open.length >= MAX_CONTAINER_DEPTH : open.at(-1) === true;
    if (opening) open.push(deep);
    else open.pop();
    if (deep) {
      lines[i] = blank(line);
      blanked.push(i + 1);
    }
  });
  return blanked;
}

/**
 * Blanks the lines no real document has and that the Markdown parser takes minutes over:
 * lists or quotes nested more than MAX_MARKDOWN_DEPTH deep (by markers on the line or by
 * indentation), thousands of emphasis delimiters, or `:::` blocks nested more than
 * MAX_CONTAINER_DEPTH deep. The text keeps its length and line breaks, so every position stays
 * exact. Returns the 1-based lines blanked, for the caller to report.
 */
export function blankPathologicalLines(text: string): BlankedLines {
  const fences = text.includes(":::");
  if (text.length < MAX_MARKDOWN_DEPTH && !fences) return { text, lines: [], containerLines: [] };
  const lines = text.split("\n");
  const containerLines = fences ? blankDeepContainers(lines) : [];
  if (text.length < MAX_MARKDOWN_DEPTH) return { text: containerLines.length === 0 ? text : lines.join("\n"), lines: [], containerLines };
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
      lines[i] = blank(line);
      blanked.push(i + 1);
    }
  });
  return blanked.length === 0 && containerLines.length === 0 ? { text, lines: [], containerLines } : { text: lines.join("\n"), lines: blanked, containerLines };
}

/**
 * One problem for the lines blankPathologicalLines left out, at the first (placed by `at`
 * from its 1-based line in the text): a generated document blanks thousands of lines, and
 * one slip should give one message.
 */
export function blankedLinesProblems(blanked: Omit<BlankedLines, "text">, at: (line: number) => SourceRange): Problem[] {
  const others = (more: number): string => (more === 0 ? "" : more === 1 ? ", nor 1 more line like it" : `, nor ${more} more lines like it`);
  const problems: Problem[] = [];
  const [line] = blanked.lines;
  if (line !== undefined) {
    problems.push(problem("schema", at(line),
      `This line nests more than ${MAX_MARKDOWN_DEPTH} levels deep (lists or quotes inside each other) or holds thousands of emphasis marks; papersmith does not read it${others(blanked.lines.length - 1)}. Flatten it.`));
  }
  const [fence] = blanked.containerLines;
  if (fence !== undefined) {
    problems.push(problem("schema", at(fence),
      `This \`:::\` block stands inside ${MAX_CONTAINER_DEPTH} others; papersmith reads no deeper, and does not read this fence${others(blanked.containerLines.length - 1)}. Flatten it.`));
  }
  return problems;
}
