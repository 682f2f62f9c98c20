/**
 * `npm run bench` (issue 9): papersmith against the tools a user could choose instead, and
 * against the physical floor of printing, on the same synthetic series, in one run.
 *
 * For each series size it times, as whole cold processes, several runs each, interleaved so
 * that a change in machine load hits every tool alike: `papersmith check`, `build --html-only`,
 * `build --pdf-only` (cold, with a warm parse cache, after a one-paper edit, and with nothing
 * changed), `build`; the floor (bench/lib/floor.js); md-to-pdf, pagedjs-cli,
 * Vivliostyle and one `chromium --print-to-pdf` per paper. Then writes a Markdown table of
 * ratios and a JSON file to bench/results/ and prints a summary.
 *
 * Environment:
 *   BENCH_SIZES=5,20,50     papers per series (500 is long: BENCH_SIZES=5,20,50,500)
 *   BENCH_SERIES=realistic  prose with the markup real papers carry (generate-realistic.ts), or plain (generate-series.ts)
 *   BENCH_RUNS=3            runs of each tool
 *   BENCH_PEER_RUNS         runs of each peer tool (default BENCH_RUNS)
 *   BENCH_PEERS=all         md-to-pdf,pagedjs-cli,vivliostyle,chromium --print-to-pdf, or none
 *   BENCH_PEERS_MAX_PAPERS=50  peers are skipped on larger series (pagedjs-cli alone would take ~20 min at 500)
 *   BENCH_CHECK_500=1       time `check` on 500 papers + 2,000 case studies even when 500 is not in BENCH_SIZES
 *   BENCH_CHROMIUM=/usr/bin/chromium
 *   BENCH_OUT=bench/results BENCH_WORK=$TMPDIR/papersmith-bench
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PDFDocument } from "pdf-lib";
import { generateSeries, type SeriesSize } from "./generate-series.js";
import { generateRealisticSeries } from "./generate-realistic.js";
import { writePeerInputs, type PeerInputs } from "./inputs.js";
import { measure, type Command } from "./measure.js";
import { ensurePeers, peers } from "./peers.js";
import { BOTH, CHECK, CHECK_SECOND, CHECK_WARM, fedNotes, medianOf, PDF_ONLY, PDF_ONLY_EDIT, PDF_ONLY_UNCHANGED, PDF_ONLY_WARM, sizeTable, stats, type SizeResult, type ToolResult } from "./report.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const env = process.env;
const sizes = (env.BENCH_SIZES ?? "5,20,50").split(",").map(Number).filter((n) => n > 0);
const runs = Number(env.BENCH_RUNS ?? 3);
const peerRuns = Number(env.BENCH_PEER_RUNS ?? runs);
const chromium = env.BENCH_CHROMIUM ?? "/usr/bin/chromium";
const peerNames = (env.BENCH_PEERS ?? "all").split(",").map((p) => p.trim());
const peersMaxPapers = Number(env.BENCH_PEERS_MAX_PAPERS ?? 50);
const resultsDir = resolve(env.BENCH_OUT ?? join(root, "bench/results"));
const workDir = resolve(env.BENCH_WORK ?? join(tmpdir(), "papersmith-bench"));
const peersDir = join(root, "bench/peers");
const generate = env.BENCH_SERIES === "plain" ? generateSeries : generateRealisticSeries;
const bin = join(root, "bin/papersmith");

/** A tool on one series: its commands, where its PDFs land, and how many runs it gets. */
interface Tool {
  readonly result: ToolResult;
  readonly concurrency: number;
  readonly runs: number;
  readonly pdfDir: string | undefined;
  readonly commands: Command[];
  /** papersmith's parse cache for this tool, and what it holds before each run (see CacheState). */
  readonly cache?: { readonly dir: string; readonly state: CacheState };
  /**
   * A writer's rebuild: the last run's PDFs stay; with `edit`, one paper is edited before each
   * run (and restored after), else nothing changes between runs.
   */
  readonly rebuild?: { readonly edit?: { readonly file: string; readonly original: string } };
}

/**
 * What a tool's parse cache holds before each run: nothing (a fresh machine, CI); what one
 * earlier run kept; or what earlier runs kept, as for a writer's repeated builds.
 */
type CacheState = "empty" | "seen-once" | "kept";

const seriesSize = (papers: number): SeriesSize => ({ papers, caseStudies: papers * 4, sessions: Math.max(1, Math.round(papers / 5)) });
const load = (): number => loadavg()[0]!;
const log = (line: string): void => void process.stdout.write(`${line}\n`);

