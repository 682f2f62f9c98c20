import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSeries } from "../../bench/src/generate-series.js";
import { ensureCompiled, papersmith, REPO, STACK_LINE } from "../helpers/cli.js";
import { asNobody, setUpNobody } from "../helpers/as-nobody.js";
import { isWholePdf, listFiles, projectWith, snapshot } from "../helpers/robustness.js";

/**
 * A bad day for the machine (issue 10, "Environment"): Ctrl-C during a build, two builds into
 * one folder, a full disk, a read-only output folder. Each time: exit code, message, no
 * half-written or temporary file, no browser left running, and the last good output whole.
 * (No browser at all and a browser killed mid-print: test/build.test.ts, test/print-browser.test.ts.)
 */

const CHROMIUM = "/usr/bin/chromium";
const EPOCH = { SOURCE_DATE_EPOCH: "1416000000" };
const BIN = join(REPO, "bin/papersmith");

/** Files a failed or interrupted write could leave: temporary files and empty files. */
function leftovers(out: string): string[] {
  return listFiles(out).filter((f) => /\.tmp$|(^|\/)\.[^/]+\.\d+\.[0-9a-f]+/.test(f));
}

/** Every PDF in the folder that is not whole. */
async function brokenPdfs(out: string): Promise<string[]> {
  const broken: string[] = [];
  for (const f of listFiles(out).filter((p) => p.endsWith(".pdf"))) {
    if (!(await isWholePdf(readFileSync(join(out, f))))) broken.push(f);
  }
  return broken;
}

/** Chromium processes started with a profile under `tmp`. */
function browsersUnder(tmp: string): string[] {
  const ps = spawnSync("ps", ["-eo", "pid,args"], { encoding: "utf8" }).stdout;
  return ps.split("\n").filter((line) => line.includes(tmp) && /chrom/i.test(line));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const mounts: string[] = [];

/** A tmpfs of `size` at a new folder, or undefined when this machine cannot mount one. */
function tmpfs(size: string): string | undefined {
  const at = mkdtempSync(join(tmpdir(), "papersmith-robust-mnt-"));
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", at]).status === 0;
  if (!mounted) return undefined;
  mounts.push(at);
  return at;
}

const CAN_MOUNT = (() => {
  const probe = tmpfs("64k");
  if (probe === undefined) return false;
  spawnSync("umount", [probe]);
  mounts.pop();
  return true;
})();

beforeAll(() => ensureCompiled());

afterAll(() => {
  for (const at of mounts) spawnSync("umount", ["-l", at]);
});

describe("Ctrl-C during a build", () => {
  let project: string;
  let out: string;
  let good: Map<string, string>;

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), "papersmith-robust-series-"));
    await generateSeries(project, { papers: 20, caseStudies: 40, sessions: 5 });
    out = join(project, "out");
    const run = await papersmith("build", project, "--out", out, "--chromium", CHROMIUM).env(EPOCH).run();
    expect(run.code, run.stderr).toBe(0);
    good = snapshot(out);
  }, 120_000);

  it("exits 130 and leaves no temporary file, no browser, no profile, and every PDF whole", async () => {
    // Change every paper so that a finished write is visible; the interrupted build prints the new text.
    for (const file of readdirSync(join(project, "papers"))) appendFileSync(join(project, "papers", file), "\nA sentence added after the last build.\n");
    const tmp = mkdtempSync(join(tmpdir(), "papersmith-robust-sigint-"));
    const child = spawn(process.execPath, [BIN, "build", project, "--out", out, "--chromium", CHROMIUM], {
      env: { ...process.env, ...EPOCH, TMPDIR: tmp }, stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => { stderr += chunk; });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // Wait until the browser is printing, then Ctrl-C.
    const started = Date.now();
    while (!readdirSync(tmp).some((f) => f.startsWith("papersmith-chromium-")) && Date.now() - started < 20_000) await sleep(50);
    await sleep(1000);
    child.kill("SIGINT");
    const code = await exited;
    expect(code).toBe(130);
    expect(stderr).toContain("papersmith: stopped (SIGINT)");
    expect(stderr).not.toMatch(STACK_LINE);
    await sleep(1000);
    expect(browsersUnder(tmp)).toEqual([]);
    expect(readdirSync(tmp).filter((f) => f.startsWith("papersmith-"))).toEqual([]);
    expect(leftovers(out)).toEqual([]);
    expect(listFiles(out)).toEqual([...good.keys()]);
    expect(await brokenPdfs(out)).toEqual([]);
  }, 60_000);
});

describe("two builds into one output folder at once", () => {
  it("gives one whole build: every file present, every PDF valid, the bytes of a single build", async () => {
    const project = mkdtempSync(join(tmpdir(), "papersmith-robust-twice-"));
    await generateSeries(project, { papers: 5, caseStudies: 8, sessions: 2 });
    const single = join(project, "single");
    expect((await papersmith("build", project, "--out", single, "--chromium", CHROMIUM).env(EPOCH).run()).code).toBe(0);
    const out = join(project, "out");
    const runs = await Promise.all([1, 2].map(() => papersmith("build", project, "--out", out, "--chromium", CHROMIUM).env(EPOCH).run()));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect(leftovers(out)).toEqual([]);
    expect(await brokenPdfs(out)).toEqual([]);
    const expected = snapshot(single);
    const got = snapshot(out);
    expect([...got.keys()]).toEqual([...expected.keys()]);
    for (const [file, bytes] of expected) expect(got.get(file) === bytes, file).toBe(true);
  }, 120_000);
});

