import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCompiled, REPO } from "./helpers/cli.js";

/**
 * A 5-paper smoke run of `npm run bench` (issue 9): the harness runs end to end and writes its
 * result files. Benchmarks are not tests: nothing here looks at a time. The peer tools are left
 * out (they are installed on demand from the network), papersmith and the floor are not.
 */
describe("bench harness, 5-paper smoke run", () => {
  let dir: string;
  let code: number | null;
  let output = "";

  beforeAll(async () => {
    ensureCompiled();
    // The bench is compiled apart from the product (it ships in no package); esbuild takes well
    // under a second, so it is compiled afresh rather than trusted to match bench/src/.
    const compiled = spawnSync("npm", ["run", "compile:bench"], { cwd: REPO, encoding: "utf8" });
    expect(compiled.status, compiled.stderr).toBe(0);
    dir = await mkdtemp(join(tmpdir(), "papersmith-bench-test-"));
    const child = spawn(process.execPath, [join(REPO, "bench/lib/run.js")], {
      cwd: REPO,
      env: { ...process.env, BENCH_SIZES: "5", BENCH_RUNS: "1", BENCH_PEERS: "none", BENCH_CHECK_500: "0", BENCH_OUT: join(dir, "results"), BENCH_WORK: join(dir, "work") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    code = await new Promise((resolve) => child.on("close", resolve));
  }, 180_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("exits 0", () => {
    expect(code, output).toBe(0);
  });

  it("writes the JSON results: every papersmith command and the floor, one sample each, pages counted", async () => {
    const json = JSON.parse(await readFile(join(dir, "results/latest.json"), "utf8")) as {
      results: { papers: number; tools: { tool: string; samples: { wallMs: number; peakRssMb: number }[]; pages: number; error?: string }[] }[];
    };
    expect(json.results.map((r) => r.papers)).toEqual([5]);
    const tools = json.results[0]!.tools;
    expect(tools.map((t) => t.tool)).toEqual([
      "papersmith check", "papersmith check (second run)", "papersmith check (warm cache)", "papersmith build --html-only",
      "papersmith build --pdf-only", "papersmith build --pdf-only (warm cache)",
      "papersmith build --pdf-only (one paper edited)", "papersmith build --pdf-only (nothing changed)", "papersmith build", "floor",
    ]);
    for (const tool of tools) {
      expect(tool.error).toBeUndefined();
      expect(tool.samples).toHaveLength(1);
      expect(tool.samples[0]!.peakRssMb).toBeGreaterThan(0);
    }
    const pages = (name: string): number => tools.find((t) => t.tool === name)!.pages;
    expect(pages("papersmith build --pdf-only")).toBeGreaterThan(5);
    expect(pages("papersmith build --pdf-only (warm cache)")).toBe(pages("papersmith build --pdf-only"));
    // The edited paper gains one sentence: the same PDFs, a page more at most in two of them.
    expect(pages("papersmith build --pdf-only (one paper edited)")).toBeGreaterThanOrEqual(pages("papersmith build --pdf-only"));
    expect(pages("papersmith build --pdf-only (nothing changed)")).toBe(pages("papersmith build --pdf-only"));
    // With nothing changed, Chromium never starts: a Node process alone, as small as an HTML
    // build (here 87 MB against 99 MB), where one that started it peaks at 240 MB and more.
    const rss = (name: string): number => tools.find((t) => t.tool === name)!.samples[0]!.peakRssMb;
    expect(rss("papersmith build --pdf-only (nothing changed)")).toBeLessThan(rss("papersmith build --html-only") * 1.5);
    expect(pages("floor")).toBeGreaterThan(5);
  });

  it("writes the Markdown table of ratios", async () => {
    const markdown = await readFile(join(dir, "results/latest.md"), "utf8");
    expect(markdown).toContain("### 5 papers");
    expect(markdown).toContain("| tool | median s |");
    expect(markdown).toMatch(/\| floor \| [\d.]+ \|/);
    expect(markdown).toContain("load average");
    expect(markdown).toMatch(/build --pdf-only ÷ floor, warm parse cache: 5 papers [\d.]+×/);
    expect(markdown).toMatch(/build --pdf-only after editing one paper \(cache and PDFs kept\) ÷ floor: 5 papers [\d.]+×/);
  });
});
