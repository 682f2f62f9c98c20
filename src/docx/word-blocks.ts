import {
  AlignmentType, BorderStyle, HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
  type IParagraphOptions, type ParagraphChild,
} from "docx";
import type { FootnoteDefinition, List, Root, RootContent, Table as MdTable } from "mdast";
import type { MarkdownText } from "../model/index.js";
import { blockDirectiveParts } from "./word-directives.js";
import { BULLET_LIST, NUMBERED_LIST, type BodyPlace, type WordContext } from "./word-context.js";
import { phrasing, type PhraseSource } from "./word-inline.js";

/** The paragraph style of a code block (its name is the one pandoc and other readers take for code). */
export const CODE_BLOCK_STYLE = "SourceCode";

/**
 * The width of the text on the page, in twentieths of a point: an A4 page less the docx
 * package's margins of an inch. Tables share it out evenly among their columns, so that
 * readers that do not fit columns to their content (LibreOffice, Google Docs) show them whole.
 */
export const TEXT_WIDTH = 9026;

/** Column widths that share the text width evenly. */
export function evenColumns(count: number, width = TEXT_WIDTH): number[] {
  return Array.from({ length: Math.max(1, count) }, () => Math.floor(width / Math.max(1, count)));
}

/** A block of a Word document's body. */
export type WordBlock = Paragraph | Table;

const HEADINGS = [
  HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6,
] as const;

/** Word's heading style for a level (1 to 6). */
export function headingStyle(level: number): (typeof HEADINGS)[number] {
  return HEADINGS[Math.min(6, Math.max(1, level)) - 1]!;
}

/** A heading paragraph at a Word level. */
export function heading(level: number, children: ParagraphChild[] | string): Paragraph {
  return new Paragraph({ heading: headingStyle(level), children: typeof children === "string" ? [new TextRun(children)] : children });
}

/** Where a block sits in lists: the list style, its level and the numbered list it belongs to. */
interface ListPlace {
  readonly reference: string;
  readonly level: number;
  readonly instance: number;
}

/** A Markdown text (a paper's body, a quote, a value's statement) as Word blocks, its paragraphs in `style` when given. */
export function markdownBlocks(md: MarkdownText, ctx: WordContext, place: BodyPlace, style?: Partial<IParagraphOptions>): WordBlock[] {
  return blocks(md.tree.children, ctx, sourceOf(md.tree, ctx, place), undefined, style);
}

function sourceOf(tree: Root, ctx: WordContext, place: BodyPlace): PhraseSource {
  const source: PhraseSource = { tree, place, note: (definition) => noteParagraphs(definition, ctx, source) };
  return source;
}

/** A footnote's content as the paragraphs of a Word note (a note holds paragraphs only). */
function noteParagraphs(definition: FootnoteDefinition, ctx: WordContext, source: PhraseSource): Paragraph[] {
  const made = blocks(definition.children, ctx, source).filter((b): b is Paragraph => b instanceof Paragraph);
  return made.length > 0 ? made : [new Paragraph("")];
}

function blocks(nodes: readonly RootContent[], ctx: WordContext, source: PhraseSource, list?: ListPlace, style?: Partial<IParagraphOptions>): WordBlock[] {
  return nodes.flatMap((node) => block(node, ctx, source, list, style));
}

