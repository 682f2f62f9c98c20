import type { List, ListItem, Paragraph, RootContent, Yaml } from "mdast";
import type { ContainerDirective, LeafDirective } from "mdast-util-directive";
import type { LineTable } from "./line-table.js";
import { phrasingOf, simpleAttributes } from "./plain-inline.js";
import { tableBlock } from "./plain-table.js";

/** A block whose mdast is known without micromark, and the 0-based lines it spans. */
export interface KnownBlock {
  readonly first: number;
  readonly last: number;
  readonly node: RootContent;
}

const BLANK = /^[ \t]*$/;
const ATX_HEADING = /^#{1,6}(?:[ \t]|$)/;
/** `## Title`: one space after the marks, and no closing marks or trailing space. */
const PLAIN_HEADING = /^(#{1,6}) [^ \t#]/;
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const NAME = "[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*";
const CONTAINER_OPEN = /^(:{3,})[A-Za-z]/;
const PLAIN_CONTAINER_OPEN = new RegExp(`^(:{3,})(${NAME})(?:\\{(.*)\\})?$`);
const PLAIN_LEAF = new RegExp(`^::(${NAME})(?:\\{(.*)\\})?$`);
const COLON_CLOSE = /^ {0,3}(:{3,})[ \t]*$/;
/** `- item`, `* item` or `+ item`: a bullet, one space, and the item's text. */
const BULLET_ITEM = /^[-*+] /;
/** A line after a blank one that a list before the blank could still take in: indented, or a bullet. */
const LIST_GOES_ON = /^[ \t\-*+]/;
/** Lines whose meaning this scanner does not follow: indented fences or directive fences, and HTML. */
const UNFOLLOWED = /^ {1,3}(?:`{3}|~{3}|:{3})|^[ \t]{0,3}</;

/**
 * Whether a text may be split at all. Link and footnote definitions apply to the whole
 * document (`]:`), a CR makes line ends two characters, and a leading byte-order mark or a
 * NUL is rewritten by micromark.
 */
function splittable(text: string): boolean {
  return !text.includes("]:") && !text.includes("\r") && !text.includes("\0") && text.charCodeAt(0) !== 0xfeff;
}

/** A line that can only be paragraph text here: it starts with a letter, a quote, `(`, a single `:` or a non-ASCII character, and ends in no space. */
function textLine(line: string): boolean {
  const first = line.charCodeAt(0);
  const startsAsText = (first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 34 || first === 39 || first === 40 ||
    first >= 0x80 || (first === 58 && /^:[A-Za-z]/.test(line));
  const last = line.charCodeAt(line.length - 1);
  return startsAsText && last !== 32 && last !== 9;
}

/**
 * Finds the blocks of `table.text` that micromark would parse to a tree known in advance —
 * front matter; ATX headings, paragraphs, tables, leaf directives, and container directives
 * of such paragraphs, whose text is plain words and `:name[id]` references — at places where every
 * earlier block is closed, so that the rest can be parsed piecewise between them. Micromark
 * spends most of its time on exactly such prose.
 *
 * The scan follows only what can stay open across a blank line at the top level: fenced
 * code and container directives. From the first line it cannot follow (HTML, an indented
 * fence, a nested container) it stops, and the rest is left whole to micromark. Whatever it
 * misses only costs speed: `parseMarkdownWithMicromark` is the reference it is tested
 * against.
 */
export function knownBlocks(table: LineTable): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (!splittable(table.text)) return blocks;
  const { lines } = table;
  let fence: string | undefined;
  let container = 0; // colons of an open container directive, 0 when none
  let fresh = true; // every block before this line is closed
  let afterKnown = true; // only blank lines since the start or the last known block
  let i = 0;
  const frontMatter = frontMatterBlock(table);
  // Front matter this scan cannot read may still be micromark's, and hold blank lines.
  if (!frontMatter && lines[0]?.startsWith("---")) return blocks;
  if (frontMatter) {
    blocks.push(frontMatter);
    i = frontMatter.last + 1;
  }
  for (; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (fence !== undefined) {
      const close = FENCE_CLOSE.exec(line)?.[1];
      if (close !== undefined && close[0] === fence[0] && close.length >= fence.length) fence = undefined;
      continue;
    }
    if (BLANK.test(line)) { fresh = true; continue; }
    if (UNFOLLOWED.test(line)) break;
    const opening = FENCE_OPEN.exec(line);
    if (opening && !(opening[1]?.[0] === "`" && opening[2]?.includes("`"))) {
      if (container > 0) break;
      fence = opening[1] ?? "```";
      fresh = false;
      continue;
    }
    if (container > 0) {
      const close = COLON_CLOSE.exec(line)?.[1];
      if (close !== undefined && close.length >= container) { container = 0; fresh = true; continue; }
      if (/^[ \t]*:{3}/.test(line)) break;
      continue;
    }
    const block = fresh ? blockAt(table, i, afterKnown) : ATX_HEADING.test(line) ? headingBlock(table, i) : undefined;
    if (block) {
      blocks.push(block);
      i = block.last;
      fresh = true;
      afterKnown = true;
      continue;
    }
    afterKnown = false;
    const containerOpening = CONTAINER_OPEN.exec(line)?.[1];
    if (containerOpening !== undefined) {
      // Whether `:::name…` opens a container at all depends on all of its syntax: followed only when plain.
      if (!plainContainerOpening(line)) break;
      container = containerOpening.length;
    }
    fresh = ATX_HEADING.test(line);
  }
  return blocks;
}

