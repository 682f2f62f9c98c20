import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canFakeTerminal, ensureCompiled, papersmith, REPO, STACK_LINE } from "./helpers/cli.js";
import { fixture, fixtureCases } from "./helpers/fixtures.js";
import { main } from "../src/cli/main.js";

const clean = fixture("check", "clean");
const errors = fixture("cli", "errors"); // 1 error (ref-missing), 2 warnings (value-uncovered, brand-contrast)
const warningsOnly = fixture("cli", "warnings-only"); // 1 warning (brand-contrast)
const ANSI = /\u001b\[/;

/**
 * Runs the command line in this process, capturing what it writes: `main` resolving to an exit
 * code (rather than throwing, which bin/papersmith would print as a stack trace) is what the
 * user sees. Fast enough to run over every fixture.
 */
async function inProcess(args: string[]): Promise<{ code: number | "threw"; stdout: string; stderr: string }> {
  const out = { stdout: "", stderr: "" };
  const summary = process.env.GITHUB_STEP_SUMMARY;
  delete process.env.GITHUB_STEP_SUMMARY; // never append to a real CI job's summary
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  const stderrWrite = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => { out.stdout += String(chunk); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => { out.stderr += String(chunk); return true; }) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, ...out };
  } catch (error) {
    return { code: "threw", stdout: out.stdout, stderr: `${out.stderr}${(error as Error).stack ?? String(error)}` };
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    if (summary !== undefined) process.env.GITHUB_STEP_SUMMARY = summary;
  }
}

const temp = mkdtempSync(join(tmpdir(), "papersmith-cli-"));