async function countPages(dir: string): Promise<number> {
  let pages = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".pdf"))) {
    pages += (await PDFDocument.load(readFileSync(join(dir, name)), { updateMetadata: false })).getPageCount();
  }
  return pages;
}

/**
 * papersmith's commands. Cold runs start with an empty parse cache (as on a fresh machine or CI);
 * the warm variants keep theirs between runs, as a writer's repeated builds do (it is filled by
 * an unmeasured run). `untouched` is a copy of the project that no
 * tool edits, for the rebuild with nothing changed.
 */
function papersmithTools(projectDir: string, work: string, untouched = projectDir): Tool[] {
  const tool = (name: string, args: string[], pdf: boolean, state: CacheState = "empty", rebuild?: Tool["rebuild"]): Tool => {
    const slug = name.replace(/\W+/g, "-");
    const out = join(work, slug);
    const cache = { dir: join(work, "caches", slug), state };
    const held = { empty: "empty parse cache", "seen-once": "parse cache of one earlier run", kept: "parse cache kept from the previous runs" }[state];
    return {
      result: { tool: name, kind: "papersmith", fed: `the series project itself; ${rebuild ? `cache and PDFs kept from the previous run, ${rebuild.edit ? "one paper edited since" : "nothing changed since"}` : held}`, samples: [], loads: [], failures: [], pages: 0 },
      concurrency: 1, runs, pdfDir: pdf ? join(out, "pdf") : undefined, cache, ...(rebuild ? { rebuild } : {}),
      commands: [{ cmd: process.execPath, args: [bin, ...args, ...(args[0] === "build" ? ["--out", out, "--chromium", chromium] : [])], env: { PAPERSMITH_CACHE_DIR: cache.dir } }],
    };
  };
  return [
    tool(CHECK, ["check", projectDir], false),
    tool(CHECK_SECOND, ["check", projectDir], false, "seen-once"),
    tool(CHECK_WARM, ["check", projectDir], false, "kept"),
    tool("papersmith build --html-only", ["build", projectDir, "--html-only"], false),
    tool(PDF_ONLY, ["build", projectDir, "--pdf-only"], true),
    tool(PDF_ONLY_WARM, ["build", projectDir, "--pdf-only"], true, "kept"),
    tool(PDF_ONLY_EDIT, ["build", projectDir, "--pdf-only"], true, "kept", { edit: firstPaper(projectDir) }),
    tool(PDF_ONLY_UNCHANGED, ["build", untouched, "--pdf-only"], true, "kept", {}),
    tool(BOTH, ["build", projectDir], true),
  ];
}

/** The floor as the issue defines it: puppeteer's own launch and a plain print loop. */
function floorTool(inputs: PeerInputs, work: string): Tool {
  const out = join(work, "floor");
  return {
    result: { tool: "floor", kind: "floor", samples: [], loads: [], failures: [], pages: 0,
      fed: "papersmith's print HTML; one Chromium (puppeteer, pipe), setContent + one page.pdf({ tagged, outline, printBackground, preferCSSPageSize }) per paper, two pages at a time, PDFs written, nothing else" },
    concurrency: 1, runs, pdfDir: out,
    commands: [{ cmd: process.execPath, args: [join(root, "bench/lib/floor.js"), "--chromium", chromium, "--concurrency", "2", "--out", out, ...inputs.htmlFiles] }],
  };
}

async function peerTools(inputs: PeerInputs, work: string, installError: string | undefined): Promise<Tool[]> {
  const tools: Tool[] = [];
  for (const peer of peers(peersDir, chromium)) {
    if (!peerNames.includes("all") && !peerNames.includes(peer.name)) continue;
    const out = join(work, peer.name.replace(/\W+/g, "-"));
    mkdirSync(out, { recursive: true });
    const commands = installError === undefined ? await peer.commands(inputs, work, out) : [];
    tools.push({
      result: { tool: peer.name, kind: "peer", fed: peer.fed, samples: [], loads: [], failures: [], pages: 0, ...(installError === undefined ? {} : { error: installError }) },
      concurrency: peer.concurrency, runs: peerRuns,
      pdfDir: peer.name === "md-to-pdf" ? join(work, "inputs/md") : out,
      commands,
    });
  }
  return tools;
}

/** The first paper of a generated series, to edit between runs. */
function firstPaper(projectDir: string): { readonly file: string; readonly original: string } {
  const file = join(projectDir, "papers", readdirSync(join(projectDir, "papers")).filter((name) => name.endsWith(".md")).sort()[0]!);
  return { file, original: readFileSync(file, "utf8") };
}

