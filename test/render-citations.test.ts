import { beforeAll, describe, expect, it } from "vitest";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { fromHtml } from "hast-util-from-html";
import { selectAll } from "hast-util-select";
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-csl";
import { renderProject, textOf, type Rendered } from "./render-helpers.js";
import { fixture } from "./helpers/fixtures.js";
import { checkProject } from "../src/check.js";
import { traceability, type Traceability } from "../src/report/traceability.js";
import { processCitations } from "../src/render/csl.js";

/**
 * Citations (see docs/reference.md#citations) in each of the three styles, compared with what
 * citation-js itself gives for the same items: the in-text citations in reading order (numbers
 * counted per paper), and each paper's References section, with DOIs and URLs as links.
 */
const STYLES = [["harvard", "harvard1"], ["vancouver", "vancouver"], ["apa", "apa"]] as const;
const first = "papers/1-first.html";
const second = "papers/2-second.html";
const flat = (text: string): string => text.replace(/\s+/g, " ").trim();

/** The fixture's papers' citations as written: each a list of keys, the locator on the last. */
const CITES: Record<string, { id: string; locator?: string; label?: "page" }[][]> = {
  [first]: [[{ id: "five-year-forward-view" }], [{ id: "ham-2013", locator: "12", label: "page" }], [{ id: "journal-article" }, { id: "five-year-forward-view" }]],
  [second]: [[{ id: "journal-article" }], [{ id: "ham-2013" }]],
};

/** citation-js's own rendering of one paper: each citation with all the paper's others around it, and the bibliography. */
function expected(items: unknown[], template: string, page: string): { citations: string[]; bibliography: string[]; links: string[] } {
  const cites = CITES[page]!;
  const order = [...new Set(cites.flat().map((c) => c.id))];
  const cite = new Cite(order.map((id) => (items as { id: string }[]).find((item) => item.id === id)));
  const citations = cites.map((c, at) => flat(textOf(fromHtml(cite.format("citation", {
    format: "html", template, lang: "en-US", entry: c, citationsPre: cites.slice(0, at), citationsPost: cites.slice(at + 1),
  }) as string, { fragment: true }))));
  const html = fromHtml(cite.format("bibliography", { format: "html", template, lang: "en-US", hyperlinks: true, entry: order }) as string, { fragment: true });
  const entries = selectAll(".csl-entry", html);
  return {
    citations,
    bibliography: entries.map((e) => flat(textOf(e))),
    links: entries.flatMap((e) => selectAll("a", e).map((a) => String(a.properties["href"]))),
  };
}

describe.each(STYLES)("render: citations in the %s style", (style, template) => {
  let r: Rendered;
  let items: unknown[];
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), `papersmith-cite-${style}-`));
    await cp(fixture("render", "citations"), dir, { recursive: true });
    const config = join(dir, "papersmith.yaml");
    await writeFile(config, `${await readFile(config, "utf8")}citations:\n  style: ${style}\n`);
    items = (parse(await readFile(join(dir, "references.yaml"), "utf8")) as Record<string, unknown>[])
      .map((item) => ({ ...item, volume: item["volume"] === undefined ? undefined : String(item["volume"]), issued: { "date-parts": [String(item["issued"]).split("-").map(Number)] } }));
    r = await renderProject(dir);
  });

  it("renders from a project without errors", () => {
    expect(r.errors).toBe(0);
  });

  it.each([first, second])("writes %s's in-text citations as the CSL processor does, numbered per paper", (page) => {
    const want = expected(items, template, page);
    expect(r.all(page, ".paper-body .citation").map((e) => flat(textOf(e)))).toEqual(want.citations);
    expect(want.citations.every((c) => c.length > 2)).toBe(true);
  });

  it.each([first, second])("ends %s with its References, as the CSL processor writes them, with DOI and URL links", (page) => {
    const want = expected(items, template, page);
    expect(r.all(page, ".references li").map((e) => flat(textOf(e)))).toEqual(want.bibliography);
    expect(r.all(page, ".references li a").map((a) => String(a.properties["href"]))).toEqual(want.links);
    expect(want.links.length).toBeGreaterThan(0);
  });

  it("places References before the notes, lists it in the contents, and gives a paper that cites nothing none", () => {
    expect(r.all(first, ".paper-body h2").map((e) => textOf(e))).toEqual(["Scale", "References", "Notes"]);
    expect(r.all(first, "nav a").map((a) => [textOf(a), a.properties["href"]]).filter(([t]) => t === "References"))
      .toEqual([["References", "#references-label"]]);
    expect(r.all("papers/3-third.html", ".references")).toHaveLength(0);
    const printed = fromHtml(r.site.print.find((d) => d.path === "pdf/1-first.pdf")!.html);
    expect(selectAll(".references li", printed).map((e) => flat(textOf(e)))).toEqual(expected(items, template, first).bibliography);
  });
});

