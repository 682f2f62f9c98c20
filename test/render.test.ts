import { describe, expect, it, beforeAll } from "vitest";
import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import { selectAll } from "hast-util-select";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkProject } from "../src/check.js";
import { generateSeries } from "../bench/src/generate-series.js";
import { renderSite, type PrintDocument, type RenderedFile } from "../src/render/site.js";
import { documentsToPrint } from "../src/render/documents-to-print.js";
import { htmlRenderer } from "../src/render/html-renderer.js";
import { renderContext } from "../src/render/renderer.js";
import { fixture } from "./helpers/fixtures.js";
import { SOURCE_DATE, isExternal, renderFixture, renderProject, resolveHref, textOf, type Rendered } from "./render-helpers.js";

describe("render: the basic fixture", () => {
  let r: Rendered;
  beforeAll(async () => { r = await renderFixture("basic"); });

  it("renders from a project without errors", () => {
    expect(r.errors).toBe(0);
  });

  it("writes the pages of SPEC §5, session pages, the theme and the copied assets", () => {
    expect(r.paths).toEqual([
      "accessibility.html",
      "assets/alpha.svg",
      "assets/beta.svg",
      "assets/chart.svg",
      "assets/papersmith.css",
      "assets/papersmith.js",
      "case-studies/advice-line.html",
      "case-studies/frailty.html",
      "case-studies/index.html",
      "charter.html",
      "index.html",
      "papers/1-shared-values.html",
      "papers/2-measuring-what-matters.html",
      "sessions/july-2014.html",
    ]);
  });

  it("gives every page lang, landmarks, one h1, headings in order and a working skip link", () => {
    for (const page of r.pages) {
      expect(r.one(page, "html").properties["lang"], page).toBe("en-GB");
      expect(r.all(page, "h1"), page).toHaveLength(1);
      for (const landmark of ["header", "nav", "main", "footer"]) expect(r.all(page, `body ${landmark}`).length, `${page} ${landmark}`).toBeGreaterThan(0);
      const skip = r.one(page, "a.skip-link");
      expect(r.ids(page).has(String(skip.properties["href"]).slice(1)), page).toBe(true);
      let previous = 0;
      for (const heading of r.all(page, "h1, h2, h3, h4, h5, h6")) {
        const level = Number(heading.tagName.slice(1));
        expect(level, `${page}: ${textOf(heading)} after h${previous}`).toBeLessThanOrEqual(previous + 1);
        previous = level;
      }
      const ids = r.all(page, "[id]").map((e) => String(e.properties["id"]));
      expect(new Set(ids).size, `${page} duplicate ids`).toBe(ids.length);
    }
  });

  it("puts both partners' logos at the top of every page, each linking to its partner", () => {
    for (const page of r.pages) {
      const logos = r.all(page, "header .cobrand a.logo");
      expect(logos.map((a) => a.properties["href"]), page).toEqual(["https://alpha.example.org/", "https://beta.example.org/"]);
      const alts = r.all(page, "header .cobrand img").map((img) => img.properties["alt"]);
      expect(alts).toEqual(["Alpha Alliance logo", "Beta Network logo"]);
      expect(r.text(page, "footer .copyright")).toBe("© 2024 Alpha and Beta");
      expect(r.all(page, "footer .footer-partner")).toHaveLength(2);
    }
  });

  it("resolves every internal href and src to a produced file and id", () => {
    const pdfs = new Set(r.site.print.map((d) => d.path));
    for (const page of r.pages) {
      const urls = [
        ...r.all(page, "a[href]").map((e) => String(e.properties["href"])),
        ...r.all(page, "img[src], script[src]").map((e) => String(e.properties["src"])),
        ...r.all(page, "link[href]").map((e) => String(e.properties["href"])),
      ];
      for (const url of urls.filter((u) => !isExternal(u))) {
        const target = resolveHref(page, url);
        if (pdfs.has(target.path)) continue;
        expect(r.files.has(target.path), `${page}: ${url}`).toBe(true);
        if (target.fragment !== undefined) expect(r.ids(target.path).has(target.fragment), `${page}: ${url}`).toBe(true);
      }
    }
  });

  it("renders inline references as links with the target's generated text", () => {
    const page = "papers/1-shared-values.html";
    const refs = r.all(page, ".paper-body .ref").map((e) => [e.tagName, e.properties["href"] ?? null, textOf(e)]);
    expect(refs).toEqual([
      ["a", "../charter.html#value-patients-central", "Patients at the centre"],
      ["a", "../charter.html#value-local-freedom", "local freedom"],
      ["span", null, "Ann Example"],
      ["a", "../sessions/july-2014.html", "Leaders’ roundtable"],
      ["a", "../sessions/july-2014.html#finding-shared-outcomes", "Leaders’ roundtable, finding 1"],
      ["a", "../case-studies/advice-line.html", "Consultant advice line"],
      ["a", "2-measuring-what-matters.html", "Paper\u00a02: Measuring what matters"],
      ["a", "2-measuring-what-matters.html#method", "Paper\u00a02: Measuring what matters — Method"],
    ]);
    expect(r.html(page)).toContain("The meeting began at 10:30 and the ratio was 4.5:1.");
    // A person is named by name alone, with role and organisation in the title (SPEC §2).
    expect(r.one(page, ".paper-body .ref-person").properties["title"]).toBe("Ann Example, Chief executive, Alpha Alliance");
  });

  it("writes a person out as name, role and organisation with {role}", async () => {
    const dir = mkdtempSync(join(tmpdir(), "papersmith-person-role-"));
    try {
      cpSync(fixture("render", "basic"), dir, { recursive: true });
      const paper = join(dir, "papers/01-values.md");
      writeFileSync(paper, readFileSync(paper, "utf8").replace(":person[chief-a]", ":person[chief-a]{role}"));
      const withRole = await renderProject(dir);
      expect(withRole.errors).toBe(0);
      expect(withRole.all("papers/1-shared-values.html", ".paper-body .ref-person").map((e) => textOf(e))).toEqual(["Ann Example, Chief executive, Alpha Alliance"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives headings the resolver's ids (explicit, slugged, made unique) and lists h2/h3 in the contents", () => {
    expect(r.all("papers/1-shared-values.html", ".paper-body > h2, .paper-body > h3").map((h) => h.properties["id"]))
      .toEqual(["introduction", "found", "a-case-in-point", "the-charter", "values-in-practice", "next-steps"]);
    expect(r.all("papers/1-shared-values.html", ".toc a").map((a) => a.properties["href"]))
      .toEqual(["#introduction", "#found", "#a-case-in-point", "#the-charter", "#values-in-practice", "#next-steps", "#about-the-partners", "#footnote-label"]);
    expect(r.all("papers/2-measuring-what-matters.html", ".paper-body h2").map((h) => h.properties["id"])).toEqual(["method", "method-1", "about-the-partners"]);
  });

  it("renders ::quote as a figure with a blockquote and the speaker's name, role and organisation", () => {
    const page = "papers/1-shared-values.html";
    expect(r.text(page, ".paper-body figure.pull-quote blockquote")).toBe("We must work together, not in silos.");
    expect(r.text(page, ".paper-body figure.pull-quote figcaption cite")).toBe("Ann Example");
    expect(r.text(page, ".paper-body figure.pull-quote figcaption")).toBe("Ann Example, Chief executive, Alpha Alliance (Leaders’ roundtable, 6 October 2014)");
  });

  it("renders ::case-study as an aside with title, locality, sectors and an outcomes table", () => {
    const page = "papers/1-shared-values.html";
    const aside = r.one(page, ".paper-body aside.case-study-box");
    expect(aside.properties["ariaLabel"]).toBe("Case study: A shared frailty pathway");
    expect(r.text(page, "aside .box-title")).toBe("A shared frailty pathway");
    expect(r.one(page, "aside h4.box-title a").properties["href"]).toBe("../case-studies/frailty.html");
    expect(r.all(page, "aside dl > div").map((d) => selectAll("dt, dd", d).map((e) => textOf(e)))).toEqual([
      ["Locality", "West Yorkshire"], ["Sectors", "General practice, Acute hospitals"], ["Organisations", "Alpha Alliance, Local authority"],
    ]);
    expect(r.text(page, "aside table caption")).toBe("Outcomes: A shared frailty pathway");
    expect(r.all(page, "aside thead th").map((th) => th.properties["scope"])).toEqual(["col", "col", "col"]);
    expect(r.all(page, "aside tbody tr").map((tr) => textOf(tr))).toEqual(["Emergency admissions112 per month86 per month", "Shared care plans18%64%"]);
    expect(r.all(page, "aside tbody th").map((th) => th.properties["scope"])).toEqual(["row", "row"]);
  });

  it("renders ::values-charter numbered, ::value-matrix as a table and ::about-partners", () => {
    const page = "papers/1-shared-values.html";
    expect(r.all(page, ".paper-body .values-charter ol > li .value-title").map((e) => textOf(e))).toEqual(["Patients at the centre", "Freedom to act locally"]);
    expect(r.text(page, ".paper-body .value-matrix caption")).toContain("Values");
    expect(r.all(page, ".value-matrix tbody tr").map((tr) => selectAll("th, td", tr).map((c) => textOf(c)))).toEqual([
      ["1. Patients at the centre", "A shared frailty pathway", "Paper\u00a01: Shared valuesPaper\u00a02: Measuring what matters"],
      ["2. Freedom to act locally", "Consultant advice line", "Paper\u00a01: Shared values"],
    ]);
    expect(r.all(page, ".value-matrix tbody th").every((th) => th.properties["scope"] === "row")).toBe(true);
    expect(r.all(page, ".about-partners h3").map((e) => textOf(e))).toEqual(["About Alpha Alliance", "About Beta Network"]);
  });

  it("rewrites relative links and images to the pages and copied assets", () => {
    const page = "papers/1-shared-values.html";
    expect(r.one(page, ".paper-body img").properties).toMatchObject({ src: "../assets/chart.svg", alt: "A diagram of the pathway" });
    expect(r.all(page, ".paper-body a").map((a) => a.properties["href"])).toContain("../case-studies/frailty.html");
    expect(r.all(page, ".paper-body a").map((a) => a.properties["href"])).toContain("#found");
  });

  it("renders cited findings as sections with ids on the session page, named by place, never by id", () => {
    const page = "sessions/july-2014.html";
    const finding = r.one(page, "section.finding");
    expect(finding.properties["id"]).toBe("finding-shared-outcomes");
    expect(r.text(page, "section.finding h2")).toBe("Finding 1");
    expect(r.text(page, "section.finding .finding-values")).toBe("Values: Patients at the centre, Freedom to act locally");
    // A public build publishes the findings its papers cite, not the notes around them.
    expect(r.html(page)).not.toContain("started at 10:30");
  });

  it("renders a session's whole notes in an internal build", async () => {
    const internal = await renderFixture("basic", { includeDrafts: true });
    const page = "sessions/july-2014.html";
    expect(internal.html(page)).toContain("started at 10:30 and ran to 12:00.");
    expect(internal.text(page, "section.finding h3")).toBe("Finding 1");
  });

  it("makes the case-study library filterable with anchors (and marks the cards for the script)", () => {
    const page = "case-studies/index.html";
    const chips = r.all(page, ".filters a").map((a) => [a.properties["href"], textOf(a)]);
    expect(chips).toEqual([
      ["#sector-general-practice", "General practice (1)"],
      ["#sector-acute", "Acute hospitals (2)"],
      ["#sector-community", "Community services (1)"],
      ["#value-patients-central", "Patients at the centre (1)"],
      ["#value-local-freedom", "Freedom to act locally (1)"],
    ]);
    expect(r.all(page, "#sector-acute li a").map((a) => textOf(a))).toEqual(["A shared frailty pathway", "Consultant advice line"]);
    expect(r.all(page, ".case-list .card").map((c) => c.properties["dataSectors"])).toEqual(["general-practice acute", "acute community"]);
    expect(r.all(page, "script").map((s) => s.properties["src"])).toEqual(["../assets/papersmith.js"]);
  });

  it("builds the theme from the partners' colours", () => {
    const css = String(r.files.get("assets/papersmith.css"));
    expect(css).toContain("--accent: #004b87;");
    expect(css).toContain("--partner-2: #5c2d91;");
  });
});

describe("render: page paths", () => {
  it("never puts a case study's page where the list of case studies is, even when check's error about its id is turned down", async () => {
    // Check reports the case study id `index` (schema); a project may still build by turning
    // that rule down. The list keeps case-studies/index.html, and no other page is written over it.
    const r = await renderProject(fixture("check", "schema-reserved-id"), { includeDrafts: true });
    expect(r.errors).toBe(1);
    expect(r.pages.filter((p) => p.startsWith("case-studies/"))).toEqual(["case-studies/index.html"]);
    expect(r.text("case-studies/index.html", "h1")).toBe("Case studies");
    expect(r.text("case-studies/index.html", ".card-title")).toBe("A shared frailty pathway");
  });
});

describe("render: which papers are built", () => {
  it("leaves drafts out unless asked, and marks them DRAFT", async () => {
    const r = await renderFixture("basic", { includeDrafts: true });
    const page = "papers/3-next-steps-draft.html";
    expect(r.text(page, "title")).toBe("DRAFT: Paper 3: Next steps draft | Render test series");
    expect(r.text(page, ".draft-banner")).toContain("Draft");
    // the draft body used `#`: it moves down a level so the title stays the only h1
    expect(r.all(page, "h1")).toHaveLength(1);
    expect(r.all(page, ".paper-body h2").map((h) => h.properties["id"])).toEqual(["where-next"]);
    expect(r.site.print.map((d) => d.path)).toEqual(["pdf/1-shared-values.pdf", "pdf/2-measuring-what-matters.pdf", "pdf/3-next-steps-draft.pdf", "pdf/series.pdf"]);
  });

  it("builds only the papers asked for, without a partial series PDF, and links papers not built as text", async () => {
    const r = await renderFixture("basic", { paperNumbers: [2] });
    expect(r.pages.filter((p) => p.startsWith("papers/"))).toEqual(["papers/2-measuring-what-matters.html"]);
    expect(r.site.print.map((d) => d.path)).toEqual(["pdf/2-measuring-what-matters.pdf"]);
    const ref = r.one("papers/2-measuring-what-matters.html", ".paper-body .ref-paper");
    expect([ref.tagName, textOf(ref)]).toEqual(["span", "Paper\u00a01: Shared values — What we found"]);
  });

  it("leaves out PDF links when asked (--html-only)", async () => {
    const r = await renderFixture("basic", { pdfLinks: false });
    expect(r.html("index.html")).not.toContain(".pdf");
    expect(r.html("papers/1-shared-values.html")).not.toContain(".pdf");
  });
});

describe("render: print documents", () => {
  let r: Rendered;
  beforeAll(async () => { r = await renderFixture("basic"); });

  it("gives each paper a cover, contents and body in that order", () => {
    const doc = r.site.print.find((d) => d.path === "pdf/1-shared-values.pdf")!;
    expect(doc).toMatchObject({ title: "Paper 1: Shared values", subject: "The first paper sets out the values." });
    expect(doc.keywords).toEqual(["Render test series", "Alpha Alliance", "Beta Network", "Patients at the centre", "Freedom to act locally"]);
    expect(doc.paper?.number).toBe(1);
    const tree = fromHtml(doc.html);
    const body = selectAll("body > *", tree).map((e) => `${e.tagName}.${String((e.properties["className"] as string[] | undefined)?.[0] ?? "")}`);
    expect(body).toEqual(["section.cover", "nav.toc", "main."]);
    const cover = selectAll(".cover p, .cover h1", tree).map((e) => textOf(e));
    expect(cover).toEqual(["Render test series", "Paper\u00a01", "Shared values", "What we agree on", "The first paper sets out the values.", "14 November 2014", "© 2024 Alpha and Beta"]);
    expect(selectAll(".cover .cover-authors li", tree).map((e) => textOf(e))).toEqual(["Ann ExampleChief executive, Alpha Alliance", "Ben ExampleDirector, A county council"]);
    const logos = selectAll(".cover img", tree);
    expect(logos).toHaveLength(2);
    for (const img of logos) expect(String(img.properties["src"])).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(String(selectAll("main img", tree)[0]?.properties["src"])).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it("lists h2/h3 headings (and the about section and notes) in the contents with page-number slots pointing at real ids", () => {
    const doc = r.site.print.find((d) => d.path === "pdf/1-shared-values.pdf")!;
    const tree = fromHtml(doc.html);
    const ids = new Set(selectAll("[id]", tree).map((e) => String(e.properties["id"])));
    const entries = selectAll("nav.toc a.toc-entry", tree);
    expect(entries.map((a) => [a.properties["dataLevel"], textOf(a)])).toEqual([
      ["2", "Introduction"], ["2", "What we found"], ["3", "A case in point"], ["2", "The charter"], ["2", "Values in practice"], ["2", "Next steps"],
      ["2", "About the partners"], ["2", "Notes"],
    ]);
    for (const a of entries) {
      const target = String(selectAll(".toc-page", a)[0]?.properties["dataTarget"]);
      expect(a.properties["href"]).toBe(`#${target}`);
      expect(ids.has(target)).toBe(true);
    }
  });

  it("prints ::about-partners where the writer put it, under a heading of its own when the writer wrote none", () => {
    const doc = r.site.print.find((d) => d.path === "pdf/1-shared-values.pdf")!;
    const tree = fromHtml(doc.html);
    expect(selectAll(".about-partners", tree)).toHaveLength(1);
    expect(selectAll("main .about-partners", tree)).toHaveLength(1);
    expect(selectAll("section.about", tree)).toHaveLength(0);
    const headings = selectAll("main *", tree).filter((e) => e.tagName === "h2" || e.tagName === "h3").map((e) => `${e.tagName} ${textOf(e)}`);
    // then the paper's Notes and, in print, its Links
    expect(headings.slice(-5)).toEqual(["h2 About the partners", "h3 About Alpha Alliance", "h3 About Beta Network", "h2 Notes", "h2 Links"]);
    const entries = selectAll("nav.toc a.toc-entry", tree).filter((a) => textOf(a) === "About the partners");
    expect(entries).toHaveLength(1);
    expect(selectAll(String(entries[0]?.properties["href"]), tree).map((e) => textOf(e))).toEqual(["About the partners"]);
    // the web page shows the same block under the same added heading
    const page = "papers/1-shared-values.html";
    expect(r.all(page, ".paper-body h2").map((e) => textOf(e)).slice(-2)).toEqual(["About the partners", "Notes"]);
    expect(r.all(page, ".about-partners")).toHaveLength(1);
  });

  it("adds no second heading under the writer's own, and lists it once", () => {
    const doc = r.site.print.find((d) => d.path === "pdf/2-measuring-what-matters.pdf")!;
    const tree = fromHtml(doc.html);
    expect(selectAll("h1, h2", tree).map((e) => textOf(e)).filter((t) => t === "About the partners")).toHaveLength(1);
    expect(selectAll("main .about-partners", tree)).toHaveLength(1);
    expect(selectAll("section.about", tree)).toHaveLength(0);
    expect(selectAll("nav.toc a.toc-entry", tree).map((a) => textOf(a))).toEqual(["Method", "Method", "About the partners"]);
  });

  it("prints the partners once in the series document, leaving out each paper's block and the heading over it", () => {
    const doc = r.site.print.find((d) => d.path === "pdf/series.pdf")!;
    const tree = fromHtml(doc.html);
    expect(selectAll(".about-partners", tree)).toHaveLength(1);
    expect(selectAll("main .about-partners", tree)).toHaveLength(0);
    expect(selectAll("h1, h2, h3", tree).map((e) => textOf(e)).filter((t) => t === "About the partners")).toHaveLength(1);
    expect(selectAll("nav.toc a.toc-entry", tree).map((a) => textOf(a)).filter((t) => t === "About the partners")).toHaveLength(1);
  });

  it("ends a paper's web page with its notes under a visible Notes heading, listed last in the contents", () => {
    const page = "papers/1-shared-values.html";
    const title = r.one(page, ".footnotes > h2");
    expect([textOf(title), title.properties["id"], title.properties["className"]]).toEqual(["Notes", "footnote-label", ["notes-title"]]);
    expect(r.all(page, ".toc a").map((a) => a.properties["href"]).at(-1)).toBe("#footnote-label");
    expect(r.all(page, ".footnotes a[data-footnote-backref]")).toHaveLength(1);
    expect(r.one(page, "sup a[data-footnote-ref]").properties["href"]).toBe("#fn-1");
  });

  it("prints the notes at the paper's end under Notes, without back-links, listed in the contents", () => {
    for (const [path, prefix] of [["pdf/1-shared-values.pdf", ""], ["pdf/series.pdf", "p1-"]] as const) {
      const tree = fromHtml(r.site.print.find((d) => d.path === path)!.html);
      const notes = selectAll("main .footnotes", tree);
      expect(notes, path).toHaveLength(1);
      expect(selectAll("h2", notes[0]!).map((e) => [textOf(e), e.properties["id"]])).toEqual([["Notes", `${prefix}footnote-label`]]);
      expect(selectAll("[data-footnote-backref]", tree), path).toHaveLength(0);
      expect(textOf(notes[0]!), path).not.toContain("↩");
      expect(selectAll("li p", notes[0]!).map((e) => textOf(e))).toEqual(["A note."]);
      expect(selectAll(`nav.toc a.toc-entry[href="#${prefix}footnote-label"]`, tree).map((a) => textOf(a))).toEqual(["Notes"]);
    }
    expect(r.site.print.find((d) => d.path === "pdf/1-shared-values.pdf")!.html).toMatch(/sup \{ line-height: 0; vertical-align: baseline; position: relative; top: -0\.4em;/);
  });

  it("never leaves a relative link in a print document: same-document, absolute or none", () => {
    for (const doc of r.site.print) {
      const tree = fromHtml(doc.html);
      const ids = new Set(selectAll("[id]", tree).map((e) => String(e.properties["id"])));
      for (const a of selectAll("a[href]", tree)) {
        const href = String(a.properties["href"]);
        if (href.startsWith("#")) expect(ids.has(href.slice(1)), `${doc.path}: ${href}`).toBe(true);
        else expect(isExternal(href), `${doc.path}: ${href}`).toBe(true);
      }
      // Without theme.font, the print documents' body type is Liberation Serif.
      expect(doc.html).toMatch(/font-family: var\(--font-body, "Liberation Serif"/);
    }
  });

  it("starts each paper of the series document with an h1, with ids prefixed per paper", () => {
    const doc = r.site.print.find((d) => d.path === "pdf/series.pdf")!;
    expect(doc.paper).toBeUndefined();
    const tree = fromHtml(doc.html);
    expect(selectAll("h1", tree).map((e) => textOf(e))).toEqual(["Paper\u00a01: Shared values", "Paper\u00a02: Measuring what matters", "About the partners"]);
    const ids = selectAll("[id]", tree).map((e) => String(e.properties["id"]));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain("p1-found");
    expect(ids).toContain("p2-method-1");
    // :paper[1#found] inside paper 2 points into the same document
    expect(selectAll("#p2 a.ref-paper", tree).map((a) => a.properties["href"])).toEqual(["#p1-found"]);
  });
});

describe("render: figures and tables", () => {
  let r: Rendered;
  beforeAll(async () => { r = await renderFixture("figures"); });
  const PAPER = "papers/1-pathways.html";
  const compact = (e: Element): string => textOf(e).replace(/\s+/g, " ").trim();

  it("renders a figure as <figure> with its id and \"Figure N: caption\" in a <figcaption> after its image, numbered where it stands", () => {
    expect(r.errors).toBe(0);
    const figures = r.all(PAPER, "figure.figure");
    expect(figures.map((f) => f.properties["id"])).toEqual(["journey", "quoted"]);
    expect(figures.map((f) => f.children.filter((c): c is Element => c.type === "element").map((c) => c.tagName))).toEqual([["p", "figcaption"], ["p", "figcaption"]]);
    expect(r.all(PAPER, "figure figcaption").map(compact)).toEqual(["Figure 1: The patient’s journey from home to hospital and back.", "Figure 2: The journey, quoted."]);
    expect(r.all(PAPER, "figure figcaption em").map(compact)).toEqual(["home"]);
    expect(r.all(PAPER, "blockquote figure#quoted")).toHaveLength(1);
    expect(r.all(PAPER, "figure img").map((img) => img.properties["alt"])).toEqual(["Three boxes: home, hospital, home again", "The same three boxes"]);
  });

  it("puts \"Table N: caption\" in the <caption> of the table, the caption paragraph not repeated, and marks a wide one", () => {
    const blocks = r.all(PAPER, "div.table-block");
    expect(blocks.map((b) => [b.properties["id"], (b.properties["className"] as string[]).join(" ")])).toEqual([
      ["measures", "table-block"], ["costs", "table-block wide-table"], ["costs-upright", "table-block"],
    ]);
    expect(r.all(PAPER, "div.table-block > .table-scroll > table > caption:first-child").map(compact)).toEqual([
      "Table 1: Outcome measures for a local population.", "Table 2: Costs by year, partner and setting.", "Table 3: Costs by year, partner and setting, upright.",
    ]);
    expect(r.all(PAPER, "div.table-block > p")).toHaveLength(0);
  });

  it("names :figure and :table references \"Figure N\" and \"Table N\" (or their text=) and links them to the figure or table", () => {
    const refs = r.all(PAPER, "a.ref-figure, a.ref-table");
    expect(refs.map((a) => [compact(a), a.properties["href"]])).toEqual([["Figure 1", "#journey"], ["Table 1", "#measures"], ["The costs", "#costs"]]);
  });

  it("names :paper[N#id] to a figure or table of another paper as its section would be named, and links it there", () => {
    const refs = r.all("papers/2-costs.html", "a.ref-paper");
    expect(refs.map((a) => [compact(a), a.properties["href"]])).toEqual([
      ["Paper 1: Pathways — Table 2", "1-pathways.html#costs"], ["Paper 1: Pathways — Figure 1", "1-pathways.html#journey"],
    ]);
  });

  it("prints the page each reference leads to: (see p. N) in its own paper, (Paper 1, p. N) in another", () => {
    const paper1 = fromHtml(r.site.print.find((d) => d.path === "pdf/1-pathways.pdf")!.html);
    expect(selectAll("a.ref-figure + .ref-see .ref-page, a.ref-table + .ref-see .ref-page", paper1).map((e) => e.properties["dataTarget"])).toEqual(["journey", "measures", "costs"]);
    expect(selectAll(".wide-table#costs > table > caption", paper1)).toHaveLength(1);
    const paper2 = fromHtml(r.site.print.find((d) => d.path === "pdf/2-costs.pdf")!.html);
    expect(selectAll(".cross-see .cross-page", paper2).map((e) => e.properties["dataTarget"])).toEqual(["pdf/1-pathways.pdf#costs", "pdf/1-pathways.pdf#journey"]);
  });
});

describe("render: reproducible output", () => {
  it("gives identical bytes for identical input, with no absolute paths", async () => {
    const [a, b] = [await renderFixture("basic", { includeDrafts: true }), await renderFixture("basic", { includeDrafts: true })];
    expect(a.paths).toEqual(b.paths);
    for (const path of a.paths) expect(Buffer.from(a.files.get(path)!).equals(Buffer.from(b.files.get(path)!)), path).toBe(true);
    expect(a.site.print.map((d) => d.html)).toEqual(b.site.print.map((d) => d.html));
    const root = process.cwd();
    for (const page of a.pages) expect(a.html(page)).not.toContain(root);
    for (const doc of a.site.print) expect(doc.html).not.toContain(root);
  });
});

describe("render: shares the event loop with the printer", () => {
  it("lets the event loop turn while it renders a site's pages, in either order with the print documents", async () => {
    const project = mkdtempSync(join(tmpdir(), "papersmith-render-loop-"));
    try {
      await generateSeries(project, { papers: 20, caseStudies: 80, sessions: 5 });
      const { series, index } = await checkProject(project);
      const options = { includeDrafts: false, now: SOURCE_DATE };
      const whole = await renderSite(series, index, options);
      // Print documents first, pages after (the build's order), gives the same files.
      const context = renderContext(series, index, options);
      expect(documentsToPrint(context).all().map((d) => d.html)).toEqual(whole.print.map((d) => d.html));
      let files: readonly RenderedFile[] = [];
      // A build prints while the pages render: the printer's next document waits for the loop's
      // next turn, so rendering ~110 pages in one pass would leave Chromium idle meanwhile.
      const site = htmlRenderer.render(context);
      let turns = 0;
      let rendering = true;
      const count = (): void => {
        turns += 1;
        if (rendering) setImmediate(count);
      };
      setImmediate(count);
      files = await site.files();
      rendering = false;
      expect(files.map((f) => f.path)).toEqual(whole.files.map((f) => f.path));
      expect(files.map((f) => f.content)).toEqual(whole.files.map((f) => f.content));
      // The loop went round while the pages rendered (more than the one turn files() takes to start).
      expect(turns).toBeGreaterThan(1);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("render: print documents one at a time", () => {
  it("renders each print document once, the series document second, each with its place in print", async () => {
    const { series, index } = await checkProject("examples/integrated-care-series");
    const options = { includeDrafts: false, now: SOURCE_DATE };
    const whole = await renderSite(series, index, options);
    const docs = documentsToPrint(renderContext(series, index, options));
    const inTurn: (readonly [number, PrintDocument])[] = [];
    for await (const entry of docs.inTurn()) inTurn.push(entry);
    const last = whole.print.length - 1;
    expect(whole.print[last]?.paper).toBeUndefined(); // the combined series document
    expect(inTurn.map(([at]) => at)).toEqual([0, last, ...Array.from({ length: last - 1 }, (_, i) => i + 1)]);
    expect(inTurn.map(([, doc]) => doc.html)).toEqual(inTurn.map(([at]) => whole.print[at]?.html));
    // Asked for afterwards, all() gives the very documents already rendered, not new renders.
    for (const [at, doc] of inTurn) expect(docs.all()[at]).toBe(doc);
  });
});

export type { Element };
