import { beforeAll, describe, expect, it } from "vitest";
import { fromHtml } from "hast-util-from-html";
import { selectAll } from "hast-util-select";
import { h } from "hastscript";
import { typeset } from "../src/render/typography.js";
import { renderFixture, textOf, type Rendered } from "./render-helpers.js";

const NB = "\u00a0";
const PAGE = "papers/1-what-shared-means.html";

describe("typography of rendered pages (the typography fixture)", () => {
  let r: Rendered;
  beforeAll(async () => { r = await renderFixture("typography"); });

  const paragraphs = (): string[] => r.all(PAGE, ".paper-body > p").map((p) => textOf(p));

  it("curls quotes and apostrophes, also across links and emphasis, in titles from YAML and in headings", () => {
    expect(paragraphs()[0]).toBe("She said “we’re on the same side” – and “meant it”.");
    expect(r.text(PAGE, "h1")).toBe("What “shared” means");
    expect(r.text(PAGE, ".paper-body h2")).toBe("Leaders’ words");
    // (textOf, not r.text: r.text folds every white space, the no-break space too)
    expect(textOf(r.one(PAGE, ".kicker"))).toBe(`Paper${NB}1 · The partners’ series`);
    expect(textOf(r.one(PAGE, "title"))).toBe(`Paper${NB}1: What “shared” means | The partners’ series`);
  });

  it("joins number ranges with an en dash but leaves dates, times and ids alone; makes ellipses", () => {
    expect(paragraphs()[1]).toBe(`Between 2014–2015 we met on 2014-10-06, in pages 12–15, and at 10:30. Wait… see Paper${NB}2.`);
  });

  it("keeps a number with its unit and with its label on one line", () => {
    expect(paragraphs()[2]).toBe(`The ward is 25${NB}m long, stays fell by 12${NB}% over 3${NB}years, and cost £65${NB}million (p.${NB}5).`);
    expect(paragraphs()[4]).toBe(`Read the partners’ next paper, then Paper${NB}2: Next.`);
  });

  it("never touches code, a link showing its address, ids or attributes", () => {
    expect(textOf(r.one(PAGE, ".paper-body code"))).toBe(`"code" -- 2014-2015`);
    const autolink = r.all(PAGE, ".paper-body a").find((a) => String(a.properties["href"]).includes("it's"));
    expect(autolink && textOf(autolink)).toBe("https://example.org/it's--2014-2015");
    expect(r.one(PAGE, ".paper-body h2").properties["id"]).toBe("leaders-words");
    expect(r.all(PAGE, ".paper-body a").map((a) => a.properties["href"])).toContain("https://example.org/a-b");
    expect(paragraphs()[3]).toContain("ids such as july-2014 as written");
  });

  it("gives the PDF the same text as the web page", () => {
    const doc = r.site.print.find((d) => d.path === "pdf/1-what-shared-means.pdf")!;
    // The PDF numbers external links for its Links list ("[1]"); the text is otherwise the page's.
    const tree = fromHtml(doc.html);
    for (const marker of selectAll("sup.link-number", tree)) marker.children = [];
    const printed = selectAll("main .paper-body > p", tree).map((p) => textOf(p));
    expect(printed).toEqual(paragraphs());
    expect(selectAll(".cover h1", fromHtml(doc.html)).map((e) => textOf(e))).toEqual(["What “shared” means"]);
  });

  it("gives the same text when typeset twice (a page rendered again is unchanged)", () => {
    const tree = h("div", [h("p", ["\"It's 2014-2015\" -- see Paper 2..."])]);
    const once = textOf(typeset(tree));
    expect(once).toBe(`“It’s 2014–2015” – see Paper${NB}2…`);
    expect(textOf(typeset(tree))).toBe(once);
  });
});
