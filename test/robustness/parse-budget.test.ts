import { readFileSync, rmSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { papersmith } from "../helpers/cli.js";
import { paper, projectWith } from "../helpers/robustness.js";

/**
 * A file micromark would take minutes over is stopped at its parse budget and reported at the
 * file, and a signal is answered while such a file is being parsed (issue 32).
 */

/** 400 KB of unclosed link openings: minutes of micromark's time. */
const TOO_COMPLEX = paper("number: 2\ntitle: Second\ndate: 2024-02-01\nstatus: draft", `${"[a](".repeat(100_000)}\n`);

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The base project with a second paper that is too complex to parse. */
function hostileProject(): string {
  const dir = projectWith({ "papers/02-hostile.md": TOO_COMPLEX });
  dirs.push(dir);
  return dir;
}

/** CPU seconds the process has used so far (Linux), all its threads included. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Resolves once the process has spent `seconds` of CPU: well past start-up, into parsing the hostile file. */
async function busyFor(child: ChildProcess, seconds: number): Promise<void> {
  while (child.exitCode === null && cpuSeconds(child.pid!) < seconds) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe("the parse budget", () => {
  it("reports a file over its budget at the file and still checks the others", async () => {
    const dir = hostileProject();
    const { code, stdout, stderr } = await papersmith("check", dir, "--format", "json").env({ PAPERSMITH_PARSE_BUDGET_MS: "1000" }).run();
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const { diagnostics } = JSON.parse(stdout) as { diagnostics: { file: string; line: number; column: number; rule: string; message: string }[] };
    const tooComplex = diagnostics.filter((d) => d.file === "papers/02-hostile.md");
    expect(tooComplex).toEqual([expect.objectContaining({ line: 1, column: 1, rule: "schema", message: expect.stringMatching(/too complex to parse: papersmith gave up after 1 s/) })]);
    // The other files were loaded and checked: the base project's own diagnostics are all still there.
    const plain = projectWith();
    dirs.push(plain);
    const base = await papersmith("check", plain, "--format", "json").run();
    const baseDiagnostics = (JSON.parse(base.stdout) as { diagnostics: unknown[] }).diagnostics;
    expect(diagnostics.filter((d) => d.file !== "papers/02-hostile.md")).toEqual(baseDiagnostics);
  });

  for (const [command, signal, exit] of [["check", "SIGTERM", 143], ["build", "SIGINT", 130]] as const) {
    it(`answers ${signal} in ${command} while a file is being parsed`, async () => {
      const dir = hostileProject();
      const { child, finished } = papersmith(command, dir).env({ PAPERSMITH_PARSE_BUDGET_MS: "600000" }).start();
      await busyFor(child, 3);
      child.kill(signal);
      const { code, stderr } = await finished;
      expect(code).toBe(exit);
      expect(stderr).toContain(`stopped (${signal})`);
    });
  }

  it("answers Ctrl-C in preview during its first build", async () => {
    const dir = hostileProject();
    const { child, finished } = papersmith("preview", dir, "--port", "0").env({ PAPERSMITH_PARSE_BUDGET_MS: "600000" }).start();
    await busyFor(child, 3);
    child.kill("SIGINT");
    const { code, stdout } = await finished;
    expect(code).toBe(0);
    expect(stdout).not.toContain("http://");
  });
});
