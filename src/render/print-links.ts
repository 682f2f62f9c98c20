import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import { visit } from "unist-util-visit";

const EXTERNAL = /^(https?:|mailto:)/i;

/**
 * Numbers the external links (http, https, mailto) of a paper's body in a print document: each
 * gets its number in brackets after its text, the same address always the same number, in the
 * order they first appear. Returns the paper's "Links" section listing the numbered addresses,
 * for the end of the paper (a printed link has nowhere to go); none when the body has no
 * external link. The References section is left as it is: it prints every address in full.
 * Print documents only: the site's links are live.
 */
export function numberLinks(body: ElementContent[], idPrefix: string): Element | undefined {
  const numbers = new Map<string, number>();
  for (const node of body) {
    // A References section writes each address out in full: its links need no number.
    if (node.type === "element" && Array.isArray(node.properties["className"]) && node.properties["className"].includes("references")) continue;
    visit(node, "element", (element: Element, index, parent) => {
      const href = element.properties["href"];
      if (element.tagName !== "a" || typeof href !== "string" || !EXTERNAL.test(href) || parent === undefined || index === undefined) return;
      let number = numbers.get(href);
      if (number === undefined) {
        number = numbers.size + 1;
        numbers.set(href, number);
      }
      parent.children.splice(index + 1, 0, h("sup", { className: ["link-number"] }, `[${number}]`));
      return index + 2;
    });
  }
  if (numbers.size === 0) return undefined;
  const headingId = `${idPrefix}_links-heading`;
  return h("section", { className: ["links"], ariaLabelledBy: headingId }, [
    h("h2", { id: headingId }, "Links"),
    h("ol", [...numbers.keys()].map((href) => h("li", [h("a", { href }, href.replace(/^mailto:/i, ""))]))),
  ]);
}
