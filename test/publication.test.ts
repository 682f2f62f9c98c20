import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, writeFile, mkdir, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { ensureCompiled, papersmith, REPO } from "./helpers/cli.js";
import { listFiles } from "./helpers/robustness.js";

/**
 * What a build publishes (SPEC §5, §6 Embargo): a public build holds nothing that its final
 * papers do not publish; an internal one says so on every page; outDir holds exactly what the
 * last build wrote.
 */

const FIXTURE = join(REPO, "test/fixtures/publication/mixed");
const BEFORE_EMBARGO = "2015-01-01T00:00:00Z";
const AFTER_EMBARGO = "2015-01-14T00:01:00Z";

/** Titles, ids, summaries and notes of what the fixture must never publish before its time. */
const UNPUBLISHED = [
  "Wombat draft title", "Axolotl draft summary", "02-wombat-draft", "wombat", // the draft paper
  "Narwhal unconsented study", "Okapi summary", "narwhal-unconsented", // the case study without consent
  "Zebra secret finding", "zebra-secret", // a finding only the draft cites
  "Quokka winter session", "quokka-winter", // a session only the draft uses
  "Marmalade private notes", // session notes around a published finding
  "Pangolin embargoed title", "Ibis embargo summary", "04-pangolin", // the embargoed paper
  "Kestrel embargoed headline", // the embargoed paper's press release
  "2015-03-01", // the draft's date
];
const EMBARGOED = ["Pangolin embargoed title", "Ibis embargo summary", "Kestrel embargoed headline"];

/** Everything a reader of a PDF can see: its text (pdftotext) and its metadata (pdf-lib). */
async function pdfText(file: string): Promise<string> {
  const text = spawnSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  expect(text.status).toBe(0);
  const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const meta = [doc.getTitle(), doc.getAuthor(), doc.getSubject(), doc.getKeywords(), doc.getCreationDate()?.toISOString(), doc.getModificationDate()?.toISOString()];
  return `${text.stdout}\n${meta.join("\n")}`;
}

/** Every file of the output as text: HTML, JSON, CSS and the rest as they are, PDFs as their text and metadata. */
async function outputText(outDir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const path of listFiles(outDir)) {
    const file = join(outDir, path);
    texts.set(path, path.endsWith(".pdf") ? await pdfText(file) : await readFile(file, "latin1").then((raw) => Buffer.from(raw, "latin1").toString("utf8")));
  }
  return texts;
}

function leaks(texts: ReadonlyMap<string, string>, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const [path, text] of texts) {
    for (const secret of secrets) if (text.toLowerCase().includes(secret.toLowerCase())) found.push(`${path}: ${secret}`);
  }
  return found;
}

async function freshProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "papersmith-publication-"));
  await cp(FIXTURE, dir, { recursive: true });
  return dir;
}

