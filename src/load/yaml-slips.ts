/**
 * Turns the `yaml` package's errors for one text into the slips an author made: one message per
 * slip, at the line and column that is wrong, with a hint that says what to type. A slip often
 * gives the parser several errors (a tab-indented line in a list gives one per token after it; an
 * over-indented key gives two at the value above it); those are folded into the one message.
 */
import { BLOCK_SCALAR } from "./yaml-depth.js";

/** What this module needs of a `yaml` error. */
export interface YamlErrorLike {
  readonly code: string;
  readonly message: string;
  readonly pos: readonly [number, number];
}

/** One slip: `[start, end)` offsets into the text, the message, and the replacement text for that range when there is one. */
export interface YamlSlip {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly suggestion?: string;
}

/** Errors that stand on their own: each is a slip of its own wherever it comes. */
const INDEPENDENT = new Set(["DUPLICATE_KEY"]);
/** The errors of a plain scalar that runs into a `: ` (yaml also uses one of the codes for a block sequence used as a key). */
const IMPLICIT_KEY = new Set(["BLOCK_AS_IMPLICIT_KEY", "MULTILINE_IMPLICIT_KEY"]);
/** yaml's message for a key that does not line up with the keys of its mapping. */
const MAPPING_COLUMN = /^All mapping items must start at the same column/;
/** A key at the start of a line's content (after any `- ` markers): a word, then `:` and a space or the line's end. */
const KEY_LINE = /^((?:- +)*)([A-Za-z_][A-Za-z0-9_-]*) *:(?: |$)/;
/** A longer value is shown as `"…"` in the quoting hint. */
const MAX_SHOWN_VALUE = 60;

/** Whether `error` is a plain scalar running into a `: `. */
function isImplicitKey(error: YamlErrorLike): boolean {
  return IMPLICIT_KEY.has(error.code) && !/block sequence/.test(error.message);
}

/** The lines of a text and where each starts. */
class Lines {
  readonly lines: readonly string[];
  readonly starts: readonly number[];

  constructor(text: string) {
    this.lines = text.split("\n").map((line) => line.replace(/\r$/, ""));
    const starts: number[] = [];
    let offset = 0;
    for (const line of text.split("\n")) {
      starts.push(offset);
      offset += line.length + 1;
    }
    this.starts = starts;
  }

