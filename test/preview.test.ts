import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer, { type Browser, type Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { checkProject } from "../src/check.js";
import { htmlRenderer, type HtmlOutput } from "../src/render/html-renderer.js";
import { renderContext } from "../src/render/renderer.js";
import { renderSite } from "../src/render/site.js";
import { decideUpdate } from "../src/server/decide-update.js";
import { sitePathOf } from "../src/server/request-path.js";
import { watchProject } from "../src/server/watcher.js";
import { startPreview, type PreviewServer } from "../src/server/preview-server.js";
import { silentReporter, type PreviewReporter } from "../src/server/reporter.js";
import { fixture } from "./helpers/fixtures.js";

const CHROMIUM = "/usr/bin/chromium";
const PAPER_1 = "papers/1-shared-values.html";
const PAPER_1_SOURCE = "papers/01-values.md";

let dir: string;
let server: PreviewServer;
let browser: Browser;
let page: Page;
let original: string;

/** Open OS file watchers of this process (fs.watch handles). */
const fsWatchers = (): number => process.getActiveResourcesInfo().filter((name) => name === "FSEventWrap").length;

/** Writes a project file the way an editor saves it. */
function save(file: string, text: string): void {
  writeFileSync(join(dir, file), text);
}

/** GET with the request target exactly as given (fetch would normalise `/../` away). */
function rawGet(path: string, method = "GET"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: server.port, path, method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => { body += chunk; });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Resolves once the server has exactly `count` event-stream clients (a reloaded page reconnects after it shows). */
async function clientsReach(count: number): Promise<number> {
  const deadline = Date.now() + 5000;
  while (server.clients !== count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return server.clients;
}

/** What an event stream opened with `query` says in its first 300 ms. */
function streamStart(query: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: server.port, path: `/__papersmith/events?${query}` }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => { body += chunk; });
      setTimeout(() => { req.destroy(); resolve(body); }, 300);
    });
    req.on("error", reject);
    req.end();
  });
}

const bodyText = (p: Page): Promise<string> => p.evaluate(() => document.body.innerText);
const overlayText = (p: Page): Promise<string | undefined> =>
  p.evaluate(() => document.getElementById("__papersmith-overlay")?.shadowRoot?.textContent ?? undefined);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "papersmith-preview-test-"));
  cpSync(fixture("preview", "basic"), dir, { recursive: true });
  original = readFileSync(join(dir, PAPER_1_SOURCE), "utf8");
  [server, browser] = await Promise.all([
    startPreview({ projectDir: dir, port: 0, chromium: CHROMIUM }),
    puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    }),
  ]);
  page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 600 });
  // Whatever the preview's Content-Security-Policy blocks on a page (added by the browser, so the policy cannot block it).
  await page.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
});

const cspViolations = (p: Page): Promise<string[]> => p.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("rendering page by page", () => {
  it.each([["preview", "basic"], ["render", "basic"]])("gives the same files as renderSite for %s/%s", async (area, name) => {
    const { series, index } = await checkProject(fixture(area, name));
    const options = { includeDrafts: true };
    const whole = await renderSite(series, index, options);
    const pages = htmlRenderer.render(renderContext(series, index, options));
    const html = whole.files.filter((f) => f.path.endsWith(".html")).map((f) => f.path);
    expect(pages.pagePaths().sort()).toEqual(html.sort());
    for (const file of whole.files) expect((await pages.file(file.path))?.content, file.path).toEqual(file.content);
  });
});

describe("request paths", () => {
  it("maps folders to their index and refuses anything that leaves the site", () => {
    expect(sitePathOf("/")).toBe("index.html");
    expect(sitePathOf("/case-studies/?x=1")).toBe("case-studies/index.html");
    expect(sitePathOf("/papers/1-a%20b.html")).toBe("papers/1-a b.html");
    for (const bad of ["/../x", "/a/../x", "/%2e%2e/x", "/%2E%2E%2Fx", "/a%2fb", "/a%5cb", "//etc/passwd", "/a//b", "/%00", "/%zz", "/C:/x", "x"]) {
      expect(sitePathOf(bad), bad).toBeUndefined();
    }
  });
});

