import { execFileSync } from "node:child_process";
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
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
    // Liberation Mono comes with fonts-liberation (part of the set-up), and is no typeface the PDFs use by default.
    const themed = text.replace(/^theme:\n/m, "theme:\n  font: \"'Liberation Mono', monospace\"\n");
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
      expect(fonts, pdf).toMatch(/LiberationMono-Bold/);
      expect(fonts, pdf).toMatch(/LiberationMono\s/);
      expect(fonts, pdf).not.toMatch(/LiberationSerif/);
    }
  });

  it("sets the site's pages in it", async () => {
    const css = (await readdir(join(out, "assets"))).filter((name) => name.endsWith(".css"));
    const text = (await Promise.all(css.map((name) => readFile(join(out, "assets", name), "utf8")))).join("\n");
    expect(text).toContain("--font-body: 'Liberation Mono', monospace;");
  });
});

/** theme.fonts (SPEC §6, Print): font files in the project, embedded in the site and the PDFs. */
describe("theme.fonts", () => {
  const FONTS = "/usr/share/fonts/truetype/liberation"; // fonts-liberation, part of the set-up
  let out: string;
  let project: string;

  beforeAll(async () => {
    ensureCompiled();
    project = await mkdtemp(join(tmpdir(), "papersmith-theme-fonts-"));
    await cp(join(REPO, "test/fixtures/render/basic"), project, { recursive: true });
    await mkdir(join(project, "assets/fonts"), { recursive: true });
    await copyFile(join(FONTS, "LiberationSansNarrow-Regular.ttf"), join(project, "assets/fonts/Brand Narrow.ttf"));
    await copyFile(join(FONTS, "LiberationSansNarrow-Bold.ttf"), join(project, "assets/fonts/Brand Narrow Bold.ttf"));
    const config = join(project, "papersmith.yaml");
    const text = await readFile(config, "utf8");
    // A family name the system does not know: only the project's files can give it.
    const themed = text.replace(/^theme:\n/m, [
      "theme:",
      "  fonts:",
      "    - file: assets/fonts/Brand Narrow.ttf",
      "      family: Brand Narrow",
      "    - file: assets/fonts/Brand Narrow Bold.ttf",
      "      family: Brand Narrow",
      "      weight: 700",
      "",
    ].join("\n"));
    expect(themed).not.toBe(text);
    await writeFile(config, themed);
    out = join(project, "out");
    const run = await papersmith("build", project, "--out", out, "--strict").env({ SOURCE_DATE_EPOCH: "1416000000" }).run();
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(0);
  });

  it("embeds the project's font files in every PDF, for body and headings (theme.font defaults to the first family)", async () => {
    for (const pdf of (await readdir(join(out, "pdf"))).filter((name) => name.endsWith(".pdf"))) {
      const fonts = execFileSync("pdffonts", [join(out, "pdf", pdf)], { encoding: "utf8" });
      expect(fonts, pdf).toMatch(/LiberationSansNarrow\s/);
      expect(fonts, pdf).toMatch(/LiberationSansNarrow-Bold\s/);
      expect(fonts, pdf).not.toMatch(/LiberationSerif/);
    }
  });

  it("copies the font files into the site and declares them in its stylesheet", async () => {
    const css = await readFile(join(out, "assets/papersmith.css"), "utf8");
    expect(css).toContain('@font-face { font-family: "Brand Narrow"; src: url("fonts/Brand%20Narrow.ttf") format("truetype"); font-weight: 400; font-style: normal; font-display: swap; }');
    expect(css).toContain('src: url("fonts/Brand%20Narrow%20Bold.ttf") format("truetype"); font-weight: 700;');
    expect(css).toContain('--font-body: "Brand Narrow";');
    expect((await readFile(join(out, "assets/fonts/Brand Narrow.ttf"))).equals(await readFile(join(FONTS, "LiberationSansNarrow-Regular.ttf")))).toBe(true);
  });
});