function block(node: RootContent, ctx: WordContext, source: PhraseSource, list: ListPlace | undefined, style: Partial<IParagraphOptions> | undefined): WordBlock[] {
  const { place } = source;
  switch (node.type) {
    case "heading": {
      if (ctx.about.hidden.has(node)) return [];
      const level = Math.min(6, Math.max(1, node.depth + ctx.headingOffset));
      place.level = level;
      return [heading(level, phrasing(node.children, ctx, source))];
    }
    case "paragraph":
      return [new Paragraph({
        ...style,
        ...(list === undefined ? {} : { numbering: { reference: list.reference, level: list.level, instance: list.instance } }),
        children: phrasing(node.children, ctx, source),
      })];
    case "list":
      return listBlocks(node, ctx, source, list, style);
    case "blockquote":
      return blocks(node.children, ctx, source, list, { ...style, style: "Quote" });
    case "code":
      return [new Paragraph({
        ...style,
        style: CODE_BLOCK_STYLE,
        children: node.value.split("\n").map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) })),
      })];
    case "table":
      return [markdownTable(node, ctx, source)];
    case "thematicBreak":
      return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "999999", space: 1 } }, children: [] })];
    case "leafDirective":
      return ctx.about.hidden.has(node) ? [] : blockDirectiveParts(node, ctx, place, ctx.about.shown.get(node));
    case "containerDirective":
      return blocks(node.children, ctx, source, list, style);
    default:
      return []; // footnote definitions (shown as notes), link definitions, front matter, raw HTML
  }
}

/**
 * A Markdown list as paragraphs in Word's list numbering: bullets, or numbers that start again
 * for each list (a numbered list of its own instance); a list inside an item goes a level deeper.
 */
function listBlocks(node: List, ctx: WordContext, source: PhraseSource, outer: ListPlace | undefined, style: Partial<IParagraphOptions> | undefined): WordBlock[] {
  const level = outer === undefined ? 0 : Math.min(8, outer.level + 1);
  let instance = 0;
  if (node.ordered === true) {
    ctx.lists.count += 1;
    instance = ctx.lists.count;
  }
  const place: ListPlace = { reference: node.ordered === true ? NUMBERED_LIST : BULLET_LIST, level, instance };
  return node.children.flatMap((item) => item.children.flatMap((child, at) => {
    // An item's first paragraph carries its bullet or number; what follows is indented under it.
    if (child.type === "list") return listBlocks(child, ctx, source, place, style);
    // A task list item's box, ticked or not, before its text (Word has no checkbox in a list).
    if (at === 0 && typeof item.checked === "boolean" && child.type === "paragraph") {
      const box = { type: "text" as const, value: item.checked ? "☒ " : "☐ " };
      return block({ ...child, children: [box, ...child.children] }, ctx, source, place, style);
    }
    if (at === 0) return block(child, ctx, source, place, style);
    return block(child, ctx, source, undefined, { ...style, indent: { left: 720 * (level + 1) } });
  }));
}

/** A Markdown table: its first row is the header, repeated at the top of every page the table runs over. */
function markdownTable(node: MdTable, ctx: WordContext, source: PhraseSource): Table {
  const align = (at: number): (typeof AlignmentType)[keyof typeof AlignmentType] | undefined => {
    const a = node.align?.[at];
    return a === "center" ? AlignmentType.CENTER : a === "right" ? AlignmentType.RIGHT : undefined;
  };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: evenColumns(node.children[0]?.children.length ?? 1),
    rows: node.children.map((row, r) => new TableRow({
      tableHeader: r === 0,
      children: row.children.map((cell, c) => {
        const alignment = align(c);
        return new TableCell({
          children: [new Paragraph({
            ...(alignment === undefined ? {} : { alignment }),
            children: phrasing(cell.children, ctx, source, r === 0 ? { bold: true } : {}),
          })],
        });
      }),
    })),
  });
}

/** A table cell's content: its paragraphs, each as runs. */
export type CellText = readonly (readonly ParagraphChild[])[];

/** A simple table: a header row (repeated on every page) and rows of cells. */
export function simpleTable(header: readonly string[], rows: readonly (readonly CellText[])[]): Table {
  const cell = (paragraphs: CellText): TableCell =>
    new TableCell({ children: (paragraphs.length === 0 ? [[]] : paragraphs).map((runs) => new Paragraph({ children: [...runs] })) });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: evenColumns(header.length),
    rows: [
      new TableRow({ tableHeader: true, children: header.map((text) => cell([[new TextRun({ text, bold: true })]])) }),
      ...rows.map((cells) => new TableRow({ children: cells.map(cell) })),
    ],
  });
}
