import type { Nodes, Root } from "mdast";
import type { SourcePosition } from "../../model/index.js";
import { visitInReadingOrder } from "../../resolve/reading-order.js";

/** An abbreviation written as plain text in a body, where it stands and how it is written around. */
export interface PlainAbbreviation {
  readonly kind: "plain";
  /** The abbreviation without a plural "s": "CCG" for "CCGs". */
  readonly term: string;
  /** Whether it was written with a plural "s". */
  readonly plural: boolean;
  readonly start: SourcePosition;
  readonly end: SourcePosition;
  /** Whether it is spelled out where it stands: "clinical commissioning group (CCG)" or "CCG (clinical commissioning group)". */
  readonly spelledOut: boolean;
}

/** A reference (`:abbr`) that spells its abbreviation out where it stands. */
export interface SpellingOut {
  readonly kind: "reference";
  readonly term: string;
}

/**
 * A word of 2 to 6 capital letters, with an optional plural "s"; not part of a longer word, a
 * code with digits (a postcode's "LS1", a road's "M25"), a hyphenated name or a path.
 */
const ABBREVIATION = /(?<![\p{L}\p{N}_&/.@-])([A-Z]{2,6})(s?)(?![\p{L}\p{N}_&/@-]|\.[\p{L}\p{N}])/gu;
/** Roman numerals of the size headings, lists and names use: II, IV, XII. */
const ROMAN_NUMERAL = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/;
/** Words written before the abbreviation in brackets, ending just before "(": "clinical commissioning group (". */
const EXPANSION_BEFORE = /\p{L}[\p{L}\p{N}'’-]*\s*\(\s*$/u;
/** An expansion in brackets just after: " (clinical commissioning group)". */
const EXPANSION_AFTER = /^\s*\(\s*\p{L}[^()]*\p{Ll}[^()]*\)/u;
/** A text that is only the opening bracket, after words in a node of their own. */
const OPEN_ONLY = /^\s*\(\s*$/;
/** Just after the abbreviation, the bracket that closes it: "CCG)". */
const CLOSE_AFTER = /^\s*\)/;

/** Nodes whose text is not running prose of the paper: code, link text, headings, directive labels. */
const SKIPPED: ReadonlySet<string> = new Set([
  "code", "inlineCode", "html", "heading", "link", "linkReference", "image", "imageReference", "definition", "yaml",
  "textDirective", "leafDirective",
]);

function isAbbreviation(word: string): boolean {
  return !ROMAN_NUMERAL.test(word);
}

/**
 * Every abbreviation written as plain text in the running prose of a body, and every reference
 * that spells one out (`spelledOutBy` gives its term), in the order a reader meets them (the
 * notes last), positioned in the file. Headings, code, HTML, link and image text, and directive
 * labels are not prose the rule looks at. `lineText` gives the file's line `n` (1-based), for
 * positions on the second and later lines of a paragraph, whose indentation the tree's text
 * leaves out.
 */
export function abbreviationsInText(
  tree: Root,
  lineText: (line: number) => string | undefined,
  spelledOutBy: (node: Nodes) => string | undefined,
): (PlainAbbreviation | SpellingOut)[] {
  const out: (PlainAbbreviation | SpellingOut)[] = [];
  visitInReadingOrder(tree, (node, { afterSibling }) => {
    const spelled = spelledOutBy(node);
    if (spelled !== undefined) out.push({ kind: "reference", term: spelled });
    if (SKIPPED.has(node.type)) return false;
    if (node.type !== "text" || !node.position) return true;
    const { start } = node.position;
    const value = node.value;
    for (const match of value.matchAll(ABBREVIATION)) {
      const word = match[1] ?? "";
      if (!isAbbreviation(word)) continue;
      const at = match.index;
      const before = value.slice(0, at);
      const after = value.slice(at + match[0].length);
      // The words before the bracket may be in a node of their own: "*clinical commissioning group* (CCG)".
      const opened = EXPANSION_BEFORE.test(before) || (afterSibling && OPEN_ONLY.test(before));
      const spelledOut = (opened && CLOSE_AFTER.test(after)) || EXPANSION_AFTER.test(after);
      const begin = positionIn(value, at, start, lineText);
      out.push({ kind: "plain", term: word, plural: match[2] === "s", spelledOut, start: begin, end: { line: begin.line, column: begin.column + match[0].length } });
    }
    return false;
  });
  return out;
}

/** The file position of character `at` of a text node's value that starts at `start`. */
function positionIn(value: string, at: number, start: SourcePosition, lineText: (line: number) => string | undefined): SourcePosition {
  const lineStart = value.lastIndexOf("\n", at - 1) + 1;
  if (lineStart === 0) return { line: start.line, column: start.column + at };
  const line = start.line + countLines(value.slice(0, lineStart));
  const written = lineText(line) ?? "";
  const segment = value.slice(lineStart, value.indexOf("\n", at) < 0 ? undefined : value.indexOf("\n", at));
  const found = written.indexOf(segment);
  const column = found < 0 ? written.length - written.trimStart().length : found;
  return { line, column: column + (at - lineStart) + 1 };
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) count += 1;
  return count;
}
