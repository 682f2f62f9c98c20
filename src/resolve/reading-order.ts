import type { Nodes, Root } from "mdast";

/** What a visitor is told of where a node stands. */
export interface ReadingPlace {
  /** Inside a heading. */
  readonly inHeading: boolean;
  /** Not the first child of its parent: something stands before it in the same block or line. */
  readonly afterSibling: boolean;
}

/**
 * Visits a body's nodes in the order a reader meets them: the text in document order, then the
 * footnotes' text (the notes close the page and the PDF, wherever their definitions are
 * written). `visit` returns false to leave a node's children unvisited.
 */
export function visitInReadingOrder(tree: Root, visit: (node: Nodes, place: ReadingPlace) => boolean): void {
  const notes: Nodes[] = [];
  const walk = (node: Nodes, place: ReadingPlace, deferNotes: boolean): void => {
    if (deferNotes && node.type === "footnoteDefinition") {
      notes.push(node);
      return;
    }
    if (!visit(node, place) || !("children" in node)) return;
    const inHeading = place.inHeading || node.type === "heading";
    node.children.forEach((child, i) => walk(child, { inHeading, afterSibling: i > 0 }, deferNotes));
  };
  walk(tree, { inHeading: false, afterSibling: false }, true);
  for (const note of notes) walk(note, { inHeading: false, afterSibling: false }, false);
}
