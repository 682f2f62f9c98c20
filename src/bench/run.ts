import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateSeries } from "./generate-series.js";

/**
 * `npm run bench`: generates synthetic series and times papersmith's own commands as whole
 * processes, several runs each (median and spread). Comparisons with md-to-pdf, pagedjs-cli
 * and Vivliostyle are issue 9's and not here yet. `BENCH_SIZES=5,50` and `BENCH_RUNS=3` adjust it.
 */
const bin = fileURLToPath(new URL("../../bin/papersmith", import.meta.url));
const sizes = (process.env.BENCH_SIZES ?? "5,50").split(",").map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);

interface Timing { readonly name: string; readonly papers: number; readonly medianMs: number; readonly minMs: number; readonly maxMs: number }

function time(args: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [bin, ...args], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (result.status !== 0) throw new Error(`papersmith ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return performance.now() - start;
}

const timings: Timing[] = [];
for (const papers of sizes) {
  const dir = join(tmpdir(), `papersmith-bench-${papers}`);
  await generateSeries(dir, { papers, caseStudies: papers * 4, sessions: Math.max(1, Math.round(papers / 5)) });
  const cases: [string, string[]][] = [
    ["check", ["check", dir]],
    ["build --html-only", ["build", dir, "--html-only", "--out", join(dir, "out-html")]],
    ["build (HTML + PDF)", ["build", dir, "--out", join(dir, "out-all")]],
  ];
  for (const [name, args] of cases) {
    const samples = Array.from({ length: runs }, () => time(args)).sort((a, b) => a - b);
    const t: Timing = { name, papers, medianMs: samples[Math.floor(samples.length / 2)]!, minMs: samples[0]!, maxMs: samples.at(-1)! };
    timings.push(t);
    process.stdout.write(`${String(papers).padStart(4)} papers  ${name.padEnd(20)} median ${(t.medianMs / 1000).toFixed(2)} s  (${(t.minMs / 1000).toFixed(2)}–${(t.maxMs / 1000).toFixed(2)})\n`);
  }
}
const resultsDir = fileURLToPath(new URL("../../bench/results/", import.meta.url));
await mkdir(resultsDir, { recursive: true });
await writeFile(join(resultsDir, "latest.json"), `${JSON.stringify({ runs, timings }, null, 2)}\n`);
const table = ["| papers | command | median s | min–max s |", "|---|---|---|---|",
  ...timings.map((t) => `| ${t.papers} | ${t.name} | ${(t.medianMs / 1000).toFixed(2)} | ${(t.minMs / 1000).toFixed(2)}–${(t.maxMs / 1000).toFixed(2)} |`)];
await writeFile(join(resultsDir, "latest.md"), `${table.join("\n")}\n`);