/**
 * The known block starting at line `i`, where every block before it is closed. A list only
 * `afterKnown`, when nothing but blank lines came since the last known block: a list item
 * after a blank line carries on a list left to micromark before it.
 */
function blockAt(table: LineTable, i: number, afterKnown: boolean): KnownBlock | undefined {
  const line = table.lines[i] ?? "";
  if (ATX_HEADING.test(line)) return headingBlock(table, i);
  if (line.startsWith(":::")) return containerBlock(table, i);
  if (line.startsWith("::")) return leafBlock(table, i);
  if (line.startsWith("|")) {
    const found = tableBlock(table, i);
    return found && { first: i, last: found.last, node: found.node };
  }
  if (BULLET_ITEM.test(line)) return afterKnown ? listBlock(table, i) : undefined;
  return paragraphBlock(table, i, (next) => next === undefined || BLANK.test(next) || ATX_HEADING.test(next));
}

function frontMatterBlock(table: LineTable): KnownBlock | undefined {
  const { lines } = table;
  if (lines[0] !== "---") return undefined;
  const last = lines.indexOf("---", 1);
  if (last === -1) return undefined;
  const value = lines.slice(1, last).join("\n");
  const node: Yaml = { type: "yaml", value, position: { start: table.point(0, 1), end: table.point(last, 4) } };
  return { first: 0, last, node };
}

function headingBlock(table: LineTable, i: number): KnownBlock | undefined {
  const line = table.lines[i] ?? "";
  const marks = PLAIN_HEADING.exec(line)?.[1];
  const lastCode = line.charCodeAt(line.length - 1);
  if (marks === undefined || lastCode === 35 || lastCode === 32 || lastCode === 9) return undefined;
  const start = table.starts[i] ?? 0;
  const children = phrasingOf(table, start + marks.length + 1, start + line.length, i);
  if (!children) return undefined;
  const depth = marks.length as 1 | 2 | 3 | 4 | 5 | 6;
  return { first: i, last: i, node: { type: "heading", depth, children, position: { start: table.point(i, 1), end: table.point(i, line.length + 1) } } };
}

/**
 * The paragraph of text lines starting at line `i`, when the line after its last one
 * (`undefined` past the end) satisfies `endsBefore`.
 */
function paragraphBlock(table: LineTable, i: number, endsBefore: (next: string | undefined) => boolean): KnownBlock | undefined {
  const { lines } = table;
  let last = i;
  if (!textLine(lines[i] ?? "")) return undefined;
  while (last + 1 < lines.length && textLine(lines[last + 1] ?? "")) last++;
  if (!endsBefore(lines[last + 1])) return undefined;
  const from = table.starts[i] ?? 0;
  const to = (table.starts[last] ?? 0) + (lines[last]?.length ?? 0);
  const children = phrasingOf(table, from, to, i);
  if (!children) return undefined;
  const node: Paragraph = { type: "paragraph", children, position: { start: table.point(i, 1), end: table.pointAt(to, last) } };
  return { first: i, last, node };
}

