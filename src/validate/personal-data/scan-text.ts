import type { Root } from "mdast";
import type { Node, Parent } from "unist";
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

/** Character ranges `[start, end)` of a text to blank; they may overlap and come in any order. */
type Ranges = Array<readonly [number, number]>;

/**
 * The text with every character in `ranges` replaced by NUL, line breaks kept. Built from slices,
 * so that the prose, nearly all of most files, is copied as it is rather than char by char.
 */
function blanked(text: string, ranges: Ranges): string {
  if (ranges.length === 0) return text;
  const sorted = ranges
    .map(([start, end]) => [Math.max(0, start), Math.min(end, text.length)] as const)
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let done = 0;
  for (const [start, end] of sorted) {
    if (end <= done) continue;
    const from = Math.max(start, done);
    parts.push(text.slice(done, from), text.slice(from, end).replace(/[^\r\n]/g, BLANK));
    done = end;
  }
  parts.push(text.slice(done));
  return parts.join("");
}

/** The parts of `[from, to)` outside every YAML scalar value: keys, comments, syntax. */
function outsideYamlValues(values: readonly (readonly [number, number])[], from: number, to: number): Ranges {
  const out: Ranges = [];
  let at = from;
  for (const [start, end] of [...values].sort((a, b) => a[0] - b[0])) {
    if (start >= to) break;
    if (start > at) out.push([at, start]);
    at = Math.max(at, end);
  }
  if (at < to) out.push([at, to]);
  return out;
}

type Locate = (point: { line: number; column: number; offset?: number | undefined }) => number | undefined;

/** The code (inline and fenced) of Markdown trees whose positions `locate` maps into this file. */
function codeRanges(locate: Locate, trees: readonly Root[]): Ranges {
  const out: Ranges = [];
  // A stack rather than recursion: a tree may be nested thousands of levels deep.
  const stack: Node[] = [...trees];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === "code" || node.type === "inlineCode") {
      const p = node.position;
      const start = p && locate(p.start);
      const end = p && locate(p.end);
      if (start !== undefined && end !== undefined) out.push([start, end]);
    }
    const children = (node as Partial<Parent>).children;
    if (children !== undefined) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

function urlRanges(text: string): Ranges {
  if (!text.includes("://") && !/www\./i.test(text)) return []; // the common case, without the costly pattern
  return Array.from(text.matchAll(URL), (m) => [m.index, m.index + m[0].length] as const);
}

/**
 * A Markdown file (front matter and body): front-matter values and the body's prose are scanned;
 * keys, comments and code are not. `body` is the mdast of the body with file positions.
 */
export function markdownScanText(source: SourceText, body: Root): ScanText {
  const { file, text } = source;
  // Front matter: from the start to where the body's first node begins (or the whole file).
  const frontMatter = frontMatterEnd(text);
  const bodyStart = body.children[0]?.position?.start.offset ?? frontMatter;
  const ranges = [
    ...outsideYamlValues(source.yamlValues, 0, Math.min(bodyStart, frontMatter, text.length)),
    // The body's offsets are offsets into the whole file.
    ...codeRanges((point) => point.offset, [body]),
    ...urlRanges(text),
  ];
  return { file, text: blanked(text, ranges), lineStarts: lineStartsOf(text) };
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
  const lineStarts = lineStartsOf(text);
  const ranges = [
    ...outsideYamlValues(source.yamlValues, 0, text.length),
    // Markdown fields' offsets point into the field's value; their lines and columns into the file.
    ...codeRanges((point) => offsetAt(lineStarts, point), markdown),
    ...urlRanges(text),
  ];
  return { file, text: blanked(text, ranges), lineStarts };
}