/**
 * Removes a tool's previous output (PDFs, profiles, and its parse cache unless kept) so that
 * every run starts cold, and makes its cache what one run leaves when it should be; for a
 * rebuild, keeps the PDFs, and edits its paper if it has one (a new sentence each run).
 */
async function prepareRun(tool: Tool, work: string, run = 0): Promise<void> {
  if (tool.cache !== undefined && tool.cache.state !== "kept") rmSync(tool.cache.dir, { recursive: true, force: true });
  if (tool.cache?.state === "seen-once") await measure(tool.commands);
  const edit = tool.rebuild?.edit;
  if (edit !== undefined) writeFileSync(edit.file, `${edit.original}\nA sentence edited in for run ${run + 1}.\n`);
  if (tool.rebuild === undefined && tool.pdfDir !== undefined) {
    for (const name of readdirSync(tool.pdfDir, { withFileTypes: true })) {
      if (name.isFile() && name.name.endsWith(".pdf")) rmSync(join(tool.pdfDir, name.name));
    }
  }
  rmSync(join(work, "profiles"), { recursive: true, force: true });
}

async function benchSize(papers: number, installError: string | undefined): Promise<SizeResult> {
  const size = seriesSize(papers);
  const work = join(workDir, `series-${papers}`);
  const projectDir = join(work, "project");
  rmSync(work, { recursive: true, force: true });
  await generate(projectDir, size);
  const inputs = await writePeerInputs(projectDir, join(work, "inputs"));
  const withPeers = papers <= peersMaxPapers && !peerNames.includes("none");
  // Its own copy for the no-change rebuild: the edit loop's restore gives the first paper a
  // new modification time, which tells a build of the same folder to start Chromium early.
  const untouched = join(work, "project-untouched");
  cpSync(projectDir, untouched, { recursive: true });
  const tools = [...papersmithTools(projectDir, work, untouched), floorTool(inputs, work), ...(withPeers ? await peerTools(inputs, work, installError) : [])];
  for (const tool of tools) if (tool.pdfDir !== undefined) mkdirSync(tool.pdfDir, { recursive: true });
  for (const tool of tools) if (tool.cache?.state === "kept") await fillCache(tool);
  log(`\n${papers} papers, ${size.caseStudies} case studies: ${tools.length} tools, ${runs} runs (peers ${peerRuns}), load ${load().toFixed(2)}`);
  const maxRuns = Math.max(...tools.map((t) => t.runs));
  for (let run = 0; run < maxRuns; run++) {
    for (const tool of tools) {
      if (run >= tool.runs || tool.result.error !== undefined) continue;
      const done = tool.result.samples.length > 0;
      await prepareRun(tool, work, run);
      tool.result.loads.push(load());
      try {
        const sample = await measure(tool.commands, tool.concurrency).finally(() => {
          const edit = tool.rebuild?.edit;
          if (edit !== undefined) writeFileSync(edit.file, edit.original);
        });
        tool.result.samples.push(sample);
        if (!done && tool.pdfDir !== undefined) tool.result.pages = await countPages(tool.pdfDir);
        log(`  run ${run + 1}  ${tool.result.tool.padEnd(30)} ${(sample.wallMs / 1000).toFixed(2).padStart(7)} s  cpu ${(sample.cpuMs / 1000).toFixed(2).padStart(6)} s  rss ${Math.round(sample.peakRssMb)} MB  pss ${Math.round(sample.peakPssMb)} MB${tool.result.pages > 0 ? `  ${tool.result.pages} pages` : ""}`);
      } catch (error) {
        // A failed run is recorded and the tool keeps its other runs: under load a peer may
        // time out once. With no run done it is left out of the table, with this text.
        const text = error instanceof Error ? error.message : String(error);
        tool.result.failures.push(text);
        log(`  run ${run + 1}  ${tool.result.tool}: failed: ${text.split("\n").slice(0, 6).join(" / ")}`);
      }
    }
  }
  return { papers, caseStudies: size.caseStudies, tools: tools.map((t) => t.result) };
}

/** One unmeasured run, which keeps what it parsed. */
async function fillCache(tool: Tool): Promise<void> {
  await measure(tool.commands);
}

/** `check` on 500 papers + 2,000 case studies for each state of the parse cache. */
interface Check500 {
  readonly cold: ToolResult | undefined;
  readonly second: ToolResult | undefined;
  readonly warm: ToolResult | undefined;
}

