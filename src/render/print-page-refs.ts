import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import type { Node } from "unist";
import { visit } from "unist-util-visit";
import type { Entity, Finding, PaperAnchor } from "../model/index.js";
import { paperPdf } from "./paths.js";
import type { SiteModel } from "./site-model.js";

/** The class of the span the print stage fills with the page a reference leads to (page-layout.ts). */
export const REF_PAGE_CLASS = "ref-page";
/** The class of the span the print stage fills with a page of another paper's PDF (print-documents.ts). */
export const CROSS_PAGE_CLASS = "cross-page";

/**
 * What a print document adds after a reference to a section of a paper printed in another PDF
 * of this build: " (Paper 2, p. 5)", the number filled in by the print stage from the pages that
 * PDF really got. Its `data-target` names the PDF and the id: "pdf/2-outcomes.pdf#next-steps".
 * None for other references, and for a target in the same document (addPageReferences).
 */
export function crossPaperPage(site: SiteModel, target: Entity, anchor: PaperAnchor | Finding | undefined, href: string | undefined): Element | undefined {
  if (target.kind !== "paper" || anchor === undefined || "kind" in anchor || href?.startsWith("#") === true) return undefined;
  if (!site.papers.includes(target)) return undefined;
  return h("span", { className: ["cross-see"] }, [
    { type: "text", value: ` (Paper ${target.number}, p.\u00a0` },
    h("span", { className: [CROSS_PAGE_CLASS], dataTarget: `${paperPdf(target)}#${anchor.id}` }),
    { type: "text", value: ")" },
  ]);
}

/** The other PDFs' places a print document gives pages of ("pdf/2-outcomes.pdf#next-steps"), in order, once each. */
export function crossTargets(tree: Node): string[] {
  const targets = new Set<string>();
  visit(tree, "element", (element: Element) => {
    const classes = element.properties["className"];
    const target = element.properties["dataTarget"];
    if (Array.isArray(classes) && classes.includes(CROSS_PAGE_CLASS) && typeof target === "string") targets.add(target);
  });
  return [...targets];
}

/**
 * Makes each reference in a print document's body to a place in the same document say on which
 * page it is: "(see p. 5)" after its text, the number filled in by the print stage like the
 * contents' (estimated, then checked against where the target landed in the PDF). References to
 * a whole paper (`wholeTargets`, the ids where papers start) and footnote markers get none: a
 * paper's start is in the contents.
 */
export function addPageReferences(body: readonly ElementContent[], wholeTargets: ReadonlySet<string>): void {
  for (const node of body) {
    visit(node, "element", (element: Element, index, parent) => {
      const href = element.properties["href"];
      if (element.tagName !== "a" || typeof href !== "string" || !href.startsWith("#") || parent === undefined || index === undefined) return;
      if (element.properties["dataFootnoteRef"] !== undefined || element.properties["dataFootnoteBackref"] !== undefined) return;
      const target = fragmentOf(href);
      if (target === "" || wholeTargets.has(target)) return;
      parent.children.splice(index + 1, 0, h("span", { className: ["ref-see"] }, [
        { type: "text", value: " (see p.\u00a0" },
        h("span", { className: [REF_PAGE_CLASS], dataTarget: target }),
        { type: "text", value: ")" },
      ]));
      return index + 2;
    });
  }
}

/** The id an in-document href leads to ("#a%20b" is the id "a b"). */
function fragmentOf(href: string): string {
  try {
    return decodeURIComponent(href.slice(1));
  } catch {
    return href.slice(1);
  }
}
