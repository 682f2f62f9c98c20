import type { Nodes } from "mdast";
import type { LeafDirective } from "mdast-util-directive";
import type { MarkdownText, Series, SeriesIndex } from "../../model/index.js";

/**
 * What a block directive renders in place, when that holds Markdown of its own: the whole
 * charter (`::values-charter`), every partner's About text (`::about-partners`) or one quote's
 * text (`::quote{#id}`). `::case-study` shows the summary as plain text and `::value-matrix`
 * only titles, so neither can include anything and neither is a node here.
 */
export type BlockKey = "charter" | "partners" | `quote:${string}`;

/** One block directive written inside a text that some block renders. */
export interface Inclusion {
  readonly node: LeafDirective;
  /** The directive as written, for messages: `::values-charter`, `::quote{#silos}`. */
  readonly written: string;
  readonly file: string;
  readonly target: BlockKey;
}

/** A Markdown text that a block renders, with a label saying where it is. */
export interface IncludedText {
  readonly label: string;
  readonly inclusions: readonly Inclusion[];
}

/** Every block that renders Markdown, with the texts it renders and what they include. */
export type BlockGraph = ReadonlyMap<BlockKey, readonly IncludedText[]>;

/** The block a leaf directive renders, or undefined when it renders no Markdown of its own. */
export function blockKeyOf(node: LeafDirective, index: SeriesIndex): BlockKey | undefined {
  if (node.name === "values-charter") return "charter";
  if (node.name === "about-partners") return "partners";
  if (node.name !== "quote") return undefined;
  const resolved = index.referenceByNode.get(node);
  return resolved?.resolution.status === "ok" && resolved.resolution.target.kind === "quote"
    ? `quote:${resolved.resolution.target.id}` : undefined;
}

/** The block directives of one text, in document order, without recursion (trees can be deep). */
function inclusionsIn(text: MarkdownText, index: SeriesIndex): Inclusion[] {
  const out: Inclusion[] = [];
  const stack: Nodes[] = [text.tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "leafDirective") {
      const target = blockKeyOf(node, index);
      if (target !== undefined) {
        const written = node.name === "quote" ? `::quote{#${target.slice("quote:".length)}}` : `::${node.name}`;
        out.push({ node, written, file: text.range.file, target });
      }
    }
    if ("children" in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

/** Builds the graph of blocks and the block directives written in the texts they render. */
export function blockGraph(series: Series, index: SeriesIndex): BlockGraph {
  const graph = new Map<BlockKey, IncludedText[]>();
  const add = (key: BlockKey, label: string, text: MarkdownText | undefined): void => {
    if (text === undefined) return;
    const texts = graph.get(key) ?? [];
    texts.push({ label: `${text.range.file} ${label}`, inclusions: inclusionsIn(text, index) });
    graph.set(key, texts);
  };
  const { charter } = series;
  add("charter", "preamble", charter?.preamble);
  for (const value of charter?.values ?? []) add("charter", `value "${value.id}"`, value.statement);
  for (const partner of series.config.partners) add("partners", `partner "${partner.id}" about`, partner.about);
  // Only the first quote of an id is rendered; a duplicate is duplicate-id's to report.
  const seen = new Set<string>();
  for (const quote of series.quotes) {
    if (seen.has(quote.id)) continue;
    seen.add(quote.id);
    add(`quote:${quote.id}`, `quote "${quote.id}"`, quote.text);
  }
  return graph;
}
