import type { Nodes, Paragraph, RootContent } from "mdast";
import type { ContainerDirective } from "mdast-util-directive";
import type { FigureOrTable, Paper } from "../model/index.js";
import { positionRange } from "../diagnostics/position-range.js";

const NAME = { figure: "Figure", table: "Table" } as const;

/** Whether a paragraph holds nothing but images (and the space between them): a figure's picture, not its caption. */
function onlyImages(paragraph: Paragraph): boolean {
  return paragraph.children.every((child) => child.type === "image" || child.type === "imageReference" || (child.type === "text" && child.value.trim() === ""));
}

/**
 * A figure's caption is its last paragraph, a table's its first (see docs/reference.md#figures-and-tables),
 * when the container holds something besides it; a paragraph of images alone is never a caption.
 */
export function captionOf(node: ContainerDirective, label: "figure" | "table"): Paragraph | undefined {
  const children = node.children as RootContent[];
  if (children.length < 2) return undefined;
  const candidate = label === "figure" ? children.at(-1) : children[0];
  return candidate?.type === "paragraph" && !onlyImages(candidate) ? candidate : undefined;
}

/**
 * A paper's `:::figure` and `:::table` containers in document order, wherever they stand (in a
 * list, a quote, another container), figures and tables each numbered from 1.
 */
export function figuresAndTables(paper: Paper): FigureOrTable[] {
  const out: FigureOrTable[] = [];
  const counts = { figure: 0, table: 0 };
  const walk = (node: Nodes): void => {
    if (node.type === "containerDirective" && (node.name === "figure" || node.name === "table")) {
      const label = node.name;
      const number = ++counts[label];
      const id = node.attributes?.id?.trim();
      out.push({
        label, id: id === "" ? undefined : id, number, text: `${NAME[label]} ${number}`,
        caption: captionOf(node, label), wide: label === "table" && typeof node.attributes?.["wide"] === "string",
        node, range: positionRange(node, paper.file),
      });
    }
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(paper.body.tree);
  return out;
}
