import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { ensureCompiled, papersmith, REPO } from "./helpers/cli.js";

/** `build --docx` (SPEC §6 "Word"): a Word document per paper, read back from its XML and through pandoc. */

const PAPER_1 = "docx/1-shared-values.docx";
const PAPER_2 = "docx/2-measuring-what-matters.docx";
const DRAFT = "docx/3-next-steps-draft.docx";
const RICH = "docx/4-written-in-markdown.docx";

/** A paper with what a writer types: headings, lists in lists, tables, notes, code, an external link. */
const RICH_PAPER = `---
number: 4
title: Written in Markdown
date: 2015-02-02
status: final
authors: [chief-b]
---

## First section

Some *emphasis*, **strong** and \`code\`, and [a site](https://example.org/page).[^a]

- one
  - one point one
- two, with a note written in the list[^c]

  [^c]: A note defined in a list item.

1. first
2. second

- [x] done
- [ ] to do

\`\`\`
let total = 0;
total += 1;
\`\`\`

## Tables

| Measure | Baseline | Target |
|---|--:|:-:|
| Admissions | 112 | 90 |
| Plans | 18% | 60% |

### Another table

| A | B |
|---|---|
| 1 | 2 |

A second note.[^b]

![A small chart](../assets/small.png)

[^a]: The first note.
[^b]: The second note.
`;

/** A 40 × 20 PNG. */
const SMALL_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAACgAAAAUCAIAAABwJOjsAAAAJElEQVR42mMwSJgwIIhh1OJRi0ctHrV41OJRi0ctHrV45FgMAL6nhC4BrfygAAAAAElFTkSuQmCC", "base64");

async function freshProject(baseUrl?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "papersmith-docx-"));
  await cp(join(REPO, "test/fixtures/render/basic"), dir, { recursive: true });
  await writeFile(join(dir, "papers/04-markdown.md"), RICH_PAPER);
  await writeFile(join(dir, "assets/small.png"), SMALL_PNG);
  if (baseUrl !== undefined) {
    const config = join(dir, "papersmith.yaml");
    await writeFile(config, (await readFile(config, "utf8")).replace("baseUrl: /", `baseUrl: ${baseUrl}`));
  }
  return dir;
}

/** The files of a Word document (a zip), by path, as text. */
async function parts(path: string): Promise<Map<string, string>> {
  const files = unzipSync(new Uint8Array(await readFile(path)));
  return new Map(Object.entries(files).map(([name, bytes]) => [name, Buffer.from(bytes).toString("utf8")]));
}

/** The text of a WordprocessingML part: its w:t runs, a line per paragraph. */
function textOf(xml: string): string {
  return xml.replace(/<w:p[ >]/g, "\n$&").replace(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g, "\u0000$1\u0000")
    .split("\n").map((line) => line.split("\u0000").filter((_, i) => i % 2 === 1).join("")).join("\n")
    .replace(/&apos;/g, "'").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

/** Each hyperlink of a document's body as Word opens it: its relationship's target, and `#` and its anchor when it has one. */
function hyperlinks(files: Map<string, string>): string[] {
  const targets = new Map([...files.get("word/_rels/document.xml.rels")!.matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)" TargetMode="External"/g)].map((m) => [m[1]!, m[2]!]));
  return [...files.get("word/document.xml")!.matchAll(/<w:hyperlink [^>]*>/g)].map(([tag]) => {
    const id = /r:id="([^"]+)"/.exec(tag)?.[1] ?? "";
    const anchor = /w:anchor="([^"]+)"/.exec(tag)?.[1];
    return `${targets.get(id) ?? "?"}${anchor === undefined ? "" : `#${anchor}`}`;
  });
}

/** The times of a zip's entries, as yauzl reads them (DOS date and time). */
async function entryTimes(path: string): Promise<string[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened)));
  });
  const times: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => { times.push(`${entry.lastModFileDate}:${entry.lastModFileTime}`); zip.readEntry(); });
    zip.on("end", () => resolve());
    zip.on("error", reject);
    zip.readEntry();
  });
  zip.close();
  return times;
}

