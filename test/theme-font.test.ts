import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureCompiled, papersmith, REPO } from "./helpers/cli.js";

/** theme.font (SPEC §6, Print): the typeface of the web pages and of the PDFs' body and headings alike. */
describe("theme.font", () => {
  let out: string;

  beforeAll(async () => {
    ensureCompiled();
    const project = await mkdtemp(join(tmpdir(), "papersmith-theme-font-"));
    await cp(join(REPO, "test/fixtures/render/basic"), project, { recursive: true });
    const config = join(project, "papersmith.yaml");
    const text = await readFile(config, "utf8");
    // DejaVu comes with fontconfig on Debian; Liberation is the PDFs' default typeface.
    const themed = text.replace(/^theme:\n/m, "theme:\n  font: \"'DejaVu Serif', serif\"\n");
    expect(themed).not.toBe(text);
    await writeFile(config, themed);
    out = join(project, "out");
    const run = await papersmith("build", project, "--out", out).env({ SOURCE_DATE_EPOCH: "1416000000" }).run();
    expect(run.code).toBe(0);
  });

  it("sets the PDFs' body text and headings in it (the running heads keep the default)", async () => {
    const pdfs = (await readdir(join(out, "pdf"))).filter((name) => name.endsWith(".pdf"));
    expect(pdfs.length).toBeGreaterThan(0);
    for (const pdf of pdfs) {
      const fonts = execFileSync("pdffonts", [join(out, "pdf", pdf)], { encoding: "utf8" });
      expect(fonts, pdf).toMatch(/DejaVuSerif-Bold/);
      expect(fonts, pdf).toMatch(/DejaVuSerif\s/);
      expect(fonts, pdf).not.toMatch(/LiberationSerif/);
    }
  });

  it("sets the site's pages in it", async () => {
    const css = (await readdir(join(out, "assets"))).filter((name) => name.endsWith(".css"));
    const text = (await Promise.all(css.map((name) => readFile(join(out, "assets", name), "utf8")))).join("\n");
    expect(text).toContain("--font-body: 'DejaVu Serif', serif;");
  });
});