describe("a public build after an internal one", () => {
  let project: string;
  let out: string;
  let internalFiles: string[];
  let internal: Map<string, string>;
  let publicRun: Awaited<ReturnType<ReturnType<typeof papersmith>["run"]>>;
  let published: Map<string, string>;

  beforeAll(async () => {
    ensureCompiled();
    project = await freshProject();
    out = join(project, "dist");
    await mkdir(out, { recursive: true });
    await writeFile(join(out, "CNAME"), "papers.example.org\n");
    const drafts = await papersmith("build", project, "--drafts", "--now", BEFORE_EMBARGO).run();
    expect(drafts.stderr).toContain("internal: not for publication");
    expect(drafts.code).toBe(0);
    internalFiles = listFiles(out);
    internal = await outputText(out);
    publicRun = await papersmith("build", project, "--now", BEFORE_EMBARGO).run();
    expect(publicRun.code).toBe(0);
    published = await outputText(out);
  }, 240_000);

  it("the internal build holds the drafts, and says on every page that it is not for publication", () => {
    expect(internalFiles).toContain("papers/2-wombat-draft-title.html");
    expect(internalFiles).toContain("case-studies/narwhal-unconsented.html");
    expect(internalFiles).toContain("pdf/4-pangolin-embargoed-title.pdf");
    const pages = [...internal].filter(([path]) => path.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(10);
    for (const [path, html] of pages) {
      expect(html, path).toContain("Internal draft — not for publication");
      expect(html, path).toMatch(/<meta name="robots" content="noindex/);
    }
  });

  it("the internal build's PDFs say on their cover and every page that they are not for publication; the public ones do not", () => {
    // Papers' PDFs: a final paper's press release goes out from this build before its embargo, marked by its embargo line.
    const internalPdfs = [...internal].filter(([path]) => path.startsWith("pdf/") && path.endsWith(".pdf"));
    expect(internalPdfs.length).toBeGreaterThan(2);
    for (const [path, text] of internalPdfs) {
      // pdftotext ends each page with a form feed; pdfText puts the metadata after the last one.
      const pages = text.split("\f").slice(0, -1);
      expect(pages.length, path).toBeGreaterThan(1);
      // Every page after the cover has the running head; the cover names the build instead.
      for (const page of pages.slice(1)) expect(page, path).toContain("Internal — not for publication");
      expect(pages[0], path).toMatch(/Internal build: not for publication|Draft: not for publication/);
    }
    for (const [path, text] of [...published].filter(([path]) => path.endsWith(".pdf"))) {
      expect(text, path).not.toContain("Internal — not for publication");
      expect(text, path).not.toContain("Internal build");
    }
  });

  it("the public build holds no title, id, summary or note of anything unpublished, anywhere", () => {
    expect(leaks(published, UNPUBLISHED)).toEqual([]);
    // The scan can fail: the same scan finds them in the internal build.
    expect(leaks(internal, UNPUBLISHED).length).toBeGreaterThan(UNPUBLISHED.length);
  });

  it("the public build's pages carry no internal banner and no noindex", () => {
    for (const [path, text] of published) {
      if (!path.endsWith(".html")) continue;
      expect(text, path).not.toContain("Internal draft");
      expect(text, path).not.toContain("noindex");
    }
  });

  it("removes what the internal build wrote and this one did not, and keeps the user's own file", async () => {
    const files = listFiles(out);
    expect(files).toContain("CNAME");
    expect(await readFile(join(out, "CNAME"), "utf8")).toBe("papers.example.org\n");
    for (const gone of ["papers/2-wombat-draft-title.html", "pdf/2-wombat-draft-title.pdf", "case-studies/narwhal-unconsented.html", "sessions/quokka-winter.html", "pdf/4-pangolin-embargoed-title.pdf"]) {
      expect(files).not.toContain(gone);
    }
    expect(files).toContain("papers/1-shared-values-for-integrated-care.html");
    expect(files).toContain("sessions/july.html");
    expect(publicRun.stderr).toMatch(/Removed \d+ files an earlier build wrote/);
  });

  it("writes an embargoed paper's press release in the internal build only, with its embargo line; the public build has only the published paper's", () => {
    const release = internal.get("releases/4-pangolin-embargoed-title.html");
    expect(release).toContain("Kestrel embargoed headline");
    expect(release).toContain("EMBARGOED UNTIL 00:01, 14 January 2015");
    expect(internal.get("releases/4-pangolin-embargoed-title.pdf")).toContain("Kestrel embargoed headline");
    const releases = [...published.keys()].filter((path) => path.startsWith("releases/"));
    expect(releases).toEqual(["releases/1-shared-values-for-integrated-care.html", "releases/1-shared-values-for-integrated-care.pdf"]);
    expect(published.get("releases/1-shared-values-for-integrated-care.html")).toContain("Partners publish their charter");
  });

  it("names the embargoed paper in the build's summary, and publishes a reference to it without its title", () => {
    expect(publicRun.stderr).toContain("Left out under embargo: Paper 4 “Pangolin embargoed title” (until 2015-01-14T00:01:00.000Z)");
    expect(published.get("papers/1-shared-values-for-integrated-care.html")).toContain("Paper\u00a04 (forthcoming)");
  });

  it("publishes a session's cited findings only, by their titles", () => {
    const session = published.get("sessions/july.html")!;
    expect(session).toContain("Shared outcomes came first");
    expect(session).not.toContain("Marmalade");
    expect(internal.get("sessions/july.html")).toContain("Marmalade private notes");
  });

  it("covers only what it publishes in report.json", () => {
    const report = JSON.parse(published.get("report.json")!) as { papers: { number: number }[]; caseStudies: { id: string }[]; sessions: { id: string }[] };
    expect(report.papers.map((p) => p.number)).toEqual([1, 3]);
    expect(report.caseStudies.map((c) => c.id)).toEqual(["cleared"]);
    expect(report.sessions.map((s) => s.id)).toEqual(["july"]);
  });

  it("dates each PDF by its own paper, never by a draft's date", async () => {
    const doc = await PDFDocument.load(await readFile(join(out, "pdf/3-original-heron-title.pdf")), { updateMetadata: false });
    expect(doc.getCreationDate()?.toISOString()).toBe("2014-12-01T00:00:00.000Z");
    const series = await PDFDocument.load(await readFile(join(out, "pdf/series.pdf")), { updateMetadata: false });
    expect(series.getCreationDate()?.toISOString()).toBe("2014-12-01T00:00:00.000Z");
  });

  it("says the statement was not audited when no audit ran, and gives the contact", () => {
    const statement = published.get("accessibility.html")!;
    for (const section of ["Compliance status", "Non-accessible content", "Preparation of this accessibility statement", "Feedback and contact information", "Enforcement procedure"]) {
      expect(statement).toContain(section);
    }
    expect(statement).toContain("has not been audited");
    expect(statement).not.toContain("checked automatically");
    expect(statement).toContain("mailto:access@alpha.example.org");
  });
});

describe("a paper retitled between builds", () => {
  it("leaves only the new title's page and PDF", async () => {
    const project = await freshProject();
    const out = join(project, "dist");
    expect((await papersmith("build", project, "--html-only", "--now", BEFORE_EMBARGO).run()).code).toBe(0);
    expect(existsSync(join(out, "papers/3-original-heron-title.html"))).toBe(true);
    const file = join(project, "papers/03-heron.md");
    await writeFile(file, (await readFile(file, "utf8")).replace("Original heron title", "Renamed heron title"));
    const again = await papersmith("build", project, "--html-only", "--now", BEFORE_EMBARGO).run();
    expect(again.code).toBe(0);
    const files = listFiles(out);
    expect(files).toContain("papers/3-renamed-heron-title.html");
    expect(files).not.toContain("papers/3-original-heron-title.html");
    expect(leaks(await outputText(out), ["Original heron title"])).toEqual([]);
  }, 120_000);

  it("never removes a file the manifest names outside outDir or through a link", async () => {
    const project = await freshProject();
    const out = join(project, "dist");
    await mkdir(out, { recursive: true });
    const outside = join(project, "keep-me.txt");
    await writeFile(outside, "mine\n");
    await writeFile(join(out, ".papersmith-manifest.json"), JSON.stringify({ papersmith: 1, files: ["../keep-me.txt", "/etc/hostname", "CNAME"] }));
    await writeFile(join(out, "CNAME"), "mine\n");
    expect((await papersmith("build", project, "--html-only", "--now", BEFORE_EMBARGO).run()).code).toBe(0);
    expect(await readFile(outside, "utf8")).toBe("mine\n");
    // A manifest is papersmith's record; a file it lists that this build did not write goes.
    expect(existsSync(join(out, "CNAME"))).toBe(false);
    await rm(project, { recursive: true, force: true });
  }, 120_000);
});

describe("embargo and --paper", () => {
  it("publishes the embargoed paper once its moment has passed", async () => {
    const project = await freshProject();
    const run = await papersmith("build", project, "--html-only", "--now", AFTER_EMBARGO).run();
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("embargo");
    const texts = await outputText(join(project, "dist"));
    expect(texts.get("papers/4-pangolin-embargoed-title.html")).toContain("Pangolin embargoed title");
    expect(texts.get("releases/4-pangolin-embargoed-title.html")).toContain("Kestrel embargoed headline");
    expect(leaks(texts, EMBARGOED).length).toBeGreaterThan(0);
  }, 120_000);

  it("judges the embargo at SOURCE_DATE_EPOCH when --now is not given", async () => {
    const project = await freshProject();
    const before = await papersmith("build", project, "--html-only").env({ SOURCE_DATE_EPOCH: String(Date.parse(BEFORE_EMBARGO) / 1000) }).run();
    expect(before.code).toBe(0);
    expect(before.stderr).toContain("Left out under embargo: Paper 4");
  }, 120_000);

  it("refuses --paper for a paper the build does not have, a draft, or an embargoed paper (exit 2)", async () => {
    const project = await freshProject();
    const missing = await papersmith("build", project, "--html-only", "--paper", "9", "--now", BEFORE_EMBARGO).run();
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("there is no paper 9 in this series; the papers of this build are 1, 3");
    const draft = await papersmith("build", project, "--html-only", "--paper", "2", "--now", BEFORE_EMBARGO).run();
    expect(draft.code).toBe(2);
    expect(draft.stderr).toContain("paper 2 is a draft");
    expect(draft.stderr).toContain("--drafts");
    const held = await papersmith("build", project, "--html-only", "--paper", "4", "--now", BEFORE_EMBARGO).run();
    expect(held.code).toBe(2);
    expect(held.stderr).toContain("paper 4 is under embargo until 2015-01-14T00:01:00.000Z");
    expect(existsSync(join(project, "dist"))).toBe(false);
    const withDrafts = await papersmith("build", project, "--html-only", "--paper", "2", "--drafts").run();
    expect(withDrafts.code).toBe(0);
  }, 120_000);

  it("refuses a --now without a time zone (exit 2)", async () => {
    const run = await papersmith("build", FIXTURE, "--html-only", "--now", "2015-01-01T10:00").run();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--now takes a date and time with its zone");
  });
});