beforeAll(() => ensureCompiled());
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe.concurrent("exit codes (SPEC §4)", () => {
  it("0 for a clean project, with and without --strict", async () => {
    const plain = await papersmith("check", clean).run();
    expect(plain).toMatchObject({ code: 0, stderr: "" });
    expect(plain.stdout).toBe("No problems found.\n");
    const strict = await papersmith("check", clean, "--strict").run();
    expect(strict).toMatchObject({ code: 0, stderr: "", stdout: "No problems found.\n" });
  });

  it("1 for content errors", async () => {
    expect((await papersmith("check", errors).run()).code).toBe(1);
  });

  it("1 for warnings only under --strict, 0 without", async () => {
    expect((await papersmith("check", warningsOnly).run()).code).toBe(0);
    expect((await papersmith("check", warningsOnly, "--strict").run()).code).toBe(1);
    expect((await papersmith("--strict", "check", warningsOnly).run()).code).toBe(1);
  });

  it("2 for an unknown flag", async () => {
    const run = await papersmith("check", clean, "--no-such-flag").run();
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no-such-flag/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it("2 for an unknown --format", async () => {
    const run = await papersmith("check", clean, "--format", "xml").run();
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it("2 for a folder without papersmith.yaml, naming the file", async () => {
    const run = await papersmith("check", fixture("cli", "no-config")).run();
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/papersmith\.yaml/);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stdout).toBe("");
  });

  it("checks the current folder when no folder is given", async () => {
    expect(await papersmith("check").cwd(clean).run()).toMatchObject({ code: 0, stdout: "No problems found.\n" });
    const notProject = await papersmith("check").cwd(temp).run();
    expect(notProject.code).toBe(2);
    expect(notProject.stderr).toMatch(/papersmith\.yaml/);
  });

  it("2 for an unknown command, extra arguments, or a file given as the project folder", async () => {
    const [command, extra, file] = await Promise.all([
      papersmith("frobnicate").run(),
      papersmith("check", clean, "another-folder").run(),
      papersmith("check", join(clean, "papersmith.yaml")).run(),
    ]);
    for (const run of [command, extra, file]) {
      expect(run.code).toBe(2);
      expect(run.stderr).not.toMatch(STACK_LINE);
    }
  });

  it("2 for a folder that does not exist", async () => {
    const run = await papersmith("check", join(temp, "no-such-folder")).run();
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no-such-folder/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});

describe("no stack traces", () => {
  it("never prints a stack trace for a content problem (every check fixture, in process)", async () => {
    for (const name of fixtureCases("check")) {
      for (const format of ["human", "json", "github"]) {
        const { code, stdout, stderr } = await inProcess(["check", fixture("check", name), "--format", format]);
        expect(stderr, `${name} ${format}`).not.toMatch(STACK_LINE);
        expect(stdout, `${name} ${format}`).not.toMatch(STACK_LINE);
        expect([0, 1], `${name} ${format}`).toContain(code);
      }
    }
  });
});

describe("Node's own options", () => {
  it("checks under a V8 option given to node, which its parse workers refuse", () => {
    const run = spawnSync(process.execPath, ["--max-semi-space-size=32", join(REPO, "bin/papersmith"), "check", clean, "--no-cache"], { encoding: "utf8" });
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stdout).toContain("No problems found.");
    expect(run.status).toBe(0);
  });
});

describe.concurrent("--format json", () => {
  it("prints one object of the SPEC §3 shape, sorted, counts matching", async () => {
    const run = await papersmith("check", errors, "--format", "json").run();
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as { diagnostics: Record<string, unknown>[]; errors: number; warnings: number };
    expect(Object.keys(report).sort()).toEqual(["diagnostics", "errors", "warnings"]);
    expect(report).toMatchObject({ errors: 1, warnings: 2 });
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual([
      "charter.yaml:5:9 warn value-uncovered",
      "papers/01-first.md:9:9 error ref-missing",
      "papersmith.yaml:8:13 warn brand-contrast",
    ]);
    expect(report.diagnostics[1]).toEqual({
      file: "papers/01-first.md", line: 9, column: 9, endLine: 9, endColumn: 32, rule: "ref-missing", severity: "error",
      message: "There is no charter value with the id \"patient-central\". Did you mean \"patients-central\"?",
      suggestion: "patients-central",
    });
    const allowed = ["file", "line", "column", "endLine", "endColumn", "rule", "severity", "message", "suggestion"];
    for (const d of report.diagnostics) {
      for (const key of Object.keys(d)) expect(allowed).toContain(key);
      expect(typeof d.message).toBe("string");
      expect(["error", "warn"]).toContain(d.severity);
    }
  });

  it("prints an empty list for a clean project, even under --strict", async () => {
    const run = await papersmith("check", clean, "--format", "json", "--strict").run();
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ diagnostics: [], errors: 0, warnings: 0 });
  });

  it("sorts by file in code-unit order, then line, then column, across many files", async () => {
    const run = await papersmith("check", fixture("check", "several-files"), "--format", "json").run();
    const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: { file: string; line: number; column: number }[] };
    const keys = diagnostics.map((d) => [d.file, d.line, d.column] as const);
    expect(new Set(keys.map((k) => k[0])).size).toBeGreaterThan(4);
    expect(keys).toEqual([...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2])));
  });
});

