/**
 * Measures the print stage against its floor (issue 6), in one run on this machine:
 *   floor — one browser, the same HTML, one plain `page.pdf({ tagged, outline })` per paper, two
 *           at a time, nothing else (no CSS, no contents pass, no finishing, no writing);
 *   ours  — printDocuments() on the same documents, everything included (launch, contents,
 *           metadata finish, atomic write).
 * Both include launching and closing their browser; the floor is also given warm (launched,
 * before closing). Peak memory is the largest sum of proportional set sizes (PSS) of this
 * process and its browser processes.
 *
 *   node lib/print/measure-print.js [--count 20] [--runs 3] [--fixtures test/fixtures/print] [--concurrency 2]
 *   node lib/print/measure-print.js --html-dir DIR    (every *.html there, e.g. a build's print documents)
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import puppeteer from "puppeteer";
import { findBrowser } from "#lib/print/find-browser.js";
import { printDocuments, type PrintRequest } from "#lib/print/print-documents.js";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "20" },
    runs: { type: "string", default: "3" },
    fixtures: { type: "string", default: "test/fixtures/print" },
    concurrency: { type: "string", default: "2" },
    chromium: { type: "string" },
    memory: { type: "boolean", default: true },
    "html-dir": { type: "string" },
  },
  allowNegative: true,
});
const count = Number(values.count);
const runs = Number(values.runs);
const concurrency = Number(values.concurrency);
const fixtures = resolve(values.fixtures);
const found = findBrowser(values.chromium);
if (found === undefined) throw new Error("no browser found");
const executable: string = found;

const htmlDir = values["html-dir"];
const sources = htmlDir === undefined ? fixtureSources() : readdirSync(htmlDir).filter((name) => name.endsWith(".html")).sort().map((name) => readFileSync(join(htmlDir, name), "utf8"));
if (sources.length === 0) throw new Error("no documents to print");
const htmls = htmlDir === undefined ? Array.from({ length: count }, (_, i) => sources[i % sources.length]!) : sources;

function fixtureSources(): string[] {
  return readdirSync(fixtures)
    .filter((name) => /^paper-\d+\.html$/.test(name))
    .sort()
    .map((name) => readFileSync(join(fixtures, name), "utf8"));
}

async function floor(): Promise<{ total: number; warm: number }> {
  const started = performance.now();
  const profile = mkdtempSync(join(tmpdir(), "papersmith-floor-"));
  const browser = await puppeteer.launch({
    executablePath: executable,
    headless: true,
    pipe: true,
    userDataDir: profile,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const warmStart = performance.now();
  let warmEnd = warmStart;
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const page = await browser.newPage();
        while (next < htmls.length) {
          const html = htmls[next]!;
          next += 1;
          await page.setContent(html, { waitUntil: "load" });
          await page.pdf({ tagged: true, outline: true });
        }
      }),
    );
    warmEnd = performance.now();
  } finally {
    // Closing the browser and removing its profile count, as they do for printDocuments.
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return { total: performance.now() - started, warm: warmEnd - warmStart };
}

async function ours(): Promise<{ total: number; prints: number }> {
  const out = mkdtempSync(join(tmpdir(), "papersmith-measure-"));
  const requests: PrintRequest[] = htmls.map((html, i) => ({
    html,
    outFile: join(out, `${i + 1}.pdf`),
    runningHeader: `Integrated thinking for integrated care — Paper ${i + 1}`,
    draft: false,
    metadata: {
      title: `Paper ${i + 1}`,
      author: "Primary Care Alliance and Trust Network",
      subject: "A paper",
      keywords: ["integrated care"],
      language: "en-GB",
      creator: "papersmith",
      date: new Date("2015-03-02T00:00:00Z"),
    },
  }));
  try {
    const started = performance.now();
    const results = await printDocuments(requests, { format: "A4", concurrency, chromium: executable });
    return { total: performance.now() - started, prints: results.reduce((sum, result) => sum + result.prints, 0) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** PSS in kB of this process and all its descendants (Linux; 0 elsewhere). */
function treePss(): number {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  const children = new Map<number, number[]>();
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(pid)]);
    } catch {
      // gone
    }
  }
  let total = 0;
  const stack = [process.pid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      total += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // gone
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

async function withPeak<T>(run: () => Promise<T>): Promise<T & { peakMb: number }> {
  if (!values.memory) return { ...(await run()), peakMb: 0 };
  let peak = treePss();
  const timer = setInterval(() => {
    peak = Math.max(peak, treePss());
  }, 100);
  try {
    const result = await run();
    return { ...result, peakMb: Math.round(Math.max(peak, treePss()) / 1024) };
  } finally {
    clearInterval(timer);
  }
}

const median = (list: number[]): number => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const floors: Array<{ total: number; warm: number; peakMb: number }> = [];
const mine: Array<{ total: number; prints: number; peakMb: number }> = [];
for (let run = 0; run < runs; run += 1) {
  floors.push(await withPeak(floor));
  mine.push(await withPeak(ours));
  const f = floors.at(-1)!;
  const o = mine.at(-1)!;
  console.log(
    `run ${run + 1}: floor ${Math.round(f.total)} ms (warm ${Math.round(f.warm)} ms, peak ${f.peakMb} MB)  ` +
      `printDocuments ${Math.round(o.total)} ms (${o.prints} print jobs, peak ${o.peakMb} MB)  ratio ${(o.total / f.total).toFixed(2)}`,
  );
}
const summary = (label: string, pick: (list: number[]) => number): string => {
  const f = pick(floors.map((r) => r.total));
  const o = pick(mine.map((r) => r.total));
  return `${label}: floor ${Math.round(f)} ms, printDocuments ${Math.round(o)} ms, ratio ${(o / f).toFixed(2)}`;
};
console.log(`${htmls.length} documents, concurrency ${concurrency}, ${runs} runs, load average ${loadavg()[0]?.toFixed(1)}`);
console.log(summary("median", median));
console.log(summary("best", (list) => Math.min(...list)));
console.log(`peak PSS: floor ${Math.max(...floors.map((r) => r.peakMb))} MB, printDocuments ${Math.max(...mine.map((r) => r.peakMb))} MB`);