describe("traceability: citations", () => {
  it("counts each paper's citations and sources, and lists the entries no paper cites as unused", async () => {
    const r = await renderProject(fixture("render", "citations"), { report: true });
    const report = JSON.parse(String(r.files.get("report.json"))) as Traceability;
    expect(report.papers.map((p) => [p.number, p.references, p.citations])).toEqual([
      [1, ["five-year-forward-view", "ham-2013", "journal-article"], 4],
      [2, ["journal-article", "ham-2013"], 2],
      [3, [], 0],
    ]);
    expect(report.unused.filter((key) => key.startsWith("reference:"))).toEqual([]);
    const row = r.all("report.html", "table.traceability:last-of-type tbody tr")[0]!;
    expect(selectAll("th, td", row).map((cell) => selectAll("li", cell).map((li) => textOf(li)).join(", ") || flat(textOf(cell))))
      .toEqual(["Paper 1: First", "Final", "None", "five-year-forward-view, ham-2013, journal-article", "4"]);
    const check = await checkProject(fixture("check", "citations"));
    expect(traceability(check.series, check.index).unused).toEqual(["session:july-2014", "reference:never-cited"]);
  });
});

describe("csl: one paper's citations never depend on another's", () => {
  it("gives the same text whichever paper the processor saw before", () => {
    const book = (id: string, given: string) => ({ id, type: "book", title: id, author: [{ family: "Smith", given }], issued: { "date-parts": [[2010]] } });
    const a = [book("a", "John"), book("b", "Jane")];
    const b = [book("c", "John")];
    const run = (items: ReturnType<typeof book>[]) => processCitations(items, items.map((item) => [{ id: item.id }]), "harvard", "html");
    const [a1, b1, b2, a2] = [run(a), run(b), run(b), run(a)];
    expect(a2).toEqual(a1);
    expect(b2).toEqual(b1);
    // two Smiths of 2010 in one paper are told apart by given name; one alone is not
    expect(a1.citations).toEqual(["(John Smith, 2010)", "(Jane Smith, 2010)"]);
    expect(b1.citations).toEqual(["(Smith, 2010)"]);
  });
});

describe("render: citations from references.bib", () => {
  it("renders BibTeX entries as it renders the same entries of references.yaml", async () => {
    const dir = await mkdtemp(join(tmpdir(), "papersmith-cite-bib-"));
    await cp(fixture("render", "citations"), dir, { recursive: true });
    await rm(join(dir, "references.yaml"));
    await writeFile(join(dir, "references.bib"), [
      "@techreport{ham-2013,", "  author = {Ham, Chris and Walsh, Nick},", "  title = {Making integrated care happen at scale and pace},",
      "  institution = {The King's Fund},", "  year = {2013},", "  url = {https://www.kingsfund.org.uk/publications/making-integrated-care-happen-scale-and-pace}", "}",
      "@techreport{five-year-forward-view,", "  author = {{NHS England}},", "  title = {Five Year Forward View},", "  institution = {NHS England},",
      "  year = {2014},", "  month = oct,", "  url = {https://www.england.nhs.uk/wp-content/uploads/2014/10/5yfv-web.pdf}", "}",
      "@article{journal-article,", "  author = {Example, Ann},", "  title = {An article with a {DOI}},", "  journal = {Journal of Tests},",
      "  volume = {3},", "  pages = {1--9},", "  year = {2012},", "  doi = {10.1234/example.5678}", "}", "",
    ].join("\n"));
    const r = await renderProject(dir);
    expect(r.errors).toBe(0);
    expect(r.all(first, ".paper-body .citation").map((e) => flat(textOf(e))))
      .toEqual(["(NHS England, 2014)", "(Ham and Walsh, 2013, p. 12)", "(Example, 2012; NHS England, 2014)"]);
    expect(r.all(first, ".references li").map((e) => flat(textOf(e)))).toEqual([
      "Example, A. (2012) “An article with a DOI,” Journal of Tests, 3, pp. 1–9. Available at: https://doi.org/10.1234/example.5678.",
      "Ham, C. and Walsh, N. (2013) Making integrated care happen at scale and pace. The King’s Fund. Available at: https://www.kingsfund.org.uk/publications/making-integrated-care-happen-scale-and-pace.",
      "NHS England (2014) Five Year Forward View. NHS England. Available at: https://www.england.nhs.uk/wp-content/uploads/2014/10/5yfv-web.pdf.",
    ]);
  });
});

describe("render: citation styles differ", () => {
  it("numbers in vancouver, and writes author and date in harvard and apa", async () => {
    const texts = await Promise.all(STYLES.map(async ([style]) => {
      const dir = await mkdtemp(join(tmpdir(), `papersmith-cite-${style}-`));
      await cp(fixture("render", "citations"), dir, { recursive: true });
      const config = join(dir, "papersmith.yaml");
      await writeFile(config, `${await readFile(config, "utf8")}citations:\n  style: ${style}\n`);
      const r = await renderProject(dir);
      return r.all(first, ".paper-body .citation").map((e) => flat(textOf(e)));
    }));
    expect(texts[0]).toEqual(["(NHS England, 2014)", "(Ham and Walsh, 2013, p. 12)", "(Example, 2012; NHS England, 2014)"]);
    // the Vancouver style itself prints no locator
    expect(texts[1]).toEqual(["(1)", "(2)", "(1,3)"]);
    expect(texts[2]).toEqual(["(NHS England, 2014)", "(Ham & Walsh, 2013, p. 12)", "(Example, 2012; NHS England, 2014)"]);
  });
});
