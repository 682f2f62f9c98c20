/**
 * Measures the preview's save → reloaded-page latency (issue 7: target under 300 ms) on the
 * synthetic series, with the full-rebuild time beside it:
 *   latency      — from writing a paper to the `load` event of the reloaded page in headless
 *                  Chromium showing the new text (debounce, check, page render, SSE, reload);
 *   rebuild      — the server's own part of it (from the end of the burst to the payload sent);
 *   full rebuild — what a preview without the cache and lazy pages would pay per save: load,
 *                  resolve and validate without the SourceCache, then renderSite of every page;
 *                  and the same with the cache (unchanged files not parsed, every page rendered).
 *
 *   node bench/lib/measure-preview.js [--dir DIR] [--papers 50] [--cases 200] [--sessions 10] [--saves 20]
 * Without --dir, the series is generated (as `node bench/lib/generate-cli.js DIR 50 200 10`) in a
 * temporary folder, removed afterwards.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import puppeteer from "puppeteer";
import { generateSeries } from "./generate-series.js";
import { checkProject } from "#lib/check.js";
import { SourceCache } from "#lib/load/source-cache.js";
import { findBrowser } from "#lib/print/find-browser.js";
import { renderSite } from "#lib/render/site.js";
import { startPreview } from "#lib/server/preview-server.js";
import { silentReporter } from "#lib/server/reporter.js";

const { values } = parseArgs({
  options: {
    dir: { type: "string" },
    papers: { type: "string", default: "50" },
    cases: { type: "string", default: "200" },
    sessions: { type: "string", default: "10" },
    saves: { type: "string", default: "20" },
    chromium: { type: "string" },
  },
});

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const at = (xs: readonly number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const fmt = (xs: readonly number[]): string => `median ${Math.round(median(xs))} ms (min ${Math.round(Math.min(...xs))}, p90 ${Math.round(at(xs, 0.9))}, n=${xs.length})`;

const generated = values.dir === undefined;
const dir = values.dir ?? mkdtempSync(join(tmpdir(), "papersmith-measure-preview-"));
const saves = Number(values.saves);
try {
  if (generated) await generateSeries(dir, { papers: Number(values.papers), caseStudies: Number(values.cases), sessions: Number(values.sessions) });

  // The full rebuild, warm (after one run to load modules and templates), without and with the cache.
  const full: number[] = [];
  const cached: number[] = [];
  const cache = new SourceCache();
  for (let run = 0; run < 6; run += 1) {
    for (const [times, options] of [[full, {}], [cached, { cache }]] as const) {
      const started = performance.now();
      const check = await checkProject(dir, options);
      await renderSite(check.series, check.index, { includeDrafts: true });
      if (run > 0) times.push(performance.now() - started);
    }
  }

  const rebuilds: number[] = [];
  const server = await startPreview({
    projectDir: dir, port: 0,
    reporter: { ...silentReporter, rebuilt: (_files, ms) => rebuilds.push(ms) },
  });
  const executable = findBrowser(values.chromium);
  if (executable === undefined) throw new Error("No Chromium found: pass --chromium PATH.");
  const browser = await puppeteer.launch({
    executablePath: executable, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const latency: number[] = [];
  try {
    const paperFile = readdirSync(join(dir, "papers")).filter((f) => f.endsWith(".md")).sort()[0]!;
    const source = join(dir, "papers", paperFile);
    const text = readFileSync(source, "utf8");
    const page = await browser.newPage();
    const home = await (await fetch(server.url)).text();
    const href = /href="(papers\/1-[^"]+\.html)"/.exec(home)?.[1];
    if (href === undefined) throw new Error("No paper 1 on the home page.");
    await page.goto(new URL(href, server.url).href, { waitUntil: "load" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    rebuilds.length = 0;
    for (let i = 0; i < saves + 2; i += 1) {
      const marker = `Measured edit ${i}.`;
      const reloaded = page.waitForNavigation({ waitUntil: "load" });
      const started = performance.now();
      writeFileSync(source, text.replace(/\n\n/, `\n\n${marker}\n\n`).replace("## Section 1", `## Section 1 ${i}`));
      await reloaded;
      const ms = performance.now() - started;
      if (!(await page.evaluate((m) => document.body.innerText.includes(m), marker))) throw new Error(`Save ${i} did not reach the page.`);
      if (i >= 2) latency.push(ms); // the first saves warm the caches
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const series = `${values.papers} papers, ${values.cases} case studies, ${values.sessions} sessions`;
  process.stdout.write([
    `papersmith preview on ${generated ? "the synthetic series" : dir} (${series}); load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}:`,
    `  save → reloaded page   ${fmt(latency)}   target < 300 ms`,
    `  server rebuild         ${fmt(rebuilds.slice(-latency.length))}`,
    `  full rebuild           ${fmt(full)}   (check without the cache + renderSite of every page)`,
    `  full render, cached    ${fmt(cached)}   (check with the cache + renderSite of every page)`,
    "",
  ].join("\n"));
} finally {
  if (generated) rmSync(dir, { recursive: true, force: true });
}