/**
 * A tight bullet list of one-line items of plain text (`- :case[c-1]`, an annex of sources,
 * say) starting at line `i`, closed where it ends: at the end of the text, or at a blank line
 * after which comes nothing a list could take in (an indented line, another item).
 */
function listBlock(table: LineTable, i: number): KnownBlock | undefined {
  const { lines } = table;
  const bullet = lines[i]?.[0];
  const items: ListItem[] = [];
  for (let j = i; j < lines.length; j++) {
    const line = lines[j] ?? "";
    if (line[0] !== bullet || line[1] !== " ") break;
    const content = line.slice(2);
    if (!textLine(content)) return undefined;
    const start = table.starts[j] ?? 0;
    const children = phrasingOf(table, start + 2, start + line.length, j);
    if (!children) return undefined;
    const end = table.point(j, line.length + 1);
    const paragraph: Paragraph = { type: "paragraph", children, position: { start: table.point(j, 3), end } };
    items.push({ type: "listItem", spread: false, checked: null, children: [paragraph], position: { start: table.point(j, 1), end: { ...end } } });
  }
  // blockAt saw line i is an item, so there is one at least; the list ends where its last one does.
  const last = i + items.length - 1;
  if (!listClosedAfter(lines, last)) return undefined;
  const end = table.point(last, (lines[last]?.length ?? 0) + 1);
  const node: List = { type: "list", ordered: false, start: null, spread: false, children: items, position: { start: table.point(i, 1), end } };
  return { first: i, last, node };
}

/** Whether a list whose last line is `last` ends there: the text ends, or blank lines come and then a line it cannot take in. */
function listClosedAfter(lines: readonly string[], last: number): boolean {
  const next = lines[last + 1];
  if (next === undefined) return true;
  if (!BLANK.test(next)) return false;
  for (let j = last + 2; j < lines.length; j++) {
    const line = lines[j] ?? "";
    if (!BLANK.test(line)) return !LIST_GOES_ON.test(line);
  }
  return true;
}

function leafBlock(table: LineTable, i: number): KnownBlock | undefined {
  const line = table.lines[i] ?? "";
  const match = PLAIN_LEAF.exec(line);
  const attributes = match && attributesOf(match[2]);
  if (!match || !attributes) return undefined;
  const node: LeafDirective = { type: "leafDirective", name: match[1] ?? "", attributes, children: [], position: { start: table.point(i, 1), end: table.point(i, line.length + 1) } };
  return { first: i, last: i, node };
}

/** The colons, name and attributes of a line opening a container directive, when written the plain way. */
function plainContainerOpening(line: string): { colons: number; name: string; attributes: Record<string, string> } | undefined {
  const match = PLAIN_CONTAINER_OPEN.exec(line);
  const attributes = match && attributesOf(match[3]);
  return match && attributes ? { colons: match[1]?.length ?? 3, name: match[2] ?? "", attributes } : undefined;
}

/** `:::name{…}`, paragraphs of text lines, and the closing colons. */
function containerBlock(table: LineTable, i: number): KnownBlock | undefined {
  const { lines } = table;
  const opening = plainContainerOpening(lines[i] ?? "");
  if (!opening) return undefined;
  const { colons, name, attributes } = opening;
  const children: Paragraph[] = [];
  for (let j = i + 1; j < lines.length; j++) {
    const line = lines[j] ?? "";
    if (BLANK.test(line)) continue;
    const close = COLON_CLOSE.exec(line)?.[1];
    if (close !== undefined && close.length >= colons && line.length === close.length) {
      if (children.length === 0) return undefined;
      const node: ContainerDirective = { type: "containerDirective", name, attributes, children, position: { start: table.point(i, 1), end: table.point(j, line.length + 1) } };
      return { first: i, last: j, node };
    }
    const paragraph = paragraphBlock(table, j, (next) => next === undefined || BLANK.test(next) || COLON_CLOSE.test(next));
    if (!paragraph) return undefined;
    children.push(paragraph.node as Paragraph);
    j = paragraph.last;
  }
  return undefined;
}

/** The attributes of `{…}` (its inside given, or none written), if written the simple way. */
function attributesOf(inside: string | undefined): Record<string, string> | undefined {
  if (inside === undefined) return {};
  return simpleAttributes(inside);
}
