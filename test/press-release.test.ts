import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromHtml } from "hast-util-from-html";
import { select, selectAll } from "hast-util-select";
import { PDFDocument } from "pdf-lib";
import { ensureCompiled, papersmith, REPO } from "./helpers/cli.js";
import { textOf } from "./render-helpers.js";
import { embargoLine } from "../src/render/release.js";
import type { Paper } from "../src/model/index.js";

/**
 * A paper's press release (SPEC §6 "Press releases"), built from the example series: the web
 * page's structure, the PDF's text and length, and the same bytes from the same sources.
 */

const EPOCH = { SOURCE_DATE_EPOCH: "1416000000" };
const RELEASE_1 = "releases/1-shared-values-for-integrated-care";
const RELEASE_2 = "releases/2-measuring-what-matters-shared-outcomes-for-primary-and-secondary-care";

function pdfText(file: string): string {
  const run = spawnSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  expect(run.status).toBe(0);
  return run.stdout.replace(/\s+/g, " ");
}

/** Where each of `parts` first occurs in `text`, after the one before it (-1 when it does not). */
function positionsInOrder(text: string, parts: readonly string[]): number[] {
  let from = 0;
  return parts.map((part) => {
    const at = text.indexOf(part, from);
    if (at >= 0) from = at + part.length;
    return at;
  });
}