  /** The 0-based line that holds `offset`. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? Infinity) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  text(line: number): string {
    return this.lines[line] ?? "";
  }

  start(line: number): number {
    return this.starts[line] ?? 0;
  }

  /** The nearest line after `line` with content other than a comment, or -1. */
  nextContent(line: number): number {
    for (let at = line + 1; at < this.lines.length; at++) if (!/^\s*(?:#.*)?$/.test(this.text(at))) return at;
    return -1;
  }

  /** The nearest line before `line` with content other than a comment, or -1. */
  previousContent(line: number): number {
    for (let at = line - 1; at >= 0; at--) if (!/^\s*(?:#.*)?$/.test(this.text(at))) return at;
    return -1;
  }
}

/** How many spaces a line starts with. */
function indentOf(line: string): number {
  return /^ */.exec(line)?.[0].length ?? 0;
}

/** Where a line's indentation has a tab: the tab's offset in the line, or -1. */
function tabInIndent(line: string): number {
  const indent = /^[ \t]*/.exec(line)?.[0] ?? "";
  return indent.length === line.length ? -1 : indent.indexOf("\t");
}

/** A line's key (`title` of `  - title: x`), the column where it starts (0-based) and where its `:` ends. */
function keyOf(line: string): { key: string; column: number; end: number } | undefined {
  const indent = indentOf(line);
  const match = KEY_LINE.exec(line.slice(indent));
  if (!match) return undefined;
  const column = indent + (match[1]?.length ?? 0);
  const key = match[2] ?? "";
  return { key, column, end: line.indexOf(":", column) + 1 };
}

/** A value written in quotes, as the author could type it; undefined when quoting it needs more than wrapping it. */
function quoted(value: string): string | undefined {
  if (!value.includes("\"") && !value.includes("\\")) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  return undefined;
}

/** The quoting hint for a plain value that starts at `start` and holds a `: `, or undefined when it is not that slip. */
function colonInValue(lines: Lines, start: number, anyLine: boolean): YamlSlip | undefined {
  const line = lines.lineOf(start);
  const text = lines.text(line);
  const column = start - lines.start(line);
  const value = text.slice(column).replace(/\s+#.*$/, "").trimEnd();
  const colonHere = /: |:$/.test(value);
  if (!colonHere && !anyLine) return undefined;
  const next = lines.nextContent(line);
  const continues = next >= 0 && indentOf(lines.text(next)) > (keyOf(text)?.column ?? indentOf(text));
  const key = keyOf(text.slice(0, column))?.key ?? /([A-Za-z_][A-Za-z0-9_-]*) *: *$/.exec(text.slice(0, column))?.[1];
  // A value that goes on over the lines below is quoted whole, which takes more than this line.
  const fix = colonHere && !continues ? quoted(value) : undefined;
  const example = key === undefined ? "" : `: \`${key}: ${fix !== undefined && value.length <= MAX_SHOWN_VALUE ? fix : "\"…\""}\``;
  return {
    start,
    end: start + Math.max(1, value.length),
    message: `This value contains \`: \`, which YAML reads as the start of a key; put the whole value in quotes${example}.`,
    ...(fix === undefined ? {} : { suggestion: fix }),
  };
}

/** The hint for a key indented further (or less) than the keys above it, on 0-based `line`; undefined when that line holds no key. */
function misindentedKey(lines: Lines, line: number, above: number): YamlSlip | undefined {
  const text = lines.text(line);
  const key = keyOf(text);
  if (key === undefined || above < 0) return undefined;
  const at = lines.start(line);
  const range = { start: at + key.column, end: at + key.end };
  const sibling = keyOf(lines.text(above));
  const aboveColumn = sibling?.column ?? indentOf(lines.text(above));
  const name = sibling ? `the keys above it (\`${sibling.key}:\`)` : "the line above it";
  if (key.column > aboveColumn) {
    const fix = sibling ? "line it up with them" : "indent it as far as the keys it belongs with";
    return { ...range, message: `\`${key.key}:\` is indented further than ${name}: ${fix}.` };
  }
  const parent = parentKey(lines, above, key.column);
  return {
    ...range,
    message: `\`${key.key}:\` is indented less than ${name}${parent ? ` but more than \`${parent}:\`` : ""}: line it up with ${parent ? "one of them" : "them"}.`,
  };
}

/** The nearest line above `line` that holds a key (and is not the text of a block scalar), or -1. */
function previousKeyLine(lines: Lines, line: number): number {
  for (let at = lines.previousContent(line); at >= 0; at = lines.previousContent(at)) {
    if (keyOf(lines.text(at)) !== undefined && !inBlockScalar(lines, at)) return at;
  }
  return -1;
}

/** The key of the nearest line at or above `from` that is indented less than `column`. */
function parentKey(lines: Lines, from: number, column: number): string | undefined {
  for (let at = from; at >= 0; at = lines.previousContent(at)) {
    const key = keyOf(lines.text(at));
    if (key !== undefined && key.column < column) return key.key;
  }
  return undefined;
}

/**
 * The slip behind an error of a plain scalar that runs into a `: ` (`BLOCK_AS_IMPLICIT_KEY`,
 * `MULTILINE_IMPLICIT_KEY`), reported at the scalar's start: either the value holds a `: `
 * (quote it) or a key on a later line is indented so far that it continues the value. A `: `
 * on the value's own line is found before this is asked.
 */
function implicitKeySlip(lines: Lines, start: number): YamlSlip | undefined {
  const first = lines.lineOf(start);
  for (let line = first + 1; line < lines.lines.length; line++) {
    const text = lines.text(line);
    if (/^\s*(?:#.*)?$/.test(text)) continue;
    if (!/: |:$/.test(text)) continue;
    return misindentedKey(lines, line, first) ?? colonInValue(lines, start, true);
  }
  return undefined;
}

/**
 * Whether 0-based `line` is text of a block scalar (`key: |`, `- >`): the nearest content line
 * above it that is indented less than its leading spaces opens one. A tab there is text.
 */
function inBlockScalar(lines: Lines, line: number): boolean {
  const spaces = indentOf(lines.text(line));
  for (let at = lines.previousContent(line); at >= 0; at = lines.previousContent(at)) {
    const text = lines.text(at);
    if (indentOf(text) < spaces) return BLOCK_SCALAR.test(text.replace(/\s+#.*$/, ""));
  }
  return false;
}

/** The tab slip that explains an error at `offset`: a tab in the indentation of its line or of the content line before it. */
function tabNear(lines: Lines, offset: number): { line: number; column: number } | undefined {
  const line = lines.lineOf(offset);
  for (const candidate of [line, lines.previousContent(line)]) {
    if (candidate < 0) continue;
    const column = tabInIndent(lines.text(candidate));
    if (column >= 0 && !inBlockScalar(lines, candidate)) return { line: candidate, column };
  }
  return undefined;
}

/**
 * The slips behind `errors` of `text`. Duplicate keys and single-line `: ` slips are reported
 * one by one (the parser carries on cleanly after each); of the rest only the first is, since
 * the errors after it are its echoes; tab-indented lines are one slip, at the first of them.
 *
 * @param describe the message and position of an error that no hint explains
 */
export function yamlSlips(text: string, errors: readonly YamlErrorLike[],
  describe: (error: YamlErrorLike) => YamlSlip): YamlSlip[] {
  const lines = new Lines(text);
  const slips: YamlSlip[] = [];
  const tabLines = new Map<number, number>();
  const handled = new Set<number>();
  let rooted = false;
  for (const error of [...errors].sort((a, b) => a.pos[0] - b.pos[0])) {
    if (INDEPENDENT.has(error.code)) {
      slips.push(describe(error));
      continue;
    }
    if (handled.has(error.pos[0])) continue;
    handled.add(error.pos[0]);
    const tab = error.code === "TAB_AS_INDENT"
      ? { line: lines.lineOf(error.pos[0]), column: error.pos[0] - lines.start(lines.lineOf(error.pos[0])) }
      : tabNear(lines, error.pos[0]);
    if (tab) {
      if (!tabLines.has(tab.line)) tabLines.set(tab.line, tab.column);
      rooted = true;
      continue;
    }
    if (isImplicitKey(error)) {
      const colon = colonInValue(lines, error.pos[0], false);
      if (colon) {
        slips.push(colon);
        continue;
      }
    }
    if (rooted) continue;
    rooted = true;
    const line = lines.lineOf(error.pos[0]);
    const hinted = isImplicitKey(error) ? implicitKeySlip(lines, error.pos[0])
      : error.code === "BAD_INDENT" && MAPPING_COLUMN.test(error.message) ? misindentedKey(lines, line, previousKeyLine(lines, line))
        : undefined;
    slips.push(hinted ?? describe(error));
  }
  const [first, ...more] = [...tabLines].sort(([a], [b]) => a - b);
  if (first) {
    const [line, column] = first;
    const start = lines.start(line) + column;
    const also = more.length === 0 ? "" : ` (and on ${more.length} more line${more.length === 1 ? "" : "s"} below)`;
    slips.push({ start, end: start + 1, message: `A tab is used for indentation here${also}; YAML indents with spaces.` });
  }
  return slips.sort((a, b) => a.start - b.start);
}