describe.concurrent("--format github", () => {
  it("prints workflow commands and writes the full list to GITHUB_STEP_SUMMARY", async () => {
    const summary = join(temp, "step-summary-1.md");
    writeFileSync(summary, "");
    const run = await papersmith("check", errors, "--format", "github").env({ GITHUB_STEP_SUMMARY: summary }).run();
    expect(run.code).toBe(1);
    const commands = run.stdout.split("\n").filter((line) => line.startsWith("::"));
    expect(commands).toHaveLength(3);
    expect(commands[0]).toMatch(/^::warning file=charter\.yaml,line=5,col=9\b.*::No case study lists the value "population-value"/);
    expect(commands[1]).toMatch(/^::error file=papers\/01-first\.md,line=9,col=9\b[^:]*::There is no charter value/);
    expect(commands[1]).toMatch(/title=ref-missing/);
    expect(commands[2]).toMatch(/^::warning file=papersmith\.yaml,line=8,col=13\b/);
    const written = readFileSync(summary, "utf8");
    for (const where of ["charter.yaml:5:9", "papers/01-first.md:9:9", "papersmith.yaml:8:13"]) expect(written).toContain(where);
    for (const rule of ["value-uncovered", "ref-missing", "brand-contrast"]) expect(written).toContain(rule);
  });

  it("writes every diagnostic to the summary, beyond the ~10 annotations GitHub shows", async () => {
    const summary = join(temp, "step-summary-2.md");
    writeFileSync(summary, "");
    const json = JSON.parse((await papersmith("check", fixture("check", "ref-missing"), "--format", "json").run()).stdout) as { diagnostics: { file: string; line: number; column: number }[] };
    expect(json.diagnostics.length).toBeGreaterThan(10);
    await papersmith("check", fixture("check", "ref-missing"), "--format", "github").env({ GITHUB_STEP_SUMMARY: summary }).run();
    const written = readFileSync(summary, "utf8");
    for (const d of json.diagnostics) expect(written).toContain(`${d.file}:${d.line}:${d.column}`);
  });

  it("is chosen automatically when GITHUB_ACTIONS=true", async () => {
    const run = await papersmith("check", errors).env({ GITHUB_ACTIONS: "true" }).run();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error file=papers\/01-first\.md,line=9,col=9\b/m);
    expect(run.stdout).not.toMatch(/\[ref-missing\]/);
  });

  it("keeps an explicit --format over GITHUB_ACTIONS", async () => {
    const run = await papersmith("check", errors, "--format", "json").env({ GITHUB_ACTIONS: "true" }).run();
    expect(JSON.parse(run.stdout)).toMatchObject({ errors: 1, warnings: 2 });
  });
});

