import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import puppeteer, { type Browser } from "puppeteer";
import { renderFixture, renderProject, type Rendered } from "./render-helpers.js";

const CHROMIUM = process.env.PAPERSMITH_CHROMIUM ?? "/usr/bin/chromium";
const AXE = readFileSync(fileURLToPath(new URL("../node_modules/axe-core/axe.min.js", import.meta.url)), "utf8");
const EXAMPLE = fileURLToPath(new URL("../examples/integrated-care-series/", import.meta.url));
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

interface Violation { id: string; impact: string; help: string; nodes: { target: string[] }[] }

function writeSite(r: Rendered): string {
  const dir = mkdtempSync(join(tmpdir(), "papersmith-a11y-"));
  for (const file of r.site.files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content);
  }
  return dir;
}

describe("render: axe-core finds no WCAG 2.2 A/AA violations", () => {
  let browser: Browser;
  const dirs: string[] = [];
  beforeAll(async () => {
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function audit(r: Rendered, widths: readonly number[] = [1280, 375]): Promise<Record<string, string[]>> {
    const dir = writeSite(r);
    dirs.push(dir);
    const found: Record<string, string[]> = {};
    const page = await browser.newPage();
    try {
      for (const path of r.pages) {
        for (const width of widths) {
          await page.setViewport({ width, height: 900 });
          await page.goto(`file://${join(dir, path)}`, { waitUntil: "load" });
          await page.addScriptTag({ content: AXE });
          const result = await page.evaluate(async (tags) => {
            const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[]; passes: unknown[] }> } }).axe;
            const { violations, passes } = await axe.run(document, { runOnly: { type: "tag", values: tags } });
            return { violations, passes: passes.length };
          }, TAGS) as { violations: Violation[]; passes: number };
          expect(result.passes, `${path}: axe ran its rules`).toBeGreaterThan(10);
          const violations = result.violations;
          if (violations.length > 0) found[`${path}@${width}`] = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
          // Reflow (WCAG 1.4.10): nothing makes the page scroll sideways; wide tables scroll in their own box.
          for (const narrow of width < 1000 ? [width, 320] : []) {
            await page.setViewport({ width: narrow, height: 900 });
            const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
            if (scrollWidth > narrow) (found[`${path}@${narrow}`] ??= []).push(`the page is ${scrollWidth} px wide at ${narrow} px`);
          }
        }
      }
    } finally {
      await page.close();
    }
    return found;
  }

  it("on every page of the example series", async () => {
    const r = await renderProject(EXAMPLE, { includeDrafts: true });
    expect(r.errors).toBe(0);
    expect(await audit(r)).toEqual({});
  }, 180_000);

  it("on every page of the render fixture, drafts included", async () => {
    expect(await audit(await renderFixture("basic", { includeDrafts: true }), [1280])).toEqual({});
  }, 120_000);
});
