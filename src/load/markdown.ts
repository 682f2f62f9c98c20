import type { Root, RootContent } from "mdast";
import type { Node } from "unist";
import type { Extension as MicromarkExtension } from "micromark-util-types";
import { fromMarkdown, type Extension as MdastExtension } from "mdast-util-from-markdown";
import { directive } from "micromark-extension-directive";
import { directiveFromMarkdown } from "mdast-util-directive";
import { frontmatter } from "micromark-extension-frontmatter";
import { frontmatterFromMarkdown } from "mdast-util-frontmatter";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { LineTable } from "./line-table.js";
import { knownBlocks } from "./plain-blocks.js";

interface Syntax {
  readonly extensions: MicromarkExtension[];
  readonly mdastExtensions: MdastExtension[];
}

/** A part of the syntax that only some texts can use, with a fast test for whether a text can. */
interface OptionalSyntax extends Syntax {
  readonly mayOccurIn: (text: string) => boolean;
}

const always: Syntax = {
  extensions: [frontmatter(["yaml"]), directive()],
  mdastExtensions: [frontmatterFromMarkdown(["yaml"]), directiveFromMarkdown()],
};

/**
 * GFM's parts, each with the characters it cannot match without. Every construct of a part
 * starts at, or (footnotes) only succeeds with, those characters, so a text without them
 * parses to the same tree with the part left out — and each part left out saves the
 * attempts micromark makes at every `[`, `]` or `~` (autolinks and tables, the costliest,
 * at every letter and line). The parts keep the order they have always been combined in.
 */
const optional: readonly OptionalSyntax[] = [
  // A call only matches a defined label, and a definition starts `[^`.
  { extensions: [gfmFootnote()], mdastExtensions: [gfmFootnoteFromMarkdown()], mayOccurIn: (text) => text.includes("[^") },
  // Its sequences, and its place among attention markers, are `~`.
  { extensions: [gfmStrikethrough()], mdastExtensions: [gfmStrikethroughFromMarkdown()], mayOccurIn: (text) => text.includes("~") },
  // `[ ]`, `[x]` or `[X]`, where the space may be a tab or a line ending.
  { extensions: [gfmTaskListItem()], mdastExtensions: [gfmTaskListItemFromMarkdown()], mayOccurIn: (text) => /\[(?:[ \t\n\rxX]|\r\n)\]/.test(text) },
  // A delimiter row needs a `|`.
  { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()], mayOccurIn: (text) => text.includes("|") },
  // `www.`, a scheme's `://`, or an email's `@`.
  { extensions: [gfmAutolinkLiteral()], mdastExtensions: [gfmAutolinkLiteralFromMarkdown()], mayOccurIn: (text) => text.includes("@") || text.includes("://") || /www\./i.test(text) },
];

const syntaxes = new Map<number, Syntax>();

/** The syntax made of `always` and the optional parts whose bits are set in `mask`. */
function syntaxFor(mask: number): Syntax {
  let syntax = syntaxes.get(mask);
  if (!syntax) {
    const parts = [always, ...optional.filter((_, bit) => (mask & (1 << bit)) !== 0)];
    syntax = { extensions: parts.flatMap((p) => p.extensions), mdastExtensions: parts.flatMap((p) => p.mdastExtensions) };
    syntaxes.set(mask, syntax);
  }
  return syntax;
}

/**
 * Parses Markdown — GitHub Flavored Markdown (what remark-gfm gives, in its parts), front
 * matter and directives — into mdast with positions: the tree micromark gives for the whole
 * text (`parseMarkdownWithMicromark`), made faster. Blocks of plain prose, whose tree is
 * known without micromark (see `knownBlocks`), are built directly; micromark parses the
 * pieces between them, and their positions are moved to where the pieces stand.
 */
export function parseMarkdown(text: string): Root {
  const table = new LineTable(text);
  const blocks = knownBlocks(table);
  if (blocks.length === 0) return parseMarkdownWithMicromark(text);
  const children: RootContent[] = [];
  let next = 0; // the first line not yet parsed
  const parsePiece = (first: number, end: number): void => {
    const from = table.starts[first] ?? text.length;
    // A piece before a block ends at its last line's end, where micromark closes what is still open there.
    const to = end < table.lines.length ? (table.starts[end] ?? text.length) - 1 : text.length;
    const piece = text.slice(from, to);
    if (/^\s*$/.test(piece)) return;
    // After a line end, as in the whole text: not front matter, and a byte-order mark is kept.
    for (const node of parseMarkdownWithMicromark(`\n${piece}`).children) {
      moveBy(node, first - 1, from - 1);
      children.push(node);
    }
  };
  for (const block of blocks) {
    if (block.first > next) parsePiece(next, block.first);
    children.push(block.node);
    next = block.last + 1;
  }
  if (next < table.lines.length) parsePiece(next, table.lines.length);
  return { type: "root", children, position: { start: { line: 1, column: 1, offset: 0 }, end: table.end() } };
}

/**
 * Moves a node of a piece parsed on its own, and everything in it, down `lines` lines and on
 * `offset` characters. A loop, not recursion: trees nest as deep as their source does.
 */
function moveBy(node: Node, lines: number, offset: number): void {
  const stack: Node[] = [node];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.position) {
      for (const point of [item.position.start, item.position.end]) {
        point.line += lines;
        if (point.offset !== undefined) point.offset += offset;
      }
    }
    if ("children" in item && Array.isArray(item.children)) for (const child of item.children as Node[]) stack.push(child);
  }
}

/**
 * Parses the whole text with micromark, each GFM part a text cannot use left out (see
 * `optional`): the tree is the same, and most texts parse faster. `parseMarkdown` must agree
 * with it.
 */
export function parseMarkdownWithMicromark(text: string): Root {
  let mask = 0;
  optional.forEach((part, bit) => { if (part.mayOccurIn(text)) mask |= 1 << bit; });
  return fromMarkdown(text, syntaxFor(mask));
}

/** Parses Markdown with every part of the syntax, whatever the text holds: the reference `parseMarkdown` must agree with. */
export function parseMarkdownWithAllSyntax(text: string): Root {
  return fromMarkdown(text, syntaxFor((1 << optional.length) - 1));
}
