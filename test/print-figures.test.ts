import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCompiled, papersmith, REPO, type CliRun } from "./helpers/cli.js";

/** A paper with two figures (one in a quote) and three captioned tables, one of them `wide`; a second paper refers to them. */
const FIXTURE = join(REPO, "test/fixtures/render/figures");
const EPOCH = { SOURCE_DATE_EPOCH: "1416000000" };

/** What poppler says of one output PDF. */
function tool(command: string, args: readonly string[]): string {
  const run = spawnSync(command, args, { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${command}: ${run.stderr}`);
  return run.stdout;
}

/** Each page's orientation, from pdfinfo's page sizes: "portrait" or "landscape". */
function orientations(pdf: string): string[] {
  const info = tool("pdfinfo", ["-f", "1", "-l", "999", pdf]);
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => (Number(m[1]) > Number(m[2]) ? "landscape" : "portrait"));
}

/** The text of one page (or the whole document), white space made single spaces. */
function pageText(pdf: string, page?: number): string {
  const range = page === undefined ? [] : ["-f", String(page), "-l", String(page)];
  return tool("pdftotext", ["-enc", "UTF-8", ...range, pdf, "-"]).replace(/\s+/g, " ");
}

/** The structure types of the PDF's tag tree, with how many elements of each, read from qpdf's uncompressed output. */
function structureTypes(pdf: string): Map<string, number> {
  const qdf = tool("qpdf", ["--qdf", "--object-streams=disable", pdf, "-"]);
  const counts = new Map<string, number>();
  for (const match of qdf.matchAll(/\/S \/([A-Za-z0-9]+)/g)) counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
  return counts;
}

describe("print: figures and tables", () => {
  let dir: string;
  let run: CliRun;
  const pdf = (name: string): string => join(dir, "out", "pdf", name);

  beforeAll(async () => {
    ensureCompiled();
    dir = await mkdtemp(join(tmpdir(), "papersmith-figures-"));
    run = await papersmith("build", FIXTURE, "--out", join(dir, "out"), "--format", "json").env(EPOCH).run();
  }, 120_000);

  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it("prints a wide table on a landscape page of its own, the rest upright, and reports only the table that is not wide", () => {
    expect(run.code).toBe(0);
    const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: { file: string; line: number; column: number; rule: string }[] };
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual(["papers/01-pathways.md:48:1 print-overflow"]);
    const pages = orientations(pdf("1-pathways.pdf"));
    expect(pages.filter((o) => o === "landscape")).toHaveLength(1);
    const landscape = pages.indexOf("landscape") + 1;
    const text = pageText(pdf("1-pathways.pdf"), landscape);
    expect(text).toContain("Table 2: Costs by year, partner and setting.");
    expect(text).toContain("Readmissions");
    expect(text).not.toContain("Table 3");
    expect(text).not.toContain("The same table");
    // The series document prints it the same way.
    expect(orientations(pdf("series.pdf")).filter((o) => o === "landscape")).toHaveLength(1);
  });

  it("prints each caption, numbered, and each reference with the page it leads to", () => {
    const pages = orientations(pdf("1-pathways.pdf"));
    const landscape = pages.indexOf("landscape") + 1;
    const text = pageText(pdf("1-pathways.pdf"));
    for (const caption of [
      "Figure 1: The patient’s journey from home to hospital and back.", "Figure 2: The journey, quoted.",
      "Table 1: Outcome measures for a local population.", "Table 3: Costs by year, partner and setting, upright.",
    ]) expect(text).toContain(caption);
    expect(text).toContain(`The costs (see p. ${landscape})`);
    expect(pageText(pdf("2-costs.pdf"))).toContain(`Paper 1: Pathways — Table 2 (Paper 1, p. ${landscape})`);
  });

  it("tags each caption as a Caption in the PDF's structure tree: two figures' and three tables'", () => {
    const types = structureTypes(pdf("1-pathways.pdf"));
    expect(types.get("Caption")).toBe(5);
    expect(types.get("Table")).toBe(3);
    expect(tool("pdfinfo", [pdf("1-pathways.pdf")])).toMatch(/^Tagged:\s+yes$/m);
  });
});