describe.concurrent("human format", () => {
  it("prints `file:line:col  severity  message  [rule-id]`, a code frame with a caret, and a count", async () => {
    const run = await papersmith("check", errors).run();
    const lines = run.stdout.split("\n");
    const at = lines.findIndex((line) => line.startsWith("papers/01-first.md:9:9"));
    expect(lines[at]).toBe("papers/01-first.md:9:9  error  There is no charter value with the id \"patient-central\". Did you mean \"patients-central\"?  [ref-missing]");
    expect(lines[at + 1]).toBe("  9 | We cite :value[patient-central] here.");
    expect(lines[at + 2]).toBe("    |         ^^^^^^^^^^^^^^^^^^^^^^^");
    expect(run.stdout).toMatch(/^papersmith\.yaml:8:13\s{2,}warn\s{2,}The colour of Alpha Trust #FFCC00 .*\s{2}\[brand-contrast\]$/m);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("1 error, 2 warnings");
  });

  it("uses no ANSI colour when stdout is not a terminal", async () => {
    const run = await papersmith("check", errors).run();
    expect(run.stdout).not.toMatch(ANSI);
    expect(run.stderr).not.toMatch(ANSI);
  });

  it.skipIf(!canFakeTerminal())("colours on a terminal, but never with NO_COLOR or --no-color", async () => {
    const tty = await papersmith("check", errors).tty().run();
    expect(tty.stdout).toMatch(ANSI);
    expect(tty.stdout).toContain("papers/01-first.md:9:9");
    expect(tty.code).toBe(1);
    const noColor = await papersmith("check", errors).env({ NO_COLOR: "1" }).tty().run();
    expect(noColor.stdout).not.toMatch(ANSI);
    expect(noColor.stdout).toContain("papers/01-first.md:9:9  error  ");
    const flag = await papersmith("check", errors, "--no-color").tty().run();
    expect(flag.stdout).not.toMatch(ANSI);
  });

  it("--quiet prints errors only", async () => {
    const quiet = await papersmith("check", errors, "--quiet").run();
    expect(quiet.stdout).toMatch(/\[ref-missing\]/);
    expect(quiet.stdout).not.toMatch(/\[brand-contrast\]|\[value-uncovered\]/);
    const silent = await papersmith("check", warningsOnly, "--quiet").run();
    expect(silent).toMatchObject({ code: 0, stdout: "" });
  });
});

/** Every file under `dir` with its bytes and modification time. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.set(relative(dir, path), `${statSync(path).mtimeMs} ${readFileSync(path, "base64")}`);
    }
  };
  walk(dir);
  return out;
}

describe.concurrent("init", () => {
  it("creates a project that passes check --strict with no messages, and never overwrites it", async () => {
    const dir = join(temp, "new-series");
    const init = await papersmith("init", dir).run();
    expect(init.code).toBe(0);
    expect(init.stderr).toBe("");
    const strict = await papersmith("check", dir, "--strict", "--format", "json").run();
    expect(strict.code).toBe(0);
    expect(JSON.parse(strict.stdout)).toEqual({ diagnostics: [], errors: 0, warnings: 0 });
    expect((await papersmith("check", dir, "--strict").run()).stdout).toBe("No problems found.\n");

    const before = snapshot(dir);
    const again = await papersmith("init", dir).run();
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/overwrite|exist/i);
    expect(again.stderr).not.toMatch(STACK_LINE);
    expect(snapshot(dir)).toEqual(before);
  });

  it("refuses a folder that already holds one of its files, and writes nothing", async () => {
    const dir = mkdtempSync(join(temp, "partial-"));
    writeFileSync(join(dir, "papersmith.yaml"), "# mine\n");
    const before = snapshot(dir);
    const run = await papersmith("init", dir).run();
    expect(run.code).toBe(2);
    expect(snapshot(dir)).toEqual(before);
    expect(readdirSync(dir)).toEqual(["papersmith.yaml"]);
  });
});

describe.concurrent("--version and --help", () => {
  it("--version prints the package version and exits 0", async () => {
    const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string };
    const run = await papersmith("--version").run();
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it("--help lists the commands and exits 0", async () => {
    const run = await papersmith("--help").run();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\bcheck\b/);
    expect(run.stdout).toMatch(/\binit\b/);
    expect(run.stdout).toMatch(/--format/);
    const check = await papersmith("check", "--help").run();
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/--strict|--readability/);
  });
});

describe("the build's hint that sources changed since the last PDFs", () => {
  it("looks at top-level files and papers, sessions, case studies and assets, at any depth, and nothing else", async () => {
    const { sourcesNewerThan } = await import("../src/cli/sources-newer-than.js");
    const { mkdirSync, utimesSync } = await import("node:fs");
    const root = mkdtempSync(join(tmpdir(), "papersmith-newer-"));
    try {
      const old = new Date(Date.now() - 86_400_000);
      const write = (path: string, when: Date): void => {
        mkdirSync(join(root, path, ".."), { recursive: true });
        writeFileSync(join(root, path), "x");
        utimesSync(join(root, path), when, when);
      };
      for (const path of ["papersmith.yaml", "papers/1.md", "sessions/s.md", "case-studies/c.md", "assets/img/logo.svg"]) write(path, old);
      const since = Date.now() - 3_600_000;
      expect(sourcesNewerThan(root, since)).toBe(false);
      // The output folder, dot-files and other folders are not sources.
      write("_site/index.html", new Date());
      write("papers/.draft.md.swp", new Date());
      write("notes/todo.txt", new Date());
      expect(sourcesNewerThan(root, since)).toBe(false);
      write("assets/img/logo.svg", new Date());
      expect(sourcesNewerThan(root, since)).toBe(true);
      write("assets/img/logo.svg", old);
      write("people.yaml", new Date());
      expect(sourcesNewerThan(root, since)).toBe(true);
      expect(sourcesNewerThan(join(root, "missing"), since)).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
