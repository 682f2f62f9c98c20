import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import { visit } from "unist-util-visit";

/** The class of the span the print stage fills with the page a reference leads to (page-layout.ts). */
export const REF_PAGE_CLASS = "ref-page";

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
