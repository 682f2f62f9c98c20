import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

/** One process to run: a whole command, as a user would type it. */
export interface Command {
  readonly cmd: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

/** One timed run of a tool: all its processes, from the first start to the last exit. */
export interface Sample {
  readonly wallMs: number;
  /** User + system CPU of the processes and the children they waited for (from /usr/bin/time); NaN without it. */
  readonly cpuMs: number;
  /** Largest sum of resident set sizes over every live process of the run (tools, browsers, helpers). */
  readonly peakRssMb: number;
  /** Largest sum of proportional set sizes (shared pages split between processes): the fairer total. */
  readonly peakPssMb: number;
}

const TIME = "/usr/bin/time";
const PAGE_KB = 4;
/**
 * Not more often: walking every thread of every browser process costs the harness CPU that the
 * measured tools then lack on 2 cores (at 20 ms it took 30% of a core, 78 s over a 262 s run).
 */
const SAMPLE_MS = 50;
/** Every fourth sample also reads PSS, which costs more than RSS (smaps_rollup walks the page tables). */
const PSS_EVERY = 4;

/**
 * Runs the commands, `concurrency` at a time (a tool that takes one document per process is
 * run as a script would run it: `xargs -P`), and measures wall time, CPU time and the peak
 * memory of every process tree involved, sampled from /proc every 50 ms.
 * Throws with the command's stderr when one fails.
 */
export async function measure(commands: readonly Command[], concurrency = 1): Promise<Sample> {
  const withTime = existsSync(TIME);
  const scratch = mkdtempSync(join(tmpdir(), "papersmith-bench-time-"));
  const roots = new Set<number>();
  let peakRss = 0;
  let peakPss = 0;
  let tick = 0;
  const sampler = setInterval(() => {
    const pids = [...roots].flatMap(tree);
    const rss = pids.reduce((sum, pid) => sum + rssKb(pid), 0);
    peakRss = Math.max(peakRss, rss);
    if (tick++ % PSS_EVERY === 0) peakPss = Math.max(peakPss, pids.reduce((sum, pid) => sum + pssKb(pid), 0));
  }, SAMPLE_MS);
  let cpuMs = 0;
  const started = performance.now();
  try {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < commands.length) {
        const index = next++;
        const timeFile = join(scratch, `${index}.time`);
        const command = commands[index]!;
        const [cmd, args] = withTime ? [TIME, ["-f", "%U %S", "-o", timeFile, command.cmd, ...command.args]] : [command.cmd, command.args];
        await run(cmd, args, command, roots);
        if (withTime) {
          const [user = NaN, system = NaN] = readFileSync(timeFile, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
          cpuMs += (user + system) * 1000;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, commands.length)) }, worker));
  } finally {
    clearInterval(sampler);
    rmSync(scratch, { recursive: true, force: true });
  }
  return { wallMs: performance.now() - started, cpuMs: withTime ? cpuMs : NaN, peakRssMb: peakRss / 1024, peakPssMb: peakPss / 1024 };
}

function run(cmd: string, args: readonly string[], command: Command, roots: Set<number>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: command.cwd,
      env: { ...process.env, ...command.env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    if (child.pid !== undefined) roots.add(child.pid);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (child.pid !== undefined) roots.delete(child.pid);
      if (code === 0) resolve();
      else reject(new Error(`${describe(command)} exited ${code ?? signal}: ${stderr.trim().split("\n").filter((l) => l.trim() !== "" && !/^\s+at /.test(l)).slice(-12).join("\n")}`));
    });
  });
}

/** The command for an error message: program, first arguments, and how many more. */
function describe(command: Command): string {
  const shown = command.args.slice(0, 3).join(" ");
  return `${command.cmd} ${shown}${command.args.length > 3 ? ` … (${command.args.length - 3} more arguments)` : ""}`;
}

/** A process and its descendants (children of every thread: Chromium forks from a launcher thread). */
function tree(root: number): number[] {
  const found: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    found.push(pid);
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
        if (children !== "") stack.push(...children.split(" ").map(Number));
      } catch {
        // the thread or process is gone
      }
    }
  }
  return found;
}

function rssKb(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE_KB;
  } catch {
    return 0;
  }
}

function pssKb(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
