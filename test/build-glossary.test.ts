import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureCompiled, papersmith, REPO } from "./helpers/cli.js";

/** The glossary in the printed PDF (see docs/reference.md#glossary): spelled out once, then short, and listed before the notes. */
describe("build: abbreviations in the PDF", () => {
  let dir: string;

  beforeAll(async () => {
    ensureCompiled();
    dir = await mkdtemp(join(tmpdir(), "papersmith-glossary-"));
    await cp(join(REPO, "test/fixtures/render/glossary"), dir, { recursive: true });
    const run = await papersmith("build", dir, "--out", join(dir, "out")).env({ SOURCE_DATE_EPOCH: "1416000000" }).run();
    expect(run.stderr).toMatch(/Built \d+ files/);
    expect(run.code).toBe(0);
  }, 180_000);

  const pdfText = (file: string): string => {
    const text = spawnSync("pdftotext", ["-enc", "UTF-8", join(dir, "out", file), "-"], { encoding: "utf8" });
    if (text.status !== 0) throw new Error(text.stderr);
    return text.stdout.replace(/\s+/g, " ");
  };

  it("prints the first use in full, later ones short, and the list between the body and the notes", () => {
    const text = pdfText("pdf/1-first.pdf");
    expect(text).toContain("Every clinical commissioning group (CCG) plans care with accident and emergency (A&E).");
    expect(text).toContain("A later CCG is short, as is CCGs in the plural.");
    // the contents list it like Notes, and it comes before them at the paper's end
    expect(text).toMatch(/Contents .*Abbreviations \d+ Notes \d+/);
    const list = text.slice(text.lastIndexOf("Abbreviations"));
    expect(list).toMatch(/^Abbreviations A&E accident and emergency CCG clinical commissioning group The NHS body that planned and paid for local services\. ICS integrated care <b>system<\/b> Notes 1\. Each A&E department reports to its CCG\./);
  });

  it("spells out again in the next paper, and lists nothing for a paper that uses no entry", () => {
    expect(pdfText("pdf/2-second.pdf")).toContain("the clinical commissioning group (CCG) again, then CCG.");
    expect(pdfText("pdf/3-third.pdf")).not.toContain("Abbreviations");
  });
});
