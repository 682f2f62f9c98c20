import { cpSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asNobody, giveToNobody, setUpNobody, type NobodySetup } from "./helpers/as-nobody.js";
import { REPO } from "./helpers/cli.js";
import { listFiles } from "./helpers/robustness.js";

/**
 * papersmith run as an unprivileged user (issue 32), as CI jobs and shared machines run it: as
 * `nobody`, on a project in a folder of its own, with a HOME it cannot write. The parse cache
 * lives under HOME (src/config/cache-location.ts) and is only a shortcut, so with nowhere to keep
 * it papersmith works as with `--no-cache`, says nothing about it, and writes only in its
 * output folder: not in the project, not in HOME, and nothing left in TMPDIR (where Chromium's
 * profile goes).
 */
const setup = setUpNobody("papersmith-nobody-");
const EXAMPLE = join(REPO, "examples/integrated-care-series");

/** Every folder (with a trailing /) and file under `dir`, each file with its size and time: what a write would change. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((entry) => {
    const path = relative(dir, join(entry.parentPath, entry.name));
    if (entry.isDirectory()) return `${path}/`;
    const info = statSync(join(dir, path));
    return `${path} ${info.size} ${info.mtimeMs}`;
  }).sort();
}

describe.skipIf("skip" in setup)("papersmith run as nobody, with a HOME it cannot write", () => {
  const { root, bin, remove } = setup as NobodySetup;
  const home = join(root, "home"); // root's, mode 755: nobody can read it, not write in it
  const locked = join(root, "locked"); // root's, mode 700: nobody cannot even look inside
  const work = join(root, "work"); // nobody's: the project, TMPDIR and the output
  const tmp = join(work, "tmp");

  beforeAll(() => {
    mkdirSync(home, { mode: 0o755 });
    mkdirSync(locked, { mode: 0o700 });
    cpSync(EXAMPLE, join(work, "project"), { recursive: true });
    mkdirSync(tmp);
    giveToNobody(work);
  });
  afterAll(() => remove());

  /** Where the cache would go: HOME unwritable, HOME missing, or a cache folder nobody cannot enter. */
  const caches: Record<string, Record<string, string>> = {
    "HOME unwritable": { HOME: home },
    "HOME missing": { HOME: join(root, "no-such-home") },
    "cache folder out of reach": { HOME: home, PAPERSMITH_CACHE_DIR: join(locked, "cache") },
  };

  const papersmith = (args: readonly string[], cache: Record<string, string>): ReturnType<typeof asNobody> =>
    asNobody(process.execPath, [bin, ...args], {
      cwd: work, timeout: 120_000,
      env: { PATH: process.env.PATH ?? "", TMPDIR: tmp, SOURCE_DATE_EPOCH: "1416000000", ...cache },
    });

  it("checks as it does with --no-cache, wherever the cache would go, and writes nothing anywhere", () => {
    const before = tree(root);
    const uncached = papersmith(["check", "project", "--no-cache"], { HOME: home });
    expect(uncached.status, uncached.stderr).toBe(0);
    for (const [where, cache] of Object.entries(caches)) {
      const run = papersmith(["check", "project"], cache);
      expect({ where, code: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ where, code: 0, stdout: uncached.stdout, stderr: uncached.stderr });
    }
    expect(tree(root)).toEqual(before);
  });

  it("builds the HTML and the PDFs, writing in its output folder only", () => {
    const before = tree(root);
    const run = papersmith(["build", "project", "--out", "out", "--chromium", "/usr/bin/chromium"], caches["HOME unwritable"]!);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^Built \d+ files in out \(5 PDFs, \d+ pages\)\.$/m);
    expect(run.stderr).not.toMatch(/cache|EACCES|permission/i);
    expect(tree(root).filter((path) => !/^work\/out\/./.test(path))).toEqual([...before, "work/out/"].sort());
    expect(listFiles(join(work, "out"))).toEqual(expect.arrayContaining(["index.html", "pdf/series.pdf"]));
  }, 120_000);

  it("builds when the cache folder is out of its reach (PAPERSMITH_CACHE_DIR in a folder of root's, mode 700)", () => {
    const before = tree(root);
    const run = papersmith(["build", "project", "--out", "out-html", "--html-only"], caches["cache folder out of reach"]!);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^Built \d+ files in out-html\.$/m);
    expect(tree(root).filter((path) => !/^work\/out-html\/./.test(path))).toEqual([...before, "work/out-html/"].sort());
  }, 60_000);
});
