import type { Element, ElementContent } from "hast";
import type { TextDirective } from "mdast-util-directive";
import { toString } from "mdast-util-to-string";
import type { BodyContext } from "./markdown.js";
import { crossPaperPage } from "./print-page-refs.js";
import { abbreviationNode } from "./abbreviations.js";
import { citationNode } from "./citations.js";
import type { ResolvedReference } from "../model/index.js";
import type { SiteModel } from "./site-model.js";
import { INLINE_DIRECTIVES } from "../model/directive-names.js";

/**
 * The inline reference directives (docs/reference.md#references) that link to their target;
 * `:abbr` and `:cite` are rendered as an abbreviation and a citation.
 */
export const INLINE_REFERENCES: ReadonlySet<string> = new Set(Object.keys(INLINE_DIRECTIVES).filter((name) => name !== "abbr" && name !== "cite"));

/**
 * The words a resolved inline reference shows (any output: the site, the PDFs, Word), and for a
 * person the longer description that goes in the link's title. A person is named by name alone,
 * `{role}` writing out "Name, role, organisation"; `:figure[id]` and `:table[id]` name a place in
 * their own paper ("Figure 2"); `{text="..."}` replaces the words.
 */
export function referenceText(node: TextDirective, resolved: ResolvedReference, site: SiteModel): { readonly text: string; readonly title?: string } {
  if (resolved.resolution.status !== "ok") return { text: toString(node) };
  const { target, anchor } = resolved.resolution;
  const override = node.attributes?.["text"];
  const custom = typeof override === "string" && override.trim() !== "" ? override : undefined;
  const person = target.kind === "person" ? target : undefined;
  const withRole = person !== undefined && resolved.reference.withRole === true;
  const ownFigure = node.name === "figure" || node.name === "table";
  const full = ownFigure ? resolved.text : site.textOf(target, anchor);
  const text = custom ?? (person !== undefined && !withRole ? person.name : full);
  return person !== undefined && !withRole && full !== person.name ? { text, title: full } : { text };
}

/**
 * An inline reference as a link whose text is the target's generated text (or `{text="..."}`).
 * A target with no page in this output (a person, a paper not built) becomes a span; a reference
 * that did not resolve (never in a build without errors) shows its label as plain text.
 */
export function referenceNode(node: TextDirective, children: ElementContent[], ctx: BodyContext): ElementContent | ElementContent[] {
  if (node.name === "abbr") return abbreviationNode(node, ctx.site);
  if (node.name === "cite") return citationNode(node, ctx.site);
  if (!INLINE_REFERENCES.has(node.name)) {
    // Ordinary text the loader did not turn back (such as "10:30"): show it as written.
    const hasAttributes = node.attributes !== null && node.attributes !== undefined && Object.keys(node.attributes).length > 0;
    if (children.length === 0 && !hasAttributes) return { type: "text", value: `:${node.name}` };
    return [{ type: "text", value: `:${node.name}[` }, ...children, { type: "text", value: "]" }];
  }
  const override = node.attributes?.["text"];
  const custom = typeof override === "string" && override.trim() !== "" ? override : undefined;
  const resolved = ctx.site.index.referenceByNode.get(node);
  if (resolved === undefined || resolved.resolution.status !== "ok") {
    return { type: "text", value: custom ?? toString(node) };
  }
  const { target, anchor } = resolved.resolution;
  const { text, title } = referenceText(node, resolved, ctx.site);
  const linkTarget = ctx.site.targetOf(target, anchor);
  const href = linkTarget === undefined ? undefined : ctx.linker.href(linkTarget);
  const element: Element = {
    type: "element",
    tagName: href === undefined ? "span" : "a",
    properties: { ...(href === undefined ? {} : { href }), className: ["ref", `ref-${node.name}`], ...(title === undefined ? {} : { title }) },
    children: [{ type: "text", value: text }],
  };
  const page = ctx.inPrint === true ? crossPaperPage(ctx.site, target, anchor, href) : undefined;
  return page === undefined ? element : [element, page];
}