describe("deciding what open pages do", () => {
  const pagesOf = async (project: string): Promise<HtmlOutput> => {
    const { series, index } = await checkProject(project);
    return htmlRenderer.render(renderContext(series, index, { includeDrafts: true }));
  };

  it("reloads only open pages that changed, swaps the stylesheet, and reloads all for images", async () => {
    const project = mkdtempSync(join(tmpdir(), "papersmith-preview-decide-"));
    try {
      cpSync(fixture("preview", "basic"), project, { recursive: true });
      const before = await pagesOf(project);
      const same = { previous: before, next: await pagesOf(project), openPages: [PAPER_1, "index.html"], overlayShown: false };
      expect(decideUpdate({ ...same, changedFiles: [PAPER_1_SOURCE] })).toBeUndefined();
      expect(decideUpdate({ ...same, changedFiles: [PAPER_1_SOURCE], overlayShown: true })).toEqual({ type: "update", updates: [] });
      expect(decideUpdate({ ...same, changedFiles: ["papers/sedX1a2b3"] })).toBeUndefined(); // a temporary file, gone
      expect(decideUpdate({ ...same, changedFiles: ["assets/alpha.svg"] })).toEqual({ type: "full-reload" });
      expect(decideUpdate({ ...same, previous: undefined, changedFiles: [] })).toEqual({ type: "full-reload" });

      const paper = join(project, PAPER_1_SOURCE);
      writeFileSync(paper, readFileSync(paper, "utf8").replace("Closing text.", "Changed closing text."));
      const edited = await pagesOf(project);
      expect(decideUpdate({ ...same, next: edited, changedFiles: [PAPER_1_SOURCE] }))
        .toEqual({ type: "update", updates: [{ type: "page", path: PAPER_1 }] });

      const config = join(project, "papersmith.yaml");
      writeFileSync(config, readFileSync(config, "utf8").replace("#004B87", "#003366"));
      expect(decideUpdate({ ...same, next: await pagesOf(project), changedFiles: ["papersmith.yaml"], openPages: [] }))
        .toEqual({ type: "update", updates: [{ type: "css", path: "assets/papersmith.css" }] });

      writeFileSync(join(project, "papers", "03-new.md"), "---\nnumber: 3\ntitle: New\ndate: 2024-03-01\n---\n\nNew.\n");
      expect(decideUpdate({ ...same, next: await pagesOf(project), changedFiles: ["papers/03-new.md"] })).toEqual({ type: "full-reload" });
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

describe("watching the project", () => {
  it("reports bursts once, follows new and removed folders, and skips noise and the output folder", async () => {
    const project = mkdtempSync(join(tmpdir(), "papersmith-preview-watch-"));
    mkdirSync(join(project, "papers"));
    mkdirSync(join(project, "dist"));
    const bursts: string[][] = [];
    const watcher = await watchProject(project, { ignoreDirs: ["dist"], debounceMs: 30, onChange: (files) => bursts.push(files) });
    // Waits for what the watcher must do, however loaded the machine; a quiet spell then lets
    // any event that should not come (noise, the output folder) arrive before the check.
    const until = async (done: () => boolean): Promise<void> => {
      for (let waited = 0; !done() && waited < 15_000; waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
    };
    const quiet = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 200));
    try {
      expect(watcher.size).toBe(2); // the root and papers/, not dist/
      for (let i = 0; i < 20; i += 1) writeFileSync(join(project, "papers", "a.md"), `save ${i}`);
      writeFileSync(join(project, "papers", ".a.md.swp"), "");
      writeFileSync(join(project, "dist", "index.html"), "");
      await until(() => bursts.length > 0);
      await quiet();
      expect(bursts).toEqual([["papers/a.md"]]);
      mkdirSync(join(project, "sessions"));
      await until(() => watcher.size === 3);
      expect(watcher.size).toBe(3);
      writeFileSync(join(project, "sessions", "s.md"), "x");
      await until(() => bursts.at(-1)?.includes("sessions/s.md") === true);
      expect(bursts.at(-1)).toContain("sessions/s.md");
      rmSync(join(project, "sessions"), { recursive: true });
      await until(() => watcher.size === 2);
      expect(watcher.size).toBe(2);
    } finally {
      watcher.close();
      rmSync(project, { recursive: true, force: true });
    }
    expect(watcher.size).toBe(0);
  });
});

describe("papersmith preview", () => {
  it("serves pages from memory with the client script, and the script itself", async () => {
    const home = await fetch(server.url);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('<script type="module" src="/__papersmith/client.js"></script>\n</head>');
    expect(html).not.toMatch(/<script>[^<]/); // nothing inline
    const script = await fetch(new URL("/__papersmith/client.js", server.url));
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await script.text()).toContain("EventSource");
    expect((await fetch(new URL("/papers/2-next-steps.html", server.url))).status).toBe(200); // drafts included
  });

  it("updates an open page after a save, keeping its scroll position", async () => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(new URL(PAPER_1, server.url).href, { waitUntil: "load" });
    await page.evaluate(() => window.scrollTo(0, 700));
    expect(await clientsReach(1)).toBe(1); // the event stream is connected
    save(PAPER_1_SOURCE, original.replace("Original opening text.", "Edited opening text."));
    await page.waitForFunction(() => document.body.innerText.includes("Edited opening text."), { timeout: 5000 });
    await page.waitForFunction(() => Math.abs(window.scrollY - 700) < 5, { timeout: 2000 });
    expect(errors).toEqual([]);
  });

  it("tells a page served before the last rebuild to reload when it connects, having missed that update", async () => {
    const renderOf = (html: string): number => Number(/<meta name="papersmith-render" content="(\d+)">/.exec(html)?.[1]);
    const before = renderOf(await (await fetch(new URL(PAPER_1, server.url))).text());
    expect(before).toBeGreaterThan(0);
    const rebuilds = server.rebuilds;
    save(PAPER_1_SOURCE, original.replace("Original opening text.", "Served-then-rebuilt text."));
    while (server.rebuilds === rebuilds) await new Promise((resolve) => setTimeout(resolve, 20));
    await server.idle();
    const after = renderOf(await (await fetch(new URL(PAPER_1, server.url))).text());
    expect(after).toBe(before + 1);
    const stale = await streamStart(`page=/${PAPER_1}&render=${before}`);
    expect(stale).toContain('"type":"connected"');
    expect(stale).toContain('"type":"full-reload"');
    const fresh = await streamStart(`page=/${PAPER_1}&render=${after}`);
    expect(fresh).toContain('"type":"connected"');
    expect(fresh).not.toContain("full-reload");
    expect(await streamStart(`page=/${PAPER_1}`)).not.toContain("full-reload"); // a page that does not say
    // Back to the text the next test starts from.
    const restored = server.rebuilds;
    save(PAPER_1_SOURCE, original.replace("Original opening text.", "Edited opening text."));
    while (server.rebuilds === restored) await new Promise((resolve) => setTimeout(resolve, 20));
    await server.idle();
  });

  it("keeps the last good page and shows the errors in an overlay until they are fixed", async () => {
    await page.goto(new URL(PAPER_1, server.url).href, { waitUntil: "load" });
    save(PAPER_1_SOURCE, original.replace(":value[patients-central]", ":value[patients-centrl]"));
    await page.waitForFunction(() => document.getElementById("__papersmith-overlay") !== null, { timeout: 5000 });
    const text = await overlayText(page);
    // The policy lets the client, its event stream, the overlay's styles and the page's stylesheet work.
    expect(await cspViolations(page)).toEqual([]);
    expect(await page.evaluate(() => {
      const backdrop = document.getElementById("__papersmith-overlay")?.shadowRoot?.querySelector(".backdrop");
      return backdrop ? getComputedStyle(backdrop).position : "no overlay";
    })).toBe("fixed");
    expect(await page.evaluate(() => [...document.styleSheets].some((sheet) => sheet.href?.endsWith("/assets/papersmith.css") === true && sheet.cssRules.length > 0))).toBe(true);
    expect(text).toContain("papers/01-values.md:11:15");
    expect(text).toContain("[ref-missing]");
    expect(text).toContain("patients-central"); // the suggestion
    expect(await bodyText(page)).toContain("Edited opening text.");
    // A page opened now gets the last good render and the overlay straight away.
    const other = await browser.newPage();
    await other.goto(new URL("/papers/2-next-steps.html", server.url).href, { waitUntil: "load" });
    await other.waitForFunction(() => document.getElementById("__papersmith-overlay") !== null, { timeout: 5000 });
    await other.close();
    // Restoring the text that was last rendered clears the overlay with no reload.
    save(PAPER_1_SOURCE, original.replace("Original opening text.", "Edited opening text."));
    await page.waitForFunction(() => document.getElementById("__papersmith-overlay") === null, { timeout: 5000 });
    expect(await bodyText(page)).toContain("Edited opening text.");
  });

  it("stays alive and responsive through 200 rapid saves, with no leaked watchers or pages", async () => {
    await page.goto(new URL(PAPER_1, server.url).href, { waitUntil: "load" });
    expect(await clientsReach(1)).toBe(1);
    const watchers = server.watchers;
    const osWatchers = fsWatchers();
    const tabs = (await browser.pages()).length;
    for (let i = 0; i < 200; i += 1) {
      save(PAPER_1_SOURCE, original.replace("Original opening text.", `Save number ${i}.`));
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await page.waitForFunction(() => document.body.innerText.includes("Save number 199."), { timeout: 30_000 }); // generous: CI shares two cores
    await server.idle();
    expect(server.watchers).toBe(watchers);
    expect(fsWatchers()).toBe(osWatchers);
    expect(await clientsReach(1)).toBe(1); // the last reload's stream, and no stale one
    expect((await browser.pages()).length).toBe(tabs);
    expect(server.rebuilds).toBeLessThan(100); // bursts were gathered, not rebuilt save by save
    expect((await fetch(server.url)).status).toBe(200);
  });

  it("answers 404 to traversal attempts, project files and folders", async () => {
    const attempts = [
      "/../papersmith.yaml", "/papers/../../papersmith.yaml", "/%2e%2e/papersmith.yaml", "/%2E%2E%2Fpapersmith.yaml",
      "/papers/..%2f..%2fpapersmith.yaml", "/..%5cpapersmith.yaml", "//etc/passwd", "/etc/passwd", `/${dir}/papersmith.yaml`,
      "/papersmith.yaml", "/papers/01-values.md", "/papers/", "/assets/", "/dist/", "/%00",
    ];
    for (const path of attempts) {
      const { status, body } = await rawGet(path);
      expect(status, path).toBe(404);
      expect(body, path).not.toContain("partners:");
    }
    expect((await rawGet("/assets/alpha.svg")).status).toBe(200);
    expect((await rawGet("/", "POST")).status).toBe(405);
  });

  it("takes the next port when the port is in use, and says so", async () => {
    const taken: [number, number][] = [];
    const reporter: PreviewReporter = { ...silentReporter, portTaken: (port, next) => taken.push([port, next]) };
    const second = await startPreview({ projectDir: dir, port: server.port, reporter });
    try {
      expect(taken[0]).toEqual([server.port, server.port + 1]);
      expect(second.port).toBeGreaterThan(server.port);
      expect((await fetch(second.url)).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it("prints /pdf/1 on demand", async () => {
    const res = await fetch(new URL("/pdf/1", server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect((await fetch(new URL("/pdf/9", server.url))).status).toBe(404);
  });

  it("closes cleanly on SIGINT", async () => {
    const bin = fileURLToPath(new URL("../bin/papersmith", import.meta.url));
    const child = spawn(process.execPath, [bin, "preview", dir, "--port", "0", "--no-color"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => { out += chunk.toString(); });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL in ${out}`)), 10_000);
      child.stdout.on("data", () => {
        if (/http:\/\/127\.0\.0\.1:\d+\//.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)![0];
    const events = await fetch(new URL("/__papersmith/events?page=/", url)); // an open stream must not hold it up
    expect(events.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });
});
