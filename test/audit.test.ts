import { appendFile, cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import { select, selectAll } from "hast-util-select";
import { PDFDocument, PDFName, PDFString, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditPdf, pdfStructureProblems } from "../src/audit/pdf-structure.js";
import type { Traceability } from "../src/report/traceability.js";
import { ensureCompiled, papersmith, REPO, type CliRun } from "./helpers/cli.js";
import { fixture } from "./helpers/fixtures.js";
import { textOf } from "./render-helpers.js";

/** `build --audit` (SPEC §3, §4): axe-core over every page, the structure of every PDF, report.html. */

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

/** A copy of a project in a fresh folder, so the build writes its dist/ there. */
async function copyProject(from: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "papersmith-audit-"));
  temps.push(dir);
  await cp(from, dir, { recursive: true, filter: (src) => !src.includes("/dist") });
  return dir;
}

interface JsonReport { diagnostics: { file: string; line: number; column: number; rule: string; severity: string; message: string }[]; errors: number; warnings: number }

const lines = (run: CliRun): string[] =>
  (JSON.parse(run.stdout) as JsonReport).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}  ${d.message}`);

describe("pdf-structure", () => {
  it("reports each thing an untagged PDF with a standard font lacks", async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage().drawText("Hello", { font, x: 50, y: 700 });
    const problems = await auditPdf(await doc.save(), "dist/pdf/x.pdf");
    expect(problems.map((p) => `${p.range.file}:${p.range.start.line}:${p.range.start.column} ${p.rule}  ${p.message}`)).toEqual([
      "dist/pdf/x.pdf:1:1 pdf-structure  The PDF is not tagged: it has no structure tree, so screen readers get its text without headings, lists or reading order.",
      "dist/pdf/x.pdf:1:1 pdf-structure  The PDF does not declare itself tagged (/MarkInfo /Marked true), so readers treat it as untagged.",
      "dist/pdf/x.pdf:1:1 pdf-structure  The PDF has no outline (bookmarks), so readers cannot navigate it by its headings.",
      "dist/pdf/x.pdf:1:1 pdf-structure  The PDF has no title in its document information, so readers show its file name instead.",
      "dist/pdf/x.pdf:1:1 pdf-structure  The PDF does not ask readers to show its title (/ViewerPreferences /DisplayDocTitle true), so the window shows the file name.",
      "dist/pdf/x.pdf:1:1 pdf-structure  The PDF has no language (/Lang in the catalog), so screen readers may pronounce its text in the wrong language.",
      "dist/pdf/x.pdf:1:1 pdf-structure  The font \"Helvetica\" is not embedded, so readers without it substitute another and the text may not look or read as printed.",
    ]);
  });

  it("passes a PDF with every part, and finds a Type0 font whose descendant has no font file", async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const { context, catalog } = doc;
    catalog.set(PDFName.of("StructTreeRoot"), context.register(context.obj({ Type: "StructTreeRoot" })));
    catalog.set(PDFName.of("MarkInfo"), context.obj({ Marked: true }));
    const outlines = context.obj({ Type: "Outlines" });
    const outlinesRef = context.register(outlines);
    outlines.set(PDFName.of("First"), context.register(context.obj({ Title: PDFString.of("One"), Parent: outlinesRef })));
    catalog.set(PDFName.of("Outlines"), outlinesRef);
    doc.setTitle("A title", { showInWindowTitleBar: true });
    doc.setLanguage("en-GB");
    expect(pdfStructureProblems(doc, "ok.pdf")).toEqual([]);

    const descriptor = context.register(context.obj({ Type: "FontDescriptor", FontName: "ABCDEF+Liberation-Sans" }));
    const cid = context.register(context.obj({ Type: "Font", Subtype: "CIDFontType2", BaseFont: "ABCDEF+Liberation-Sans", FontDescriptor: descriptor }));
    context.register(context.obj({ Type: "Font", Subtype: "Type0", BaseFont: "ABCDEF+Liberation-Sans", DescendantFonts: [cid] }));
    expect(pdfStructureProblems(doc, "ok.pdf").map((p) => p.message)).toEqual([
      "The font \"Liberation-Sans\" is not embedded, so readers without it substitute another and the text may not look or read as printed.",
    ]);
  });

  it("reports a file that is not a PDF rather than throwing", async () => {
    const problems = await auditPdf(new TextEncoder().encode("not a pdf"), "dist/pdf/x.pdf");
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^The PDF cannot be read/);
  });
});

describe("build --audit", () => {
  beforeAll(() => ensureCompiled());

  describe("the example series", () => {
    let project: string;
    let run: CliRun;
    beforeAll(async () => {
      project = await copyProject(join(REPO, "examples/integrated-care-series"));
      run = await papersmith("build", project, "--audit").run();
    }, 120_000);

    it("audits every page and PDF and finds no problems", () => {
      expect(run.stdout).toBe("No problems found.\n");
      expect(run.stderr).toMatch(/^Built \d+ files in .+ \(5 PDFs, \d+ pages\)\.\nAudited 18 pages and 5 PDFs in \d+\.\d s: no problems\.\n$/);
      expect(run.code).toBe(0);
    });

    it("says in the accessibility statement that this build was audited, and what was found", async () => {
      const statement = await readFile(join(project, "dist", "accessibility.html"), "utf8");
      expect(statement).toContain("An automated check of all 18 pages");
      expect(statement).toContain("found no problems");
      expect(statement).not.toContain("has not been audited");
    });

    it("writes report.html, linked from the home page, with the values table of report.json", async () => {
      const dist = join(project, "dist");
      const home = fromHtml(await readFile(join(dist, "index.html"), "utf8"));
      expect(selectAll("a", home).map((a) => a.properties["href"])).toContain("report.html");
      const page = fromHtml(await readFile(join(dist, "report.html"), "utf8"));
      const data = JSON.parse(await readFile(join(dist, "report.json"), "utf8")) as Traceability;
      expect(textOf(select("h1", page)!)).toBe("Traceability report");
      const table = select("table.traceability", page)!;
      const items = (cell: Element): string[] => selectAll("li", cell).map((li) => textOf(li).replace(/\s+/g, " ").trim());
      const rows = selectAll("tbody tr", table).map((tr) => ({ value: textOf(select("th", tr)!), cells: selectAll("td", tr).map(items) }));
      const titles = new Map(selectAll("a[href^='case-studies/']", page).map((a) => [String(a.properties["href"]).slice("case-studies/".length, -".html".length), textOf(a)]));
      expect(rows.map((r) => r.value)).toEqual(data.values.map((v) => v.title));
      expect(rows.map((r) => r.cells[0])).toEqual(data.values.map((v) => v.caseStudies.map((id) => titles.get(id) ?? `${id} (not published)`)));
      expect(rows.map((r) => r.cells[1]!.map((t) => Number(/^Paper (\d+):/.exec(t)?.[1])))).toEqual(data.values.map((v) => v.citedByPapers));
      expect(rows.map((r) => r.cells[2]!.length)).toEqual(data.values.map((v) => v.sessions.length));
    });
  });

  it("fails on an axe-core violation, at the element, after writing the output", async () => {
    const project = await copyProject(fixture("audit", "empty-link"));
    const run = await papersmith("build", project, "--audit", "--html-only", "--format", "json").run();
    expect(lines(run)).toEqual([
      "dist/papers/1-links.html:35:25 error a11y  Links must have discernible text (axe-core rule link-name): Element does not have text that is visible to screen readers",
      "dist/papers/1-links.html:36:22 error a11y  Links must have discernible text (axe-core rule link-name): Element does not have text that is visible to screen readers",
    ]);
    const html = (await readFile(join(project, "dist/papers/1-links.html"), "utf8")).split("\n");
    expect(html[34]?.slice(24)).toMatch(/^<a href="https:\/\/example.org\/"><\/a>/);
    expect(run.stderr).toMatch(/the output was written to .+ and left in place/);
    expect(run.code).toBe(1);
  }, 60_000);

  it("obeys rules: a11y: warn, reported in the human format with a code frame", async () => {
    const project = await copyProject(fixture("audit", "empty-link"));
    await appendFile(join(project, "papersmith.yaml"), "rules:\n  a11y: warn\n");
    const run = await papersmith("build", project, "--audit", "--html-only", "--no-color").run();
    expect(run.stdout).toContain("dist/papers/1-links.html:35:25  warn   Links must have discernible text (axe-core rule link-name)");
    expect(run.stdout).toContain("<a href=\"https://example.org/\"></a>");
    expect(run.stderr).toMatch(/Audited 4 pages and 0 PDFs in \d+\.\d s: 0 errors, 2 warnings\./);
    expect(run.code).toBe(0);
  }, 60_000);
});