/** Counts of pandoc's reading of a document: headings, tables and notes. */
function pandocCounts(path: string): { headers: number; tables: number; notes: number; code: number; codeBlocks: number; text: string } {
  const run = spawnSync("pandoc", ["-f", "docx", "-t", "json", path], { encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  const counts = { headers: 0, tables: 0, notes: 0, code: 0, codeBlocks: 0 };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) { node.forEach(walk); return; }
    if (node === null || typeof node !== "object") return;
    const t = (node as { t?: unknown }).t;
    if (t === "Header") counts.headers += 1;
    if (t === "Table") counts.tables += 1;
    if (t === "Note") counts.notes += 1;
    if (t === "Code") counts.code += 1;
    if (t === "CodeBlock") counts.codeBlocks += 1;
    Object.values(node).forEach(walk);
  };
  walk(JSON.parse(run.stdout));
  const text = spawnSync("pandoc", ["-f", "docx", "-t", "plain", "--wrap=none", path], { encoding: "utf8" }).stdout;
  return { ...counts, text };
}

/** Ids of the fixture's entities that never appear in its output (its people, values, session, finding and case). */
const IDS = ["chief-a", "chief-b", "patients-central", "local-freedom", "july-2014", "shared-outcomes", "advice-line"];

describe("build --docx", () => {
  let project: string;
  let out: string;
  let stderr: string;

  beforeAll(async () => {
    ensureCompiled();
    project = await freshProject();
    out = join(project, "out");
    const run = await papersmith("build", project, "--out", out, "--html-only", "--docx", "--drafts").run();
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(0);
    stderr = run.stderr;
  });

  it("writes docx/<number>-<slug>.docx for each paper of the build, beside the site, and counts them", async () => {
    expect((await readdir(join(out, "docx"))).sort()).toEqual([PAPER_1, PAPER_2, DRAFT, RICH].map((p) => p.slice("docx/".length)).sort());
    expect(await readdir(out)).toContain("index.html");
    expect(stderr).toMatch(/\(4 Word documents\)\.\n/);
  });

  it("gives the paper's sections Word's heading styles, under a title", async () => {
    const xml = (await parts(join(out, PAPER_1))).get("word/document.xml")!;
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
    const text = textOf(xml);
    expect(text).toMatch(/^Shared values$/m);
    expect(text).toMatch(/^What we agree on$/m);
  });

  it("names the authors with their roles and organisations, gives the date and summary, and never an entity's id", async () => {
    const text = textOf((await parts(join(out, PAPER_1))).get("word/document.xml")!);
    expect(text).toContain("Ann Example, Chief executive, Alpha Alliance");
    expect(text).toContain("Ben Example, Director");
    expect(text).toContain("14 November 2014");
    expect(text).toContain("The first paper sets out the values.");
    for (const id of IDS) expect(text).not.toContain(id);
    expect(text).not.toMatch(/:(value|case|session|finding|paper|person)\[/);
  });

  it("shows references as the site's link text, and `10:30` as written", async () => {
    const text = textOf((await parts(join(out, PAPER_1))).get("word/document.xml")!);
    expect(text).toContain("We start with Patients at the centre and local freedom.");
    expect(text).toContain("The meeting began at 10:30 and the ratio was 4.5:1.");
    expect(text).toContain("Leaders agreed: Leaders' roundtable, finding 1.");
    expect(text).toContain("Read Paper 2: Measuring what matters and its Paper 2: Measuring what matters — Method.");
  });

  it("renders the blocks: the quote with its speaker, the case study boxed with its outcomes table, the charter and the partners", async () => {
    const xml = (await parts(join(out, PAPER_1))).get("word/document.xml")!;
    const text = textOf(xml);
    expect(xml).toContain('<w:pStyle w:val="Quote"/>');
    expect(text).toContain("We must work together, not in silos.");
    expect(text).toMatch(/— Ann Example, Chief executive, Alpha Alliance \(Leaders' roundtable, 6 October 2014\)/);
    expect(text).toContain("A shared frailty pathway");
    expect(text).toContain("Emergency admissions");
    expect(text).toMatch(/^1\. Patients at the centre$/m);
    expect(text).toMatch(/^About Alpha Alliance$/m);
    expect(text).toMatch(/^About Beta Network$/m);
    expect(xml).toContain("<w:tblHeader/>");
  });

  it("puts an image in with its alt text", async () => {
    const files = await parts(join(out, PAPER_1));
    expect(files.get("word/document.xml")).toMatch(/<wp:docPr id="1" name="A diagram of the pathway" descr="A diagram of the pathway" title="The pathway"/);
    expect([...files.keys()].filter((name) => name.startsWith("word/media/")).sort()).toEqual(["word/media/image1.png", "word/media/image1.svg"]);
  });

  it("puts a PNG in as it is, at its own size (pixels at 96 to the inch, in EMUs)", async () => {
    const files = await parts(join(out, RICH));
    expect(files.get("word/document.xml")).toContain('<wp:extent cx="381000" cy="190500"/>');
    expect(files.get("word/document.xml")).toMatch(/<wp:docPr id="1" name="A small chart" descr="A small chart"/);
    expect([...files.keys()].filter((name) => name.startsWith("word/media/"))).toEqual(["word/media/image1.png"]);
  });

  it("makes Markdown footnotes Word footnotes", async () => {
    const files = await parts(join(out, PAPER_1));
    expect(files.get("word/document.xml")).toContain('<w:footnoteReference w:id="1"/>');
    expect(textOf(files.get("word/footnotes.xml")!)).toContain("A note.");
  });

  it("has tables with a header row repeated on every page, lists in Word's numbering, and code in a fixed font", async () => {
    const files = await parts(join(out, RICH));
    const xml = files.get("word/document.xml")!;
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(2);
    expect(xml).toMatch(/<w:numPr><w:ilvl w:val="1"\/>/);
    expect(xml).toContain('<w:rStyle w:val="VerbatimChar"/>');
    expect(xml).toContain('<w:pStyle w:val="SourceCode"/>');
    expect(files.get("word/numbering.xml")).toContain('<w:numFmt w:val="decimal"/>');
  });

  it("reads back through pandoc with the source's headings, tables and notes", () => {
    // The source: 3 headings, 2 tables, 3 notes (one defined in a list item), a code span and a code block.
    const rich = pandocCounts(join(out, RICH));
    expect({ ...rich, text: undefined }).toEqual({ headers: 3, tables: 2, notes: 3, code: 1, codeBlocks: 1, text: undefined });
    expect(rich.text).toMatch(/ let total = 0;\n +total \+= 1;\n/);
    expect(rich.text).toMatch(/☒ done\n[^]*☐ to do\n/);
    expect(rich.text).toContain("Some emphasis, strong and code, and a site.");
    // Paper 1: its 6 headings and "About the partners" with one per partner; the box and its outcomes, and the value matrix; 1 note.
    const first = pandocCounts(join(out, PAPER_1));
    expect({ headers: first.headers, tables: first.tables, notes: first.notes, codeBlocks: first.codeBlocks }).toEqual({ headers: 9, tables: 3, notes: 1, codeBlocks: 0 });
  });

  it("says what the document is in its properties, dated by the paper", async () => {
    const core = (await parts(join(out, PAPER_1))).get("docProps/core.xml")!;
    expect(core).toContain("<dc:title>Paper 1: Shared values</dc:title>");
    expect(core).toContain("<dc:creator>Alpha Alliance, Beta Network</dc:creator>");
    expect(core).toContain("<dc:subject>The first paper sets out the values.</dc:subject>");
    expect(core).toContain("<dc:language>en-GB</dc:language>");
    expect(core).toContain("<cp:keywords>Render test series, Alpha Alliance, Beta Network, Patients at the centre, Freedom to act locally</cp:keywords>");
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2014-11-14T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2014-11-14T00:00:00Z</dcterms:modified>');
  });

  it("marks a draft on every page with a header, and a final paper not", async () => {
    const draft = await parts(join(out, DRAFT));
    const headers = [...draft.keys()].filter((name) => /^word\/header\d+\.xml$/.test(name));
    expect(headers.length).toBeGreaterThan(0);
    expect(textOf(draft.get(headers[0]!)!)).toContain("DRAFT — not for publication");
    expect(draft.get("word/document.xml")).toMatch(/<w:headerReference w:type="default"/);
    const final = await parts(join(out, PAPER_1));
    expect([...final.keys()].some((name) => name.startsWith("word/header"))).toBe(false);
  });

  it("gives the same bytes for the same sources, in any time zone, without the papers it does not refer to, with the paper's date in the zip", async () => {
    const again = join(project, "again");
    const run = await papersmith("build", project, "--out", again, "--html-only", "--docx", "--drafts", "--paper", "1", "--paper", "2", "--paper", "3")
      .env({ TZ: "America/New_York" }).run();
    expect(run.code).toBe(0);
    for (const path of [PAPER_1, DRAFT]) expect((await readFile(join(again, path))).equals(await readFile(join(out, path)))).toBe(true);
    // 2014-11-14 as a DOS date, at midnight, for every entry.
    expect(new Set(await entryTimes(join(out, PAPER_1)))).toEqual(new Set([`${((2014 - 1980) << 9) | (11 << 5) | 14}:0`]));
  });

  it("leaves drafts out of a public build, as its PDFs do", async () => {
    const publicOut = join(project, "public");
    const run = await papersmith("build", project, "--out", publicOut, "--html-only", "--docx").run();
    expect(run.code).toBe(0);
    expect((await readdir(join(publicOut, "docx"))).sort()).toEqual(["1-shared-values.docx", "2-measuring-what-matters.docx", "4-written-in-markdown.docx"]);
    expect(run.stderr).toMatch(/\(3 Word documents\)\.\n/);
  });
});

describe("build --docx with an absolute baseUrl", () => {
  it("links references to their pages on the site, and external links to their addresses", async () => {
    ensureCompiled();
    const project = await freshProject("https://papers.example.org/series/");
    const out = join(project, "out");
    const run = await papersmith("build", project, "--out", out, "--html-only", "--docx").run();
    expect(run.code).toBe(0);
    const files = await parts(join(out, PAPER_1));
    const links = hyperlinks(files);
    expect(links).toContain("https://papers.example.org/series/charter.html#value-patients-central");
    expect(links).toContain("https://papers.example.org/series/papers/2-measuring-what-matters.html#method");
    expect(links).toContain("https://papers.example.org/series/case-studies/advice-line.html");
    expect(links).toContain("https://papers.example.org/series/papers/1-shared-values.html#found");
    expect(links).toContain("https://papers.example.org/series/sessions/july-2014.html#finding-shared-outcomes");
    // Relationship ids are numbered, never drawn at random.
    const rels = files.get("word/_rels/document.xml.rels")!;
    expect(rels.match(/Id="rId[^"]*"/g)!.every((id) => /^Id="rId(Link)?\d+"$/.test(id))).toBe(true);
    const rich = (await parts(join(out, RICH))).get("word/_rels/document.xml.rels")!;
    expect(rich).toContain('Target="https://example.org/page" TargetMode="External"');
  });

  it("with a relative baseUrl, leaves references as text: a Word file has no site beside it", async () => {
    const project = await freshProject();
    const out = join(project, "out");
    expect((await papersmith("build", project, "--out", out, "--html-only", "--docx", "--paper", "1").run()).code).toBe(0);
    expect(hyperlinks(await parts(join(out, PAPER_1)))).toEqual(["https://alpha.example.org/", "https://beta.example.org/"]);
  });
});

describe("build --docx --release", () => {
  it("bundles the Word documents with the PDFs", async () => {
    ensureCompiled();
    const project = await freshProject();
    const run = await papersmith("build", project, "--pdf-only", "--docx", "--release", "--paper", "2").env({ SOURCE_DATE_EPOCH: "1416000000" }).run();
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/\(1 PDF, 1 Word document and SHA256SUMS\)/);
    const zip = unzipSync(new Uint8Array(await readFile(join(project, "render-test-series-2014-11-14.zip"))));
    const names = Object.keys(zip).sort();
    expect(names).toContain(`render-test-series-2014-11-14/${PAPER_2}`);
    expect(names).toContain("render-test-series-2014-11-14/pdf/2-measuring-what-matters.pdf");
    expect(Buffer.from(zip["render-test-series-2014-11-14/SHA256SUMS"]!).toString()).toContain(`  ${PAPER_2}\n`);
  });
});
