import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureCompiled, papersmith, STACK_LINE } from "../helpers/cli.js";
import { listFiles, projectWith } from "../helpers/robustness.js";
import { casePage, fileNamePart, MAX_NAME_BYTES, paperPage, paperPdf } from "../../src/render/paths.js";
import type { CaseStudy, Paper } from "../../src/model/index.js";

/**
 * Output file names (issue "hostile projects must not crash or hang the build"): a title or id
 * long enough to pass `check` must never make `build` fail with ENAMETOOLONG.
 */

beforeAll(() => ensureCompiled());

const LONG_TITLE = Array.from({ length: 40 }, (_, i) => `Integrated care part ${i}`).join(" ").slice(0, 400);

describe("fileNamePart", () => {
  it("leaves a name of up to MAX_NAME_BYTES as it is", () => {
    const name = "a".repeat(MAX_NAME_BYTES);
    expect(fileNamePart(name)).toBe(name);
    expect(fileNamePart("shared-values")).toBe("shared-values");
  });

  it("cuts a longer name and adds 8 hex digits of its SHA-256, the same on every call", () => {
    const name = "integrated-care-".repeat(30);
    const capped = fileNamePart(name);
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(capped).toMatch(/^integrated-care-[a-z-]*[a-z]-[0-9a-f]{8}$/);
    expect(fileNamePart(name)).toBe(capped);
  });

  it("keeps two long names that differ only at the end apart", () => {
    const base = "x".repeat(300);
    expect(fileNamePart(`${base}-one`)).not.toBe(fileNamePart(`${base}-two`));
  });

  it("counts UTF-8 bytes and never cuts a character in half", () => {
    const capped = fileNamePart("é".repeat(200));
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(capped).toMatch(/^é+-[0-9a-f]{8}$/);
  });

  it("names paper pages, PDFs and case study pages with the capped part", () => {
    const paper = { number: 3, title: LONG_TITLE } as Paper;
    const page = paperPage(paper);
    expect(page).toMatch(/^papers\/3-integrated-care-part-0-[a-z0-9-]+-[0-9a-f]{8}\.html$/);
    expect(paperPdf(paper)).toBe(page.replace(/^papers\//, "pdf/").replace(/\.html$/, ".pdf"));
    expect(paperPage({ number: 1, title: "First paper" } as Paper)).toBe("papers/1-first-paper.html");
    const id = "frailty-".repeat(40).replace(/-$/, "");
    expect(casePage({ id } as CaseStudy)).toBe(`case-studies/${fileNamePart(id)}.html`);
    expect(casePage({ id: "frailty" } as CaseStudy)).toBe("case-studies/frailty.html");
  });
});

describe("building with long titles and ids", () => {
  it("builds a paper with a 400-character title and a case study with a 300-character id", async () => {
    expect(LONG_TITLE).toHaveLength(400);
    const longId = "frailty-at-home-".repeat(19).slice(0, 300).replace(/-$/, "x");
    const dir = projectWith();
    const paperFile = join(dir, "papers/01-first.md");
    writeFileSync(paperFile, readFileSync(paperFile, "utf8").replace("title: First paper", `title: ${LONG_TITLE}`));
    const caseFile = join(dir, "case-studies/frailty.md");
    writeFileSync(caseFile, readFileSync(caseFile, "utf8").replace("---\ntitle:", `---\nid: ${longId}\ntitle:`));
    // Any uses of the case study by its old id follow it to the new one.
    writeFileSync(paperFile, readFileSync(paperFile, "utf8").replaceAll("frailty}", `${longId}}`).replaceAll("[frailty]", `[${longId}]`));
    const run = await papersmith("build", dir, "--html-only", "--no-color").run();
    expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const page = paperPage({ number: 1, title: LONG_TITLE } as Paper);
    expect(existsSync(join(dir, "dist", page)), listFiles(join(dir, "dist")).join("\n")).toBe(true);
    expect(existsSync(join(dir, "dist", casePage({ id: longId } as CaseStudy)))).toBe(true);
    expect(readFileSync(join(dir, "dist", "index.html"), "utf8")).toContain(page.slice("papers/".length));
  }, 60_000);
});
