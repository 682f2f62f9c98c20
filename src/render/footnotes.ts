import type { ElementContent, Properties } from "hast";
import type { Root } from "mdast";
import type { Options as ToHastOptions } from "remark-rehype";
import { visit } from "unist-util-visit";

/** The heading of the notes at the end of a body (see docs/reference.md#footnotes). */
export const NOTES_TITLE = "Notes";

/** The id of the notes' heading in a body whose footnote ids start with `prefix`. */
export function notesHeadingId(prefix: string): string {
  return `${prefix}footnote-label`;
}

/** remark-rehype's footnote options: ids made unique by `prefix`, a visible "Notes" h2, spoken back-links. */
export function footnoteOptions(prefix: string): Pick<ToHastOptions, "clobberPrefix" | "footnoteLabel" | "footnoteLabelTagName" | "footnoteLabelProperties" | "footnoteBackLabel"> {
  return {
    clobberPrefix: prefix,
    footnoteLabel: NOTES_TITLE,
    footnoteLabelTagName: "h2",
    footnoteLabelProperties: { className: ["notes-title"] } satisfies Properties,
    footnoteBackLabel: (index: number) => `Back to reference ${index + 1}`,
  };
}

/** Whether a body has notes to show: remark-rehype lists only the footnotes that are referenced. */
export function hasNotes(tree: Root): boolean {
  let found = false;
  visit(tree, "footnoteReference", () => { found = true; return false; });
  return found;
}

/**
 * The nodes without the notes' back-links ("↩"), which lead nowhere on paper. The note's text
 * stays as it is, less the space that stood before the link.
 */
export function withoutNoteBackLinks(nodes: readonly ElementContent[]): ElementContent[] {
  return nodes.flatMap((node): ElementContent[] => {
    if (node.type !== "element") return [node];
    if (node.properties["dataFootnoteBackref"] !== undefined) return [];
    const children = withoutNoteBackLinks(node.children);
    const last = children.at(-1);
    if (node.children.length !== children.length && last?.type === "text") {
      children[children.length - 1] = { ...last, value: last.value.trimEnd() };
    }
    return [{ ...node, children }];
  });
}
