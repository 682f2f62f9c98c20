import { createReadStream, readFileSync } from "node:fs";
import { appendFile, cp, mkdtemp, readdir, readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer, { type Browser, type Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCompiled, papersmith, REPO } from "./helpers/cli.js";

/**
 * The site search (SPEC §6): a static index built with the site, a search box on every page,
 * tried as a visitor would in Chromium over HTTP; never a draft in a public build's index.
 */

const CHROMIUM = process.env.PAPERSMITH_CHROMIUM ?? "/usr/bin/chromium";
const AXE = readFileSync(fileURLToPath(new URL("../node_modules/axe-core/axe.min.js", import.meta.url)), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
/** A word only the draft paper has. */
const DRAFT_WORD = "zanzibarite";
const TYPES: Record<string, string> = {
  ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
};

/** A static file server for a built site on 127.0.0.1 (search needs HTTP: the index is fetched). */
async function serve(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname)).replace(/^\/+/, "");
    const file = join(root, path === "" ? "index.html" : path);
    stat(file).then((found) => {
      if (!found.isFile() || !file.startsWith(root)) throw new Error("not a file");
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      createReadStream(file).pipe(response);
    }, () => undefined).catch(() => undefined).finally(() => {
      if (!response.headersSent) response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

async function build(...flags: string[]): Promise<string> {
  const project = await mkdtemp(join(tmpdir(), "papersmith-search-"));
  await cp(join(REPO, "test/fixtures/render/basic"), project, { recursive: true });
  await appendFile(join(project, "papers/03-draft.md"), `\nThe ${DRAFT_WORD} plan is not agreed yet.\n`);
  const out = join(project, "out");
  const run = await papersmith("build", project, "--html-only", "--out", out, ...flags).env({ SOURCE_DATE_EPOCH: "1416000000" }).run();
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.code).toBe(0);
  return out;
}

/** Types a query into the page's search box; the result links' text and href (none: "No results"). */
async function search(page: Page, query: string): Promise<{ text: string; href: string }[]> {
  const input = await page.waitForSelector("#site-search input", { timeout: 20_000 });
  await input!.click({ clickCount: 3 });
  await page.keyboard.type(query);
  // The count comes first; each result's title once its fragment has loaded (five are shown at first).
  await page.waitForFunction(() => {
    const message = document.querySelector(".pagefind-ui__message")?.textContent ?? "";
    const count = /^No results/.test(message) ? 0 : Number(/^(\d+) results?/.exec(message)?.[1] ?? NaN);
    return document.querySelectorAll(".pagefind-ui__result-inner > .pagefind-ui__result-title a").length === Math.min(count, 5);
  }, { timeout: 20_000 });
  return page.$$eval(".pagefind-ui__result-inner > .pagefind-ui__result-title a", (links) => links.map((a) => ({ text: a.textContent ?? "", href: a.getAttribute("href") ?? "" })));
}

describe("site search", () => {
  let browser: Browser;
  let publicSite: { server: Server; url: string; out: string };
  let internalSite: { server: Server; url: string; out: string };

  beforeAll(async () => {
    ensureCompiled();
    const [publicOut, internalOut] = await Promise.all([build(), build("--drafts")]);
    publicSite = { ...(await serve(publicOut)), out: publicOut };
    internalSite = { ...(await serve(internalOut)), out: internalOut };
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    publicSite?.server.close();
    internalSite?.server.close();
  });

  it("puts a search box on every page, the report page included, and the index under pagefind/", async () => {
    const pages = (await readdir(publicSite.out, { recursive: true })).filter((path) => path.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(5);
    for (const path of pages) {
      const html = await readFile(join(publicSite.out, path), "utf8");
      expect(html, path).toContain('<div id="site-search" data-base-url="/"></div>');
      expect(html, path).toMatch(/<main id="_main" tabindex="-1" data-pagefind-body>/);
    }
    const index = await readdir(join(publicSite.out, "pagefind"));
    expect(index).toEqual(expect.arrayContaining(["pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "pagefind-entry.json"]));
    expect(index.some((name) => name.startsWith("pagefind-component-ui"))).toBe(false);
  });

  it("finds the case study when a visitor searches for \"frailty\", and the link leads to it", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(publicSite.url, { waitUntil: "load" });
      const results = await search(page, "frailty");
      expect(results.length).toBeGreaterThan(0);
      expect(results[0]!.href).toBe("/case-studies/frailty.html");
      await page.click(".pagefind-ui__result-inner > .pagefind-ui__result-title a");
      await page.waitForFunction(() => location.pathname === "/case-studies/frailty.html");
      expect(await page.$eval("h1", (h) => h.textContent)).toMatch(/frailty/i);
    } finally {
      await page.close();
    }
  }, 60_000);

  it("never finds a draft in a public build, while an internal build does", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(publicSite.url, { waitUntil: "load" });
      expect(await search(page, DRAFT_WORD)).toEqual([]);
      expect(await page.$eval(".pagefind-ui__message", (m) => m.textContent)).toMatch(/No results/);
      await page.goto(internalSite.url, { waitUntil: "load" });
      const internal = await search(page, DRAFT_WORD);
      expect(internal.map((result) => result.href)).toEqual([expect.stringMatching(/^\/papers\/3-/)]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it("passes axe (WCAG 2.2 A/AA) with results shown, at 1280 and 375 px", async () => {
    const page = await browser.newPage();
    try {
      for (const width of [1280, 375]) {
        await page.setViewport({ width, height: 900 });
        await page.goto(publicSite.url, { waitUntil: "load" });
        await search(page, "frailty");
        await page.addScriptTag({ content: AXE });
        const found = await page.evaluate(async (tags) => {
          const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[]; passes: unknown[] }> } }).axe;
          const { violations, passes } = await axe.run(document, { runOnly: { type: "tag", values: tags } });
          return { violations: violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`), passes: passes.length };
        }, TAGS);
        expect(found.passes).toBeGreaterThan(10);
        expect(found.violations, `${width} px`).toEqual([]);
      }
    } finally {
      await page.close();
    }
  }, 60_000);
});
