import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { PDFDocument } from "pdf-lib";
import { ensureCompiled, papersmith, REPO } from "./helpers/cli.js";

/** The build command end to end (SPEC §4, §5): what it writes, what it refuses to touch, exit codes. */

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.push(relative(dir, path));
    }
  };
  await walk(dir);
  return out.sort();
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = await listFiles(dir);
  return new Map(await Promise.all(files.map(async (f) => [f, (await readFile(join(dir, f))).toString("base64")] as [string, string])));
}

async function freshProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "papersmith-build-"));
  await cp(join(REPO, "test/fixtures/render/basic"), dir, { recursive: true });
  return dir;
}

const EPOCH = { SOURCE_DATE_EPOCH: "1416000000" };

describe("build", () => {
  let project: string;
  let first: Map<string, string>;

  beforeAll(async () => {
    ensureCompiled();
    project = await freshProject();
    const run = await papersmith("build", project, "--out", join(project, "out")).env(EPOCH).run();
    expect(run.stderr).toMatch(/Built \d+ files/);
    expect(run.code).toBe(0);
    first = await snapshot(join(project, "out"));
  }, 120_000);

  it("writes the site, one PDF per final paper, the series PDF and report.json (SPEC §5)", async () => {
    const files = [...first.keys()];
    for (const expected of ["index.html", "charter.html", "accessibility.html", "case-studies/index.html", "report.json", "pdf/series.pdf"]) {
      expect(files).toContain(expected);
    }
    expect(files.filter((f) => /^papers\/\d+-.+\.html$/.test(f)).length).toBeGreaterThan(0);
    const pdfs = files.filter((f) => /^pdf\/\d+-.+\.pdf$/.test(f));
    expect(pdfs.length).toBe(files.filter((f) => /^papers\//.test(f)).length);
    expect(files.some((f) => f.endsWith(".tmp"))).toBe(false);
    const report = JSON.parse(Buffer.from(first.get("report.json")!, "base64").toString("utf8"));
    expect(Object.keys(report)).toEqual(["values", "caseStudies", "sessions", "quotes", "papers", "uncoveredValues", "unused"]);
  });

  it("gives PDFs the metadata dates of their papers (the series PDF its newest paper's) and the partners as author", async () => {
    const pdf = await PDFDocument.load(Buffer.from(first.get("pdf/series.pdf")!, "base64"), { updateMetadata: false });
    expect(pdf.getCreationDate()?.toISOString()).toBe("2014-12-12T00:00:00.000Z");
    const paper = await PDFDocument.load(Buffer.from(first.get("pdf/1-shared-values.pdf")!, "base64"), { updateMetadata: false });
    expect(paper.getModificationDate()?.toISOString()).toBe("2014-11-14T00:00:00.000Z");
    expect(pdf.getAuthor()).toBe("Alpha Alliance, Beta Network");
    expect(pdf.getPageCount()).toBeGreaterThan(2);
  });

  it("reproduces every byte of HTML and PDF from the same sources", async () => {
    const out = join(project, "again");
    const run = await papersmith("build", project, "--out", out).env(EPOCH).run();
    expect(run.code).toBe(0);
    const again = await snapshot(out);
    expect([...again.keys()]).toEqual([...first.keys()]);
    for (const [file, bytes] of first) expect(again.get(file) === bytes, file).toBe(true);
  }, 120_000);

  it("writes nothing when the project has errors, leaving the good output as it was", async () => {
    const dir = await freshProject();
    const out = join(dir, "out");
    expect((await papersmith("build", dir, "--out", out, "--html-only").env(EPOCH).run()).code).toBe(0);
    const before = await snapshot(out);
    const paper = join(dir, "papers", (await readdir(join(dir, "papers")))[0]!);
    await writeFile(paper, `${await readFile(paper, "utf8")}\nSee :value[no-such-value].\n`);
    const run = await papersmith("build", dir, "--out", out).env(EPOCH).run();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\[ref-missing\]/);
    expect(run.stderr).toMatch(/nothing was written/);
    expect(await snapshot(out)).toEqual(before);
  }, 60_000);

  it("exits 3 with the browser's own words, output untouched (HTML too), when the browser cannot start", async () => {
    const dir = await freshProject();
    const out = join(dir, "out");
    expect((await papersmith("build", dir, "--out", out, "--html-only").env(EPOCH).run()).code).toBe(0);
    const before = await snapshot(out);
    await writeFile(join(dir, "papers", (await readdir(join(dir, "papers")))[0]!), `${await readFile(join(dir, "papers", (await readdir(join(dir, "papers")))[0]!), "utf8")}\nA new line.\n`);
    const broken = join(dir, "broken-chromium");
    await writeFile(broken, "#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n", { mode: 0o755 });
    const run = await papersmith("build", dir, "--out", out, "--chromium", broken).env(EPOCH).run();
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/could not be started: it exited \(1\): cannot open display/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await snapshot(out)).toEqual(before);
  }, 60_000);

  it("exits 3 with install instructions, output untouched, when no browser can be found", async () => {
    const dir = await freshProject();
    const run = await papersmith("build", dir, "--chromium", join(dir, "no-such-browser")).env(EPOCH).run();
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/PAPERSMITH_CHROMIUM/);
    expect(run.stderr).toMatch(/apt-get install chromium/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    await expect(stat(join(dir, "dist"))).rejects.toThrow();
  });

  it("exits 3 with a clear message when the output folder cannot be written", async () => {
    const dir = await freshProject();
    // A file where the output folder should be: nothing can be made under it.
    const run = await papersmith("build", dir, "--out", join(dir, "papersmith.yaml", "out"), "--html-only").run();
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/could not be read or written/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 3, and does not hang, when the output folder cannot be made (inside /proc)", async () => {
    const dir = await freshProject();
    // Node's recursive mkdir never returns for such a path; papersmith makes folders level by level.
    const run = await papersmith("build", dir, "--out", "/proc/papersmith-no-such/out", "--html-only").run();
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/a folder could not be made \(ENOENT\)/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("writes only the HTML with --html-only, only PDFs with --pdf-only, and only the papers asked for with --paper", async () => {
    const dir = await freshProject();
    expect((await papersmith("build", dir, "--out", join(dir, "h"), "--html-only").env(EPOCH).run()).code).toBe(0);
    const html = await listFiles(join(dir, "h"));
    expect(html.some((f) => f.startsWith("pdf/"))).toBe(false);
    expect(html).toContain("index.html");
    expect((await papersmith("build", dir, "--out", join(dir, "p"), "--pdf-only", "--paper", "1").env(EPOCH).run()).code).toBe(0);
    const pdfOnly = (await listFiles(join(dir, "p"))).filter((f) => f !== ".papersmith-manifest.json");
    expect(pdfOnly.every((f) => f.startsWith("pdf/"))).toBe(true);
    expect(pdfOnly.filter((f) => f.endsWith(".pdf"))).toEqual([expect.stringMatching(/^pdf\/1-/)]);
    const usage = await papersmith("build", dir, "--paper", "two").run();
    expect(usage.code).toBe(2);
  }, 120_000);
});

describe("build: what the PDFs print that the site does not", () => {
  const fixture = join(REPO, "test/fixtures/print/wide-paper");
  let dir: string;
  let run: Awaited<ReturnType<ReturnType<typeof papersmith>["run"]>>;

  beforeAll(async () => {
    ensureCompiled();
    dir = await freshProject();
    await cp(join(fixture, "papers"), join(dir, "papers"), { recursive: true });
    await cp(join(fixture, "assets"), join(dir, "assets"), { recursive: true });
    run = await papersmith("build", dir, "--out", join(dir, "out"), "--format", "json").env(EPOCH).run();
  }, 120_000);

  const pdfText = (file: string): string => {
    const text = spawnSync("pdftotext", ["-enc", "UTF-8", join(dir, "out", file), "-"], { encoding: "utf8" });
    if (text.status !== 0) throw new Error(text.stderr);
    return text.stdout.replace(/\s+/g, " ");
  };

  it("warns print-overflow at the source of each table and image wider than the text block, and still builds", async () => {
    expect(run.code).toBe(0);
    const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: { file: string; line: number; column: number; rule: string; severity: string; message: string }[] };
    const expected = (await readFile(join(fixture, "expected.txt"), "utf8")).trim().split("\n");
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.severity}`)).toEqual(expected);
    expect(diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/^This table is \d+ px wide, wider than the PDF's text block \(643 px\): the PDF prints it in smaller type with words broken to fit\.$/),
      "This image is 1400 px wide, wider than the PDF's text block (643 px): the PDF shows it scaled to 45%.",
    ]);
  });

  it("numbers each external link by its text and lists the addresses under Links at the paper's end; the site does not", async () => {
    const text = pdfText("pdf/4-wide-content.pdf");
    expect(text).toContain("Read the King’s Fund report[1] and its summary[1] (one address, one number), then the NHS Confederation’s view[2]. Questions go to the series team[3].");
    // Lines may break inside a long address: compared without white space.
    expect(text.replace(/\s+/g, "")).toContain("Links1.https://www.kingsfund.org.uk/insight-and-analysis/reports/integrated-care2.https://www.nhsconfed.org/integrated-care3.series@example.org");
    expect(text).not.toContain("(https://");
    expect(pdfText("pdf/series.pdf")).toContain("the NHS Confederation’s view[2]");
    const page = await readFile(join(dir, "out", "papers", "4-wide-content.html"), "utf8");
    expect(page).toContain(">the NHS Confederation’s view</a>");
    expect(page).not.toContain("[2]");
    expect(page).not.toContain("data-source");
  });

  /** The page of a PDF a heading is on, after the contents (page 2); 0 when none. */
  const pageOf = (file: string, heading: string): number => {
    const pdf = join(dir, "out", file);
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout)?.[1]);
    const pageText = (n: number): string => spawnSync("pdftotext", ["-f", String(n), "-l", String(n), pdf, "-"], { encoding: "utf8" }).stdout;
    return Array.from({ length: pages }, (_, i) => i + 1).find((n) => n > 2 && pageText(n).split("\n").includes(heading)) ?? 0;
  };

  it("prints after each reference to a place in the same PDF the page it is on; the site does not", async () => {
    const table = pageOf("pdf/4-wide-content.pdf", "A wide table");
    const reading = pageOf("pdf/4-wide-content.pdf", "Further reading");
    expect(table).toBeGreaterThan(2);
    expect(reading).toBeGreaterThan(2);
    expect(pdfText("pdf/4-wide-content.pdf")).toContain(
      `Back to the wide table (see p. ${table}), or on to Paper 4: Wide content — Further reading (see p. ${reading}); all of Paper 4: Wide content.`,
    );
    const site = await readFile(join(dir, "out", "papers", "4-wide-content.html"), "utf8");
    expect(site).not.toContain("see p.");
  });

  it("prints after a reference to another paper's section the page it has in that paper's PDF, kept right when that paper changes", async () => {
    const before = pageOf("pdf/1-shared-values.pdf", "What we found");
    expect(before).toBeGreaterThan(2);
    expect(pdfText("pdf/2-measuring-what-matters.pdf")).toContain(`We built on Paper 1: Shared values — What we found (Paper 1, p. ${before}) and`);
    // Paper 1's section moves on by pages; paper 2 is unchanged but must print the new page.
    const paper1 = join(dir, "papers", "01-values.md");
    const filler = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} fills the page with enough words to take a line or two of room.\n`).join("\n");
    await writeFile(paper1, (await readFile(paper1, "utf8")).replace("## What we found", `${filler}\n## What we found`));
    const again = await papersmith("build", dir, "--out", join(dir, "out")).env(EPOCH).run();
    expect(again.code).toBe(0);
    const after = pageOf("pdf/1-shared-values.pdf", "What we found");
    expect(after).toBeGreaterThan(before);
    expect(pdfText("pdf/2-measuring-what-matters.pdf")).toContain(`What we found (Paper 1, p. ${after}) and`);
    const unchanged = await papersmith("build", dir, "--out", join(dir, "out")).env(EPOCH).run();
    expect(unchanged.stderr).toContain("all unchanged, none printed");
  });
});