/** `check` alone on 500 papers + 2,000 case studies, cold, second and warm (cheap next to building them). */
async function check500(): Promise<Check500> {
  const projectDir = join(workDir, "check-500", "project");
  await generate(projectDir, seriesSize(500));
  const tools = papersmithTools(projectDir, join(workDir, "check-500"));
  const [cold, second, warm] = [CHECK, CHECK_SECOND, CHECK_WARM].map((name) => tools.find((t) => t.result.tool === name)!);
  log(`\ncheck on 500 papers + 2,000 case studies, ${runs} runs`);
  await fillCache(warm!);
  for (let run = 0; run < runs; run++) {
    for (const tool of [cold!, second!, warm!]) {
      await prepareRun(tool, join(workDir, "check-500"));
      tool.result.loads.push(load());
      tool.result.samples.push(await measure(tool.commands));
      log(`  run ${run + 1}  ${tool.result.tool.padEnd(30)} ${(tool.result.samples.at(-1)!.wallMs / 1000).toFixed(2)} s`);
    }
  }
  return { cold: cold!.result, second: second!.result, warm: warm!.result };
}

function chromiumVersion(): string {
  try {
    return execFileSync(chromium, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
}

const started = new Date();
const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? "", node: process.version, chromium: chromiumVersion(), loadAtStart: loadavg() };
log(`papersmith bench: ${env.BENCH_SERIES === "plain" ? "plain" : "realistic"} series, sizes ${sizes.join(", ")}, ${runs} runs, ${machine.cpus} CPUs, ${machine.chromium}, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
const installError = peerNames.includes("none") || !sizes.some((n) => n <= peersMaxPapers) ? undefined : ensurePeers(peersDir, chromium);
if (installError !== undefined) log(`peer tools not installed, left out: ${installError}`);

// Timed before the sizes, not after: once the peers have kept both cores busy for minutes, this
// VM runs slower for a while (the same code: 1.87 s there against 1.46 s at the start).
const checkAlone = sizes.includes(500) || env.BENCH_CHECK_500 === "0" ? undefined : await check500();
const results: SizeResult[] = [];
for (const papers of sizes) results.push(await benchSize(papers, installError));
const large = results.find((r) => r.papers === 500);
const checkLarge: Check500 | undefined = large
  ? { cold: large.tools.find((t) => t.tool === CHECK), second: large.tools.find((t) => t.tool === CHECK_SECOND), warm: large.tools.find((t) => t.tool === CHECK_WARM) }
  : checkAlone;

// Growth and the issue's targets.
const at = (papers: number, tool: string): number | undefined => {
  const size = results.find((r) => r.papers === papers);
  return size === undefined ? undefined : medianOf(size, tool);
};
const growth = (tool: string): number | undefined => {
  const big = at(500, tool);
  const small = at(50, tool);
  return big === undefined || small === undefined ? undefined : big / small;
};
const buildLarge = large?.tools.find((t) => t.tool === BOTH);
const targets = {
  growth500over50: { pdfOnly: growth(PDF_ONLY), build: growth(BOTH), target: 11 },
  check500Ms: { cold: medianMs(checkLarge?.cold), second: medianMs(checkLarge?.second), warm: medianMs(checkLarge?.warm), target: 1500 },
  build500PeakMb: { rss: buildLarge === undefined ? undefined : stats(buildLarge.samples)?.peakRssMb, pss: buildLarge === undefined ? undefined : stats(buildLarge.samples)?.peakPssMb, target: 1536 },
  pdfOnlyOverFloor: Object.fromEntries(results.map((r) => [r.papers, ratioOf(r, PDF_ONLY, "floor")])),
  pdfOnlyWarmOverFloor: Object.fromEntries(results.map((r) => [r.papers, ratioOf(r, PDF_ONLY_WARM, "floor")])),
  pdfOnlyOverMdToPdf: Object.fromEntries(results.map((r) => [r.papers, ratioOf(r, PDF_ONLY, "md-to-pdf")])),
};

function medianMs(tool: ToolResult | undefined): number | undefined {
  return tool === undefined ? undefined : stats(tool.samples)?.medianMs;
}

function ratioOf(size: SizeResult, a: string, b: string): number | undefined {
  const x = medianOf(size, a);
  const y = medianOf(size, b);
  return x === undefined || y === undefined ? undefined : x / y;
}

const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);
const fmt = (n: number | undefined, digits = 2, unit = ""): string => (n === undefined ? "not measured" : `${n.toFixed(digits)}${unit}`);
const targetLines = [
  `- growth, 500 ÷ 50 papers (target < 11×): build --pdf-only ${fmt(targets.growth500over50.pdfOnly, 2, "×")}, build ${fmt(targets.growth500over50.build, 2, "×")}${large ? "" : " (run with BENCH_SIZES=5,50,500)"}`,
  `- check on 500 papers + 2,000 case studies (target < 1.5 s): cold (empty parse cache, as on CI) ${fmt(seconds(targets.check500Ms.cold), 2, " s")}, second run (one earlier run's cache) ${fmt(seconds(targets.check500Ms.second), 2, " s")}, warm (cache kept) ${fmt(seconds(targets.check500Ms.warm), 2, " s")}`,
  `- peak memory of the 500-paper build (target < 1,536 MB): ${buildLarge ? `${fmt(targets.build500PeakMb.pss, 0, " MB")} PSS, ${fmt(targets.build500PeakMb.rss, 0, " MB")} RSS sum` : "not measured (BENCH_SIZES=5,50,500)"}`,
  `- build --pdf-only ÷ floor (target ≤ 1.0×, issue 32; ≤ 1.3× in issue 9), cold: ${results.map((r) => `${r.papers} papers ${fmt(targets.pdfOnlyOverFloor[r.papers], 2, "×")}`).join(", ")}`,
  `- build --pdf-only ÷ floor, warm parse cache: ${results.map((r) => `${r.papers} papers ${fmt(targets.pdfOnlyWarmOverFloor[r.papers], 2, "×")}`).join(", ")}`,
  `- build --pdf-only after editing one paper (cache and PDFs kept) ÷ floor: ${results.map((r) => `${r.papers} papers ${fmt(ratioOf(r, PDF_ONLY_EDIT, "floor"), 2, "×")}`).join(", ")}`,
  `- build --pdf-only with nothing changed (cache and PDFs kept; Chromium never starts) ÷ floor: ${results.map((r) => `${r.papers} papers ${fmt(ratioOf(r, PDF_ONLY_UNCHANGED, "floor"), 2, "×")}`).join(", ")}`,
  `- build --pdf-only ÷ md-to-pdf (target ≤ 0.4×, issue 32): ${results.map((r) => `${r.papers} papers ${fmt(targets.pdfOnlyOverMdToPdf[r.papers], 2, "×")}`).join(", ")}`,
];

const markdown = [
  `# papersmith benchmark, ${started.toISOString()}`,
  "",
  `${machine.cpus} × ${machine.cpu}; Node ${machine.node}; ${machine.chromium}; load average at start ${machine.loadAtStart.map((l) => l.toFixed(2)).join(" ")}, at end ${loadavg().map((l) => l.toFixed(2)).join(" ")}.`,
  `Series: ${env.BENCH_SERIES === "plain" ? "plain sentences (generate-series.ts)" : "realistic prose with emphasis, links, references, lists and tables (generate-realistic.ts)"}.`,
  `Whole processes, cold (each run starts its own Node and browser); median of ${runs} runs (peers ${peerRuns}). Peak memory: the largest sum over every process of the run (browser included), sampled every 50 ms (RSS) and 200 ms (PSS, which splits shared pages and does not double-count Chromium's shared memory). "pdf-only ÷ this" is papersmith build --pdf-only's median over this tool's: below 1 means papersmith is faster.`,
  "",
  ...results.flatMap((r) => [sizeTable(r), ""]),
  "## Targets (issues 9 and 32)",
  "",
  ...targetLines,
  ...(checkLarge && !large ? ["", ...[checkLarge.cold, checkLarge.second, checkLarge.warm].map((t) => `${t!.tool} on 500 papers, runs: ${t!.samples.map((s) => (s.wallMs / 1000).toFixed(2)).join(", ")} s (load ${t!.loads.map((l) => l.toFixed(2)).join(", ")})`)] : []),
  "",
  "## What each tool was given",
  "",
  "papersmith's times include loading, checking and rendering the project; the tools fed papersmith's print HTML get that work done for them, so their times are a lower bound for what a user of them would see.",
  "",
  fedNotes(results),
  "",
].join("\n");

mkdirSync(resultsDir, { recursive: true });
const stamp = started.toISOString().replace(/[:.]/g, "-");
const json = `${JSON.stringify({ started: started.toISOString(), machine, loadAtEnd: loadavg(), sizes, runs, peerRuns, results, check500: checkLarge, targets }, null, 2)}\n`;
for (const name of [`bench-${stamp}`, "latest"]) {
  writeFileSync(join(resultsDir, `${name}.json`), json);
  writeFileSync(join(resultsDir, `${name}.md`), markdown);
}
log(`\n${markdown}`);
log(`results: ${join(resultsDir, "latest.md")} and latest.json (also bench-${stamp}.*)`);