describe.runIf(CAN_MOUNT)("a full disk (a 560 KB tmpfs: the site fits, the PDFs do not)", () => {
  it("exits 3 naming ENOSPC, leaves no temporary file, and every file is whole", async () => {
    const disk = tmpfs("560k")!;
    const dir = projectWith();
    const out = join(disk, "out");
    expect((await papersmith("build", dir, "--out", out, "--html-only").env(EPOCH).run()).code).toBe(0);
    const before = snapshot(out);
    appendFileSync(join(dir, "papers/01-first.md"), "\nA new closing sentence.\n");
    const run = await papersmith("build", dir, "--out", out, "--chromium", CHROMIUM).env(EPOCH).run();
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("papersmith: a file could not be read or written (ENOSPC)");
    expect(run.stderr).toContain("Check the permissions and free space of the output folder.");
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(leftovers(out)).toEqual([]);
    expect(await brokenPdfs(out)).toEqual([]);
    // Every file of the last build is still there, each either as it was or wholly replaced.
    const after = snapshot(out);
    for (const file of before.keys()) expect(after.has(file), file).toBe(true);
    for (const [file, bytes] of after) {
      if (file.endsWith(".html")) expect(Buffer.from(bytes, "base64").toString("utf8").trimEnd(), file).toMatch(/<\/html>$/);
    }
  }, 60_000);
});

describe("an output folder that cannot be written", () => {
  // root ignores permissions: when the tests run as root, the build that must fail runs as
  // nobody (test/helpers/as-nobody.ts: in a folder nobody can enter, papersmith copied there when
  // the checkout is out of nobody's reach).
  const setup = process.getuid?.() === 0 ? setUpNobody("papersmith-robust-ro-") : undefined;
  const nobody = setup !== undefined && !("skip" in setup) ? setup : undefined;
  afterAll(() => nobody?.remove());

  it.skipIf(setup !== undefined && "skip" in setup)("exits 3 when the output folder is read-only (chmod 555), the last build untouched", async () => {
    const root = nobody?.root ?? mkdtempSync(join(tmpdir(), "papersmith-robust-ro-"));
    chmodSync(root, 0o755);
    const dir = join(root, "project");
    cpSync(projectWith(), dir, { recursive: true });
    spawnSync("chmod", ["-R", "a+rX", dir]);
    const out = join(root, "out");
    expect((await papersmith("build", dir, "--out", out, "--html-only").run()).code).toBe(0);
    const before = snapshot(out);
    spawnSync("chmod", ["-R", "a-w", out]);
    appendFileSync(join(dir, "papers/01-first.md"), "\nA new closing sentence.\n");
    const args = ["build", dir, "--out", out, "--html-only"];
    const env = { PATH: process.env.PATH ?? "", HOME: root };
    const run = nobody === undefined
      ? spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: root, env })
      : asNobody(process.execPath, [nobody.bin, ...args], { cwd: root, env });
    expect(run.status, run.stderr).toBe(3);
    // The output folder is what cannot be written, not the project or the cache.
    expect(run.stderr).toMatch(/papersmith: a file could not be read or written \(EACCES\): permission denied, \w+ '[^']*\/out\//);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(snapshot(out)).toEqual(before);
    spawnSync("chmod", ["-R", "u+w", out]);
  }, 30_000);

  it.runIf(CAN_MOUNT)("exits 3 when the output folder is on a read-only file system, the last build untouched", async () => {
    const disk = tmpfs("4m")!;
    const dir = projectWith();
    const out = join(disk, "out");
    expect((await papersmith("build", dir, "--out", out, "--html-only").run()).code).toBe(0);
    const before = snapshot(out);
    expect(spawnSync("mount", ["-o", "remount,ro", disk]).status).toBe(0);
    appendFileSync(join(dir, "papers/01-first.md"), "\nA new closing sentence.\n");
    const run = await papersmith("build", dir, "--out", out, "--chromium", CHROMIUM).run();
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("papersmith: a file could not be read or written (EROFS)");
    expect(snapshot(out)).toEqual(before);
  }, 30_000);
});

describe("writes stay inside the output folder", () => {
  it("writes nothing in the project or elsewhere, even for titles and ids that look like paths", async () => {
    const root = mkdtempSync(join(tmpdir(), "papersmith-robust-inside-"));
    const dir = join(root, "project");
    mkdirSync(dir);
    cpSync(projectWith({
      "papers/02-escape.md": "---\nnumber: 2\ntitle: \"../../../../escaped/..\\\\..\\\\x\"\ndate: 2024-02-01\nstatus: final\n---\n\nText.\n",
    }), dir, { recursive: true });
    const beforeProject = snapshot(dir);
    const out = join(root, "out");
    const run = await papersmith("build", dir, "--out", out, "--chromium", CHROMIUM).env(EPOCH).run();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(snapshot(dir)).toEqual(beforeProject);
    expect(readdirSync(root).sort()).toEqual(["out", "project"]);
    expect(listFiles(out).filter((f) => f.startsWith("papers/2-"))).toEqual(["papers/2-escapedx.html"]);
    rmSync(root, { recursive: true, force: true });
  }, 60_000);
});