describe("build: PDFs kept from the last build (issue 9)", () => {
  /** Each PDF's inode: a PDF printed again is written to a new file renamed over the old one. */
  async function inodes(out: string): Promise<Map<string, number>> {
    const pdfs = (await listFiles(out)).filter((f) => f.endsWith(".pdf"));
    return new Map(await Promise.all(pdfs.map(async (f) => [f, (await stat(join(out, f))).ino] as [string, number])));
  }
  const changed = (before: Map<string, number>, after: Map<string, number>): string[] =>
    [...after].filter(([file, ino]) => before.get(file) !== ino).map(([file]) => file).sort();

  let dir: string;
  let out: string;
  let env: Record<string, string>;
  let first: Map<string, string>;

  let launches: string;
  const browserStarts = async (): Promise<number> => (await readFile(launches, "utf8").catch(() => "")).split("\n").filter(Boolean).length;

  beforeAll(async () => {
    ensureCompiled();
    dir = await freshProject();
    out = join(dir, "out");
    // Every build here prints with a browser that notes each start.
    launches = join(dir, "browser-starts");
    const chromium = join(dir, "chromium");
    await writeFile(chromium, `#!/bin/sh\necho started >> '${launches}'\nexec /usr/bin/chromium "$@"\n`, { mode: 0o755 });
    env = { ...EPOCH, PAPERSMITH_CACHE_DIR: join(dir, "cache"), PAPERSMITH_CHROMIUM: chromium };
    const run = await papersmith("build", dir, "--out", out).env(env).run();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/unchanged/);
    expect(await browserStarts()).toBe(1);
    first = await snapshot(out);
  }, 120_000);

  it("prints nothing when nothing changed, leaves every PDF as it was, and never starts the browser", async () => {
    const before = await inodes(out);
    const tmp = await mkdtemp(join(tmpdir(), "papersmith-kept-tmp-"));
    const run = await papersmith("build", dir, "--out", out).env({ ...env, TMPDIR: tmp }).run();
    expect(run.code, run.stderr).toBe(0);
    // No source changed and every PDF was still there: the browser was never needed, so never started.
    expect(await browserStarts()).toBe(1);
    expect(await readdir(tmp)).toEqual([]);
    expect(spawnSync("ps", ["-eo", "args"], { encoding: "utf8" }).stdout.split("\n").filter((line) => line.includes(tmp))).toEqual([]);
    expect(run.stderr).toMatch(/ \(\d+ PDFs, \d+ pages; all unchanged, none printed\)\.\n$/);
    expect(changed(before, await inodes(out))).toEqual([]);
    expect(await snapshot(out)).toEqual(first);
    const ledger = (await readdir(join(dir, "cache", "projects"))).find((name) => name.endsWith(".pdfs.json"));
    expect(((await stat(join(dir, "cache", "projects", ledger!))).mode & 0o777).toString(8)).toBe("600");
  }, 60_000);

  it("prints again only the PDFs whose input changed, to the bytes a full build gives", async () => {
    const before = await inodes(out);
    const papers = (await readdir(join(dir, "papers"))).sort();
    const paper = join(dir, "papers", papers[0]!);
    await writeFile(paper, `${await readFile(paper, "utf8")}\nA sentence added since the last build.\n`);
    const starts = await browserStarts();
    const run = await papersmith("build", dir, "--out", out).env(env).run();
    expect(run.code, run.stderr).toBe(0);
    // Started once the edited paper was found changed.
    expect(await browserStarts()).toBe(starts + 1);
    const reprinted = changed(before, await inodes(out));
    // The edited paper's own PDF and the series PDF, which holds every paper.
    expect(reprinted).toEqual([expect.stringMatching(/^pdf\/1-.+\.pdf$/), "pdf/series.pdf"]);
    // The search index's fragments of the edited paper are new files, and the old ones are removed.
    expect(run.stderr).toMatch(new RegExp(`; ${before.size - 2} unchanged, not printed again\\)\\.( Removed \\d+ files? an earlier build wrote\\.)?\\n$`));
    const full = join(dir, "full");
    expect((await papersmith("build", dir, "--out", full, "--no-cache").env(env).run()).code).toBe(0);
    expect(await snapshot(out)).toEqual(await snapshot(full));
  }, 120_000);

  it("starts the browser for a changed paper even when the paper kept an old modification time", async () => {
    const before = await inodes(out);
    const papers = (await readdir(join(dir, "papers"))).sort();
    const paper = join(dir, "papers", papers[0]!);
    const { atime, mtime } = await stat(paper);
    await writeFile(paper, `${await readFile(paper, "utf8")}\nAnother sentence, written by a tool that keeps times.\n`);
    await utimes(paper, atime, new Date(mtime.getTime() - 3_600_000));
    const starts = await browserStarts();
    const run = await papersmith("build", dir, "--out", out).env(env).run();
    expect(run.code, run.stderr).toBe(0);
    // No file looked newer than the last build's PDFs, so the start waited until the build
    // knew better (the ledger found the paper's PDF had to be printed again).
    expect(await browserStarts()).toBe(starts + 1);
    expect(changed(before, await inodes(out))).toEqual([expect.stringMatching(/^pdf\/1-.+\.pdf$/), "pdf/series.pdf"]);
  }, 120_000);

  it("prints again a PDF changed on disk since it was written, and those whose metadata date moved", async () => {
    const pdf = [...(await inodes(out)).keys()].find((f) => /^pdf\/\d+-/.test(f))!;
    const good = await readFile(join(out, pdf));
    await writeFile(join(out, pdf), good.subarray(0, good.length - 100));
    let before = await inodes(out);
    const mended = await papersmith("build", dir, "--out", out).env(env).run();
    expect(mended.code, mended.stderr).toBe(0);
    expect(changed(before, await inodes(out))).toEqual([pdf]);
    expect(Buffer.compare(await readFile(join(out, pdf)), good)).toBe(0);
    before = await inodes(out);
    const paper = join(dir, "papers", (await readdir(join(dir, "papers"))).sort()[0]!);
    await writeFile(paper, (await readFile(paper, "utf8")).replace(/^date: .*$/m, "date: 2014-11-20"));
    const later = await papersmith("build", dir, "--out", out).env(env).run();
    expect(later.code, later.stderr).toBe(0);
    // The series PDF prints each paper's date under its title, so it is printed again too; its
    // metadata keeps its newest paper's date, which did not move.
    const reprinted = changed(before, await inodes(out));
    expect(reprinted).toEqual([expect.stringMatching(/^pdf\/1-.+\.pdf$/), "pdf/series.pdf"]);
    const moved = await PDFDocument.load(await readFile(join(out, reprinted[0]!)), { updateMetadata: false });
    expect(moved.getCreationDate()?.toISOString()).toBe("2014-11-20T00:00:00.000Z");
    const series = await PDFDocument.load(await readFile(join(out, "pdf/series.pdf")), { updateMetadata: false });
    expect(series.getCreationDate()?.toISOString()).not.toBe("2014-11-20T00:00:00.000Z");
  }, 120_000);

  it("prints every PDF with --no-cache", async () => {
    const before = await inodes(out);
    const run = await papersmith("build", dir, "--out", out, "--no-cache").env({ ...env, SOURCE_DATE_EPOCH: "1500000000" }).run();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/unchanged/);
    expect(changed(before, await inodes(out))).toEqual([...before.keys()].sort());
  }, 60_000);
});
