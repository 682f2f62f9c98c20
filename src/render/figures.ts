import type { Element, ElementContent } from "hast";
import type { Paragraph } from "mdast";
import type { ContainerDirective } from "mdast-util-directive";
import { h } from "hastscript";
import type { FigureOrTable } from "../model/index.js";
import type { BodyContext } from "./markdown.js";

/** The class of a table printed on a landscape page of its own (print.css names its page `wide`). */
export const WIDE_TABLE_CLASS = "wide-table";

/** The elements of a numbered figure or table with an id (for the print stage, which finds their pages). */
export const FIGURE_SELECTOR = "figure.figure[id], div.table-block[id]";

/** Renders the children of a node, as remark-rehype's `state.all` does. */
type RenderChildren = (parent: ContainerDirective | Paragraph) => ElementContent[];

/** "Figure 1: " and the caption's own text, the number set apart so that styles can stress it. */
function captionContent(figure: FigureOrTable, caption: Paragraph, all: RenderChildren): ElementContent[] {
  return [h("span", { className: ["caption-label"] }, `${figure.text}:`), { type: "text", value: " " }, ...all(caption)];
}

/**
 * A numbered figure or table (see docs/reference.md#figures-and-tables): a figure is a
 * `<figure>` with its caption, "Figure 1: …", in a `<figcaption>` under its content; a table's
 * caption, "Table 1: …", is the `<caption>` of its first table, in a block that carries the id
 * (and, when `wide`, the class that gives it a landscape page in print). Without a caption
 * (`caption-missing` warns), the number alone is the caption, so that references still lead to
 * something named.
 */
export function figureOrTableElement(node: ContainerDirective, figure: FigureOrTable, all: RenderChildren, ctx: BodyContext): Element {
  const rest: ContainerDirective = { ...node, children: node.children.filter((child) => child !== figure.caption) };
  const body = all(rest);
  const caption = figure.caption ? captionContent(figure, figure.caption, all) : [h("span", { className: ["caption-label"] }, figure.text)];
  const id = figure.id === undefined ? {} : { id: ctx.linker.id(ctx.page, figure.id) };
  if (figure.label === "figure") {
    return h("figure", { ...id, className: ["figure"] }, [...body, h("figcaption", caption)]);
  }
  const table = body.find((child): child is Element => child.type === "element" && child.tagName === "table");
  if (table) table.children.unshift(h("caption", caption));
  const className = figure.wide ? ["table-block", WIDE_TABLE_CLASS] : ["table-block"];
  return h("div", { ...id, className }, table ? body : [h("p", { className: ["caption"] }, caption), ...body]);
}
