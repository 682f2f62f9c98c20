import { beforeAll, describe, expect, it } from "vitest";
import { fromHtml } from "hast-util-from-html";
import { selectAll } from "hast-util-select";
import { renderFixture, textOf, type Rendered } from "./render-helpers.js";

/** The glossary (see docs/reference.md#glossary): `:abbr[id]` spelled out once per paper, then short, and each paper's list. */
describe("render: abbreviations", () => {
  let r: Rendered;
  const first = "papers/1-first.html";
  const second = "papers/2-second.html";
  const printed = (path: string): ReturnType<typeof fromHtml> => fromHtml(r.site.print.find((d) => d.path === path)!.html);
  const flat = (text: string): string => text.replace(/\s+/g, " ").trim();
  beforeAll(async () => { r = await renderFixture("glossary"); });

  it("renders from a project without errors", () => {
    expect(r.errors).toBe(0);
  });

  it("spells an abbreviation out at its first use in a paper's running text, not in a heading", () => {
    expect(r.text(first, ".paper-body h2")).toBe("What each CCG does");
    expect(r.one(first, ".paper-body h2 abbr").properties["title"]).toBe("clinical commissioning group");
    expect(r.all(first, ".paper-body p")[0] && flat(textOf(r.all(first, ".paper-body p")[0]!)))
      .toBe("Every clinical commissioning group (CCG) plans care with accident and emergency (A&E).1 A later CCG is short, as is CCGs in the plural.");
    expect(r.all(first, ".abbr-first").map((e) => textOf(e))).toEqual([
      "clinical commissioning group (CCG)", "accident and emergency (A&E)", "integrated care <b>system</b> (ICS)",
    ]);
  });

  it("shows every later use as an <abbr> whose title is the expansion, with {text} as its text", () => {
    const later = r.all(first, ".paper-body p abbr[title]").map((e) => [textOf(e), e.properties["title"]]);
    expect(later).toEqual([
      ["CCG", "clinical commissioning group"], ["CCGs", "clinical commissioning group"],
      ["A&E", "accident and emergency"], ["CCG", "clinical commissioning group"],
    ]);
    // the first use needs no title: its expansion is written out beside it
    expect(r.all(first, ".abbr-first abbr").every((e) => e.properties["title"] === undefined)).toBe(true);
  });

  it("spells out again in each paper, and never outside a paper's own text (a quote it shows)", () => {
    expect(r.all(second, ".abbr-first").map((e) => textOf(e))).toEqual(["clinical commissioning group (CCG)", "accident and emergency (A&E)"]);
    // the note is read last, though its definition is written before the text's A&E
    expect(r.all(second, ".paper-body > p abbr[title]").map((e) => textOf(e))).toEqual(["CCG"]);
    expect(r.text(second, ".footnotes li")).toBe("The note’s A&E is read after the text below. ↩");
    expect(r.one(second, ".footnotes li abbr").properties["title"]).toBe("accident and emergency");
    const third = "papers/3-third.html";
    expect(r.all(third, ".abbr-first")).toHaveLength(0);
    expect(r.all(third, "main abbr").map((e) => [textOf(e), e.properties["title"]])).toEqual([["CCG", "clinical commissioning group"]]);
  });

  it("ends each paper that uses the glossary with its abbreviations, alphabetically, before the notes", () => {
    expect(r.all(first, ".paper-body h2").map((e) => textOf(e))).toEqual(["What each CCG does", "Next", "Abbreviations", "Notes"]);
    const entries = r.all(first, ".abbreviations dl > div").map((e) => selectAll("dt, dd", e).map((x) => textOf(x)));
    expect(entries).toEqual([
      ["A&E", "accident and emergency"],
      ["CCG", "clinical commissioning group", "The NHS body that planned and paid for local services."],
      ["ICS", "integrated care <b>system</b>"],
    ]);
    expect(r.one(first, ".abbreviations").properties["ariaLabelledBy"]).toEqual(["abbreviations-label"]);
    expect(r.all(first, "nav a").map((a) => [textOf(a), a.properties["href"]]).filter(([t]) => t === "Abbreviations" || t === "Notes"))
      .toEqual([["Abbreviations", "#abbreviations-label"], ["Notes", "#footnote-label"]]);
    expect(r.all(second, ".abbreviations dt").map((e) => textOf(e))).toEqual(["A&E", "CCG"]);
    expect(r.all("papers/3-third.html", ".abbreviations")).toHaveLength(0);
    expect(r.all("papers/3-third.html", "nav a").map((a) => textOf(a))).not.toContain("Abbreviations");
  });

  it("prints the list in the PDF before Notes and lists it in the contents like Notes", () => {
    const tree = printed("pdf/1-first.pdf");
    expect(selectAll("main h2", tree).map((e) => textOf(e))).toEqual(["What each CCG does", "Next", "Abbreviations", "Notes"]);
    const ids = new Set(selectAll("[id]", tree).map((e) => String(e.properties["id"])));
    const entries = selectAll("nav.toc a.toc-entry", tree).map((a) => [textOf(a), String(a.properties["href"])]);
    expect(entries.map(([t]) => t)).toEqual(["What each CCG does", "Next", "Abbreviations", "Notes", "About the partners"]);
    for (const [, href] of entries) expect(ids.has(href!.slice(1)), href).toBe(true);
  });

  it("gives each paper of the series document its own list, spelled out anew, under ids of its own", () => {
    const tree = printed("pdf/series.pdf");
    expect(selectAll(".abbreviations", tree).map((e) => e.properties["ariaLabelledBy"])).toEqual([["p1-abbreviations-label"], ["p2-abbreviations-label"]]);
    expect(selectAll(".abbr-first", tree).map((e) => textOf(e))).toEqual([
      "clinical commissioning group (CCG)", "accident and emergency (A&E)", "integrated care <b>system</b> (ICS)",
      "clinical commissioning group (CCG)", "accident and emergency (A&E)",
    ]);
    const ids = selectAll("[id]", tree).map((e) => String(e.properties["id"]));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
