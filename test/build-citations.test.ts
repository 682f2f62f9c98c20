import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureCompiled, papersmith, REPO } from "./helpers/cli.js";

/** Citations in the printed PDF and the Word documents (see docs/reference.md#citations), the same bytes each build. */
describe("build: citations in the PDF and Word", () => {
  let dir: string;

  beforeAll(async () => {
    ensureCompiled();
    dir = await mkdtemp(join(tmpdir(), "papersmith-citations-"));
    await cp(join(REPO, "test/fixtures/render/citations"), dir, { recursive: true });
    for (const out of ["out", "again"]) {
      const run = await papersmith("build", dir, "--docx", "--out", join(dir, out)).env({ SOURCE_DATE_EPOCH: "1416000000" }).run();
      expect(run.stderr).toMatch(/Built \d+ files/);
      expect(run.code).toBe(0);
    }
  }, 240_000);

  const pdfText = (file: string): string => {
    const text = spawnSync("pdftotext", ["-enc", "UTF-8", join(dir, "out", file), "-"], { encoding: "utf8" });
    if (text.status !== 0) throw new Error(text.stderr);
    return text.stdout.replace(/\s+/g, " ");
  };

  it("prints the citations in the text and the References before the notes, listed in the contents", () => {
    const text = pdfText("pdf/1-first.pdf");
    expect(text).toContain("The forward view sets the direction (NHS England, 2014). Integrated care at scale (Ham and Walsh, 2013, p. 12) draws on research (Example, 2012; NHS England, 2014).");
    expect(text).toMatch(/Contents .*References \d+ Notes \d+/);
    const list = text.slice(text.lastIndexOf("References"));
    expect(list).toMatch(/^References Example, A\. \(2012\) “An article with a DOI,” Journal of Tests, 3, pp\. 1–9\. Available at: https:\/\/doi\.org\/10\.1234\/example\.5678\. Ham, C\. and Walsh, N\. \(2013\)/);
    // pdftotext drops a hyphen where a long address breaks across lines
    expect(list).toMatch(/NHS England \(2014\) Five Year Forward View\. NHS England\. Available at: https:\/\/www\.england\.nhs\.uk\/wp-?content\/uploads\/2014\/10\/5yfv-?web\.pdf\. Notes 1\. A note after the references\./);
    expect(pdfText("pdf/3-third.pdf")).not.toContain("References");
  });

  it("writes citations as text in Word, and the References at the end", () => {
    const plain = spawnSync("pandoc", ["-f", "docx", "-t", "plain", "--wrap=none", join(dir, "out", "docx/2-second.docx")], { encoding: "utf8" }).stdout;
    expect(plain).toContain("The second paper numbers its own citations (Example, 2012) and (Ham and Walsh, 2013).");
    expect(plain).toMatch(/References\s+Example, A\. \(2012\) “An article with a DOI,”[^\n]*\s+Ham, C\. and Walsh, N\. \(2013\)/);
  });

  it("gives the same bytes for the same sources", async () => {
    for (const file of ["papers/1-first.html", "pdf/1-first.pdf", "pdf/series.pdf", "docx/1-first.docx"]) {
      expect(Buffer.compare(await readFile(join(dir, "out", file)), await readFile(join(dir, "again", file))), file).toBe(0);
    }
  });
});
