import type { Heading, Nodes, Root } from "mdast";
import type { LeafDirective } from "mdast-util-directive";
import { slug } from "github-slugger";
import { toString } from "mdast-util-to-string";

/** The text of the heading papersmith adds above a `::about-partners` that has none of its own. */
export const ABOUT_PARTNERS_TITLE = "About the partners";

/**
 * Which `::about-partners` blocks of a body are shown:
 * - `all`: every one, where it stands (web pages);
 * - `first`: the first one only, so a print document has exactly one "About the partners";
 * - `none`: none (the series PDF, which prints the partners once on a closing page).
 */
export type AboutPartnersMode = "all" | "first" | "none";

/** A `::about-partners` shown where the writer put it. */
export interface ShownAboutPartners {
  readonly directive: LeafDirective;
  /** The id of the "About the partners" heading papersmith adds; absent when the writer's own heading stands right before the block. */
  readonly headingId?: string;
  /** Where the block starts in the source, to place the added heading among the body's headings. */
  readonly offset: number;
}

/** How a body's `::about-partners` blocks render. */
export interface AboutPartnersPlacement {
  readonly shown: ReadonlyMap<LeafDirective, ShownAboutPartners>;
  /** Blocks left out, and the writer's headings that stood over nothing but a block left out. */
  readonly hidden: ReadonlySet<LeafDirective | Heading>;
}

/**
 * Decides, for one Markdown body, which `::about-partners` blocks render where they stand, which
 * get a heading added (those not right after a heading of the writer's), and which are left out
 * together with a heading of their own that would otherwise stand empty.
 */
export function placeAboutPartners(tree: Root, mode: AboutPartnersMode): AboutPartnersPlacement {
  const shown = new Map<LeafDirective, ShownAboutPartners>();
  const hidden = new Set<LeafDirective | Heading>();
  const written = new Set<string>();
  let added = 0;
  walk(tree, (node, siblings, index) => {
    if (node.type === "heading") written.add(slug(toString(node)));
    if (node.type !== "leafDirective" || node.name !== "about-partners") return;
    const before = siblings[index - 1];
    const writerHeading = before?.type === "heading" ? before : undefined;
    if (mode === "none" || (mode === "first" && shown.size > 0)) {
      hidden.add(node);
      // Footnote and link definitions print elsewhere (or not at all): they are not under the heading.
      const after = siblings.slice(index + 1).find((next) => next.type !== "footnoteDefinition" && next.type !== "definition");
      const alone = after === undefined || (after.type === "heading" && writerHeading !== undefined && after.depth <= writerHeading.depth);
      if (writerHeading !== undefined && alone) hidden.add(writerHeading);
      return;
    }
    const offset = node.position?.start.offset ?? 0;
    if (writerHeading !== undefined) { shown.set(node, { directive: node, offset }); return; }
    added += 1;
    shown.set(node, { directive: node, offset, headingId: added === 1 ? "about-the-partners" : `about-the-partners-${added}` });
  });
  // An added heading's id gives way to a heading the writer wrote with the same text.
  for (const [node, entry] of shown) {
    if (entry.headingId !== undefined && written.has(entry.headingId)) shown.set(node, { ...entry, headingId: `_${entry.headingId}` });
  }
  return { shown, hidden };
}

function walk(parent: Nodes, visitor: (node: Nodes, siblings: readonly Nodes[], index: number) => void): void {
  if (!("children" in parent)) return;
  const children = parent.children as readonly Nodes[];
  children.forEach((child, index) => {
    visitor(child, children, index);
    walk(child, visitor);
  });
}
