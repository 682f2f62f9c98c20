import type { Root } from "mdast";
import { visit } from "unist-util-visit";
import type { SourcePosition, SourceText } from "../../model/index.js";

/**
 * A file's text prepared for the personal-data scan: same length and line breaks as the file,
 * so offsets map straight to file positions, with everything that is not prose blanked out
 * (YAML keys and comments, code, URLs).
 */
export interface ScanText {
  readonly file: string;
  /** The file with unscanned characters replaced by NUL (line breaks kept). */
  readonly text: string;
  /** Offset of the first character of each line. */
  readonly lineStarts: readonly number[];
}

const BLANK = "\u0000";
const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;
/** URLs with a scheme or starting www.: their paths and queries are not prose. `mailto:` is kept. */
const URL = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>()\[\]"'`]+/giu;

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** The 1-based position of an offset. */
export function positionAt(scan: ScanText, offset: number): SourcePosition {
  let lo = 0;
  let hi = scan.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((scan.lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (scan.lineStarts[lo] ?? 0) + 1 };
}

function offsetAt(lineStarts: readonly number[], point: { line: number; column: number }): number | undefined {
  const start = lineStarts[point.line - 1];
  return start === undefined ? undefined : start + point.column - 1;
}

/** Blanks `[start, end)` of `chars`, keeping line breaks. */
function blank(chars: string[], start: number, end: number): void {
  for (let i = Math.max(0, start); i < Math.min(end, chars.length); i++) if (chars[i] !== "\n" && chars[i] !== "\r") chars[i] = BLANK;
}

/** Blanks everything of a YAML text that is not a scalar value (keys, comments, syntax), from `from` to `to`. */
function keepYamlValues(chars: string[], values: readonly (readonly [number, number])[], from: number, to: number): void {
  const keep = new Uint8Array(chars.length);
  for (const [start, end] of values) keep.fill(1, start, end);
  for (let i = from; i < Math.min(to, chars.length); i++) if (!keep[i]) blank(chars, i, i + 1);
}

type Locate = (point: { line: number; column: number; offset?: number | undefined }) => number | undefined;

/** Blanks code (inline and fenced) of Markdown trees whose positions `locate` maps into this file. */
function blankCode(chars: string[], locate: Locate, trees: readonly Root[]): void {
  for (const tree of trees) {
    visit(tree, (node) => {
      if (node.type !== "code" && node.type !== "inlineCode") return;
      const p = node.position;
      if (!p) return;
      const start = locate(p.start);
      const end = locate(p.end);
      if (start !== undefined && end !== undefined) blank(chars, start, end);
    });
  }
}

function blankUrls(chars: string[], text: string): void {
  if (!text.includes("://") && !/www\./i.test(text)) return; // the common case, without the costly pattern
  for (const m of text.matchAll(URL)) blank(chars, m.index, m.index + m[0].length);
}

/**
 * A Markdown file (front matter and body): front-matter values and the body's prose are scanned;
 * keys, comments and code are not. `body` is the mdast of the body with file positions.
 */
export function markdownScanText(source: SourceText, body: Root): ScanText {
  const { file, text } = source;
  const chars = text.split("");
  const lineStarts = lineStartsOf(text);
  // Front matter: from the start to where the body's first node begins (or the whole file).
  const bodyStart = body.children[0]?.position?.start.offset ?? frontMatterEnd(text);
  keepYamlValues(chars, source.yamlValues, 0, Math.min(bodyStart, frontMatterEnd(text)));
  // The body's offsets are offsets into the whole file.
  blankCode(chars, (point) => point.offset, [body]);
  blankUrls(chars, text);
  return { file, text: chars.join(""), lineStarts };
}

/** The offset just after a Markdown file's closing front-matter line. */
function frontMatterEnd(text: string): number {
  const opening = OPENING.exec(text);
  if (!opening) return 0;
  const closing = CLOSING.exec(text.slice(opening[0].length));
  return closing ? opening[0].length + closing.index + closing[0].length : text.length;
}

/**
 * A YAML file: only scalar values are scanned. `markdown` are the trees of its Markdown-valued
 * fields (file positions), so code inside them is skipped too.
 */
export function yamlScanText(source: SourceText, markdown: readonly Root[]): ScanText {
  const { file, text } = source;
  const chars = text.split("");
  const lineStarts = lineStartsOf(text);
  keepYamlValues(chars, source.yamlValues, 0, text.length);
  // Markdown fields' offsets point into the field's value; their lines and columns into the file.
  blankCode(chars, (point) => offsetAt(lineStarts, point), markdown);
  blankUrls(chars, text);
  return { file, text: chars.join(""), lineStarts };
}
