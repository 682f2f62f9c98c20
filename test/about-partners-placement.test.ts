import { fromMarkdown } from "mdast-util-from-markdown";
import { directiveFromMarkdown } from "mdast-util-directive";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { directive } from "micromark-extension-directive";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { toString } from "mdast-util-to-string";
import { describe, expect, it } from "vitest";
import { placeAboutPartners } from "../src/render/about-partners-placement.js";

const parse = (text: string) => fromMarkdown(text, { extensions: [directive(), gfmFootnote()], mdastExtensions: [directiveFromMarkdown(), gfmFootnoteFromMarkdown()] });
const hiddenHeadings = (text: string): string[] =>
  [...placeAboutPartners(parse(text), "none").hidden].filter((node) => node.type === "heading").map((node) => toString(node));

/** Where `::about-partners` shows, and what is left out with it (the series PDF shows none). */
describe("::about-partners left out of a body", () => {
  it("takes the writer's heading with it when nothing else stands under that heading", () => {
    expect(hiddenHeadings("## Next steps\n\nText.\n\n## About the partners\n\n::about-partners\n")).toEqual(["About the partners"]);
  });

  it("counts footnote and link definitions after the block as standing elsewhere, not under the heading", () => {
    expect(hiddenHeadings("Text.[^1]\n\n## About the partners\n\n::about-partners\n\n[^1]: A note.\n\n[site]: https://example.org/\n")).toEqual(["About the partners"]);
  });

  it("keeps the heading when text follows the block under it", () => {
    expect(hiddenHeadings("## About the partners\n\n::about-partners\n\nMore about the partnership.\n")).toEqual([]);
  });
});
