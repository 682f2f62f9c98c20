import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/papersmith", import.meta.url));
const ENTRY = fileURLToPath(new URL("../../lib/cli/main.js", import.meta.url));

/** Compiles src/ to lib/ once, only when lib/ is missing (`npm test` compiles in `pretest`). */
export function ensureCompiled(): void {
  if (existsSync(ENTRY)) return;
  // tsc may report type errors in stages other people are working on; it still emits lib/.
  spawnSync("npm", ["run", "compile"], { cwd: REPO, stdio: "ignore" });
  if (!existsSync(ENTRY)) throw new Error("npm run compile did not produce lib/cli/main.js");
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Variables that change papersmith's output and must not leak in from the machine running the tests. */
const SCRUBBED = ["GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "NO_COLOR", "FORCE_COLOR", "CI", "PAPERSMITH_DEBUG", "XDG_CACHE_HOME"];

/**
 * The parse cache of every CLI run in the tests (unless a test gives its own): outside the
 * home folder, shared by the test files, which the cache is made for (one file per project).
 */
export const TEST_CACHE_DIR = join(tmpdir(), "papersmith-test-cache");

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of SCRUBBED) delete env[name];
  return { ...env, PAPERSMITH_CACHE_DIR: TEST_CACHE_DIR, ...extra };
}

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, "'\\''")}'`;
}

/**
 * A papersmith invocation, built up by chaining and started by `run()`:
 *
 *     const { code, stdout } = await papersmith("check", dir, "--strict").env({ NO_COLOR: "1" }).run();
 */
export class Invocation {
  private extraEnv: Record<string, string> = {};
  private terminal = false;
  private folder = REPO;

  constructor(private readonly args: readonly string[]) {}

  /** Adds environment variables (on top of a scrubbed copy of the test's own). */
  env(vars: Record<string, string>): this {
    this.extraEnv = { ...this.extraEnv, ...vars };
    return this;
  }

  /** Runs in `dir` instead of the repository root. */
  cwd(dir: string): this {
    this.folder = dir;
    return this;
  }

  /** Runs under a pseudo-terminal (util-linux `script`), so stdout is a TTY. */
  tty(): this {
    this.terminal = true;
    return this;
  }

  run(): Promise<CliRun> {
    return this.start().finished;
  }

  /** Starts the process: the child (to signal it) and its outcome. */
  start(): { readonly child: ChildProcess; readonly finished: Promise<CliRun> } {
    const [command, args] = this.terminal
      ? ["script", ["-qec", [process.execPath, BIN, ...this.args].map(shellQuote).join(" "), "/dev/null"]] as const
      : [process.execPath, [BIN, ...this.args]] as const;
    const child = spawn(command, args, { cwd: this.folder, env: cleanEnv(this.extraEnv), stdio: ["ignore", "pipe", "pipe"] });
    const finished = new Promise<CliRun>((resolve, reject) => {
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => { stdout += chunk; });
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => { stderr += chunk; });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
    return { child, finished };
  }
}

/** `node bin/papersmith ...args`. */
export function papersmith(...args: string[]): Invocation {
  return new Invocation(args);
}

/** True when util-linux `script` can give a child process a terminal. */
export function canFakeTerminal(): boolean {
  return spawnSync("script", ["-qec", "true", "/dev/null"], { stdio: "ignore" }).status === 0;
}

/** A line of a Node stack trace, which must never reach a user for a content problem. */
export const STACK_LINE = /^\s+at .+(\(|:\d+:\d+)/m;