describe("press releases", () => {
  let out: string;
  let project: string;

  beforeAll(async () => {
    ensureCompiled();
    project = await mkdtemp(join(tmpdir(), "papersmith-press-"));
    await cp(join(REPO, "examples/integrated-care-series"), project, { recursive: true });
    out = join(project, "out");
    const run = await papersmith("build", project, "--out", out, "--no-cache", "--docx").env(EPOCH).run();
    expect(run.stderr).toMatch(/Built \d+ files/);
    expect(run.code).toBe(0);
  }, 180_000);

  it("gives the release web page its parts in order: embargo line, headline, dateline, standfirst, quotes, ENDS, numbered notes", async () => {
    const tree = fromHtml(await readFile(join(out, `${RELEASE_1}.html`), "utf8"));
    const article = select("article.press-release", tree)!;
    expect(article).toBeDefined();
    const classes = article.children.flatMap((n) => (n.type === "element" ? [String((n.properties["className"] as string[] | undefined)?.[0] ?? n.tagName)] : []));
    expect(classes.filter((c) => c !== "p" && c !== "ul")).toEqual([
      "release-embargo", "release-kind", "h1", "release-dateline", "release-standfirst", "release-findings",
      "release-quote", "release-quote", "release-link", "release-ends", "release-notes",
    ]);
    expect(textOf(select(".release-embargo", article)!)).toBe("EMBARGOED UNTIL 00:01, 14 November 2014");
    expect(textOf(select("h1", article)!)).toBe("Primary and secondary care agree five shared values");
    expect(textOf(select(".release-dateline time", article)!)).toBe("14 November 2014");
    // The body names the findings the paper draws on by their titles.
    expect(selectAll(".release-findings li", article).map(textOf)).toContain("Leaders already share the same core values");
    const speakers = selectAll(".release-quote figcaption", article).map(textOf);
    expect(speakers).toEqual([
      "Rick Stern, Chief executive, NHS Alliance, said:",
      "Chris Hopson, Chief executive, Foundation Trust Network, said:",
    ]);
    expect(textOf(select(".release-quote blockquote", article)!)).toContain("Central to the fragmentation of care");
    expect(textOf(select(".release-ends", article)!)).toBe("ENDS");
    expect(textOf(select(".release-notes h2", article)!)).toBe("Notes to editors");
    const notes = selectAll(".release-notes > ol > li", article);
    expect(notes.map((li) => textOf(select("h3", li)!))).toEqual(["Press contacts", "About NHS Alliance", "About Foundation Trust Network"]);
    // The press offices' email and phone are published on purpose.
    expect(selectAll("a", notes[0]!).map((a) => a.properties["href"])).toEqual([
      "mailto:press@nhsalliance.example.org", "tel:02079460101", "mailto:press@ftn.example.org", "tel:02079460102",
    ]);
    expect(textOf(notes[1]!)).toContain("more than 9,000 clinicians and managers");
    expect(select(".release-link a", article)?.properties["href"]).toBe("../papers/1-shared-values-for-integrated-care.html");
  });

  it("says FOR IMMEDIATE RELEASE for a paper with no embargo, and links each paper's page to its release", async () => {
    const release = fromHtml(await readFile(join(out, `${RELEASE_2}.html`), "utf8"));
    expect(textOf(select(".release-embargo", release)!)).toBe("FOR IMMEDIATE RELEASE");
    const paper = fromHtml(await readFile(join(out, "papers/1-shared-values-for-integrated-care.html"), "utf8"));
    expect(select(".paper-release a", paper)?.properties["href"]).toBe("../releases/1-shared-values-for-integrated-care.html");
  });

  it("prints the release on at most two A4 pages, with no cover or contents, in the release's order", async () => {
    for (const path of [RELEASE_1, RELEASE_2]) {
      const pdf = await PDFDocument.load(await readFile(join(out, `${path}.pdf`)), { updateMetadata: false });
      expect(pdf.getPageCount(), path).toBeLessThanOrEqual(2);
      const { width, height } = pdf.getPage(0).getSize();
      expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    }
    const pdf = await PDFDocument.load(await readFile(join(out, `${RELEASE_1}.pdf`)), { updateMetadata: false });
    expect(pdf.getTitle()).toBe("Primary and secondary care agree five shared values");
    const text = pdfText(join(out, `${RELEASE_1}.pdf`));
    expect(text).not.toContain("Contents");
    const parts = [
      "EMBARGOED UNTIL 00:01, 14 November 2014", "Primary and secondary care agree five shared values", "14 November 2014",
      "Rick Stern, Chief executive, NHS Alliance, said:", "Chris Hopson, Chief executive, Foundation Trust Network, said:",
      "ENDS", "Notes to editors", "Press contacts", "press@nhsalliance.example.org", "020 7946 0101",
      "About NHS Alliance", "About Foundation Trust Network",
    ];
    expect(positionsInOrder(text, parts).every((at) => at >= 0), JSON.stringify(positionsInOrder(text, parts))).toBe(true);
  });

  it("writes the release as a Word document with --docx, in the same order, its notes under a Word heading", () => {
    const plain = spawnSync("pandoc", ["-t", "plain", "--wrap=none", join(out, `${RELEASE_1}.docx`)], { encoding: "utf8" });
    expect(plain.status).toBe(0);
    const text = plain.stdout.replace(/\s+/g, " ");
    const parts = [
      "EMBARGOED UNTIL 00:01, 14 November 2014", "Primary and secondary care agree five shared values",
      "Rick Stern, Chief executive, NHS Alliance, said:", "Central to the fragmentation of care",
      "ENDS", "Notes to editors", "1. Press contacts", "press@ftn.example.org", "2. About NHS Alliance", "3. About Foundation Trust Network",
    ];
    expect(positionsInOrder(text, parts).every((at) => at >= 0), JSON.stringify(positionsInOrder(text, parts))).toBe(true);
    const markdown = spawnSync("pandoc", ["-t", "markdown", "--wrap=none", join(out, `${RELEASE_1}.docx`)], { encoding: "utf8" });
    expect(markdown.stdout).toMatch(/^# Notes to editors$/m);
    expect(markdown.stdout).toMatch(/^## 1\. Press contacts$/m);
  });

  it("gives the same bytes from the same sources", async () => {
    const again = join(project, "again");
    const run = await papersmith("build", project, "--out", again, "--no-cache", "--docx").env(EPOCH).run();
    expect(run.code).toBe(0);
    for (const file of [`${RELEASE_1}.html`, `${RELEASE_1}.pdf`, `${RELEASE_2}.pdf`, `${RELEASE_1}.docx`]) {
      expect((await readFile(join(again, file))).equals(await readFile(join(out, file))), file).toBe(true);
    }
  }, 180_000);
});

describe("the embargo line", () => {
  const paper = (embargo?: string): Paper => ({ ...(embargo === undefined ? {} : { embargo }) }) as Paper;

  it("gives the moment in UK time, summer time included", () => {
    expect(embargoLine(paper("2014-11-14T00:01:00.000Z"))).toBe("EMBARGOED UNTIL 00:01, 14 November 2014");
    expect(embargoLine(paper("2015-06-01T23:01:00.000Z"))).toBe("EMBARGOED UNTIL 00:01, 2 June 2015");
    expect(embargoLine(paper())).toBe("FOR IMMEDIATE RELEASE");
  });
});
