import type { Element, ElementContent } from "hast";
import { visit } from "unist-util-visit";

/**
 * Gives each table and image of a print document's Markdown body a `data-source` attribute
 * ("file:line:column:endLine:endColumn", its Markdown node's place), so the print stage can say
 * where in the sources something too wide for the page was written (print-overflow). Print
 * documents only: the site's pages never carry it.
 */
export function markSources(nodes: readonly ElementContent[], file: string): void {
  for (const node of nodes) {
    visit(node, "element", (element: Element) => {
      if (element.tagName !== "table" && element.tagName !== "img") return;
      const at = element.position;
      if (at?.start === undefined || at.end === undefined) return;
      element.properties["dataSource"] = `${file}:${at.start.line}:${at.start.column}:${at.end.line}:${at.end.column}`;
    });
  }
}
