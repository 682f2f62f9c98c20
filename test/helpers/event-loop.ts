import { performance } from "node:perf_hooks";

/**
 * How the event loop fared while some work ran: its longest wait between two turns, and the
 * whole, each in wall time and in this process's CPU time.
 */
export interface LoopHold {
  readonly longestMs: number;
  readonly wholeMs: number;
  /** The CPU time this process spent in its longest wait between two turns. */
  readonly longestCpuMs: number;
  /** The CPU time this process spent on the whole. */
  readonly wholeCpuMs: number;
}

/** This process's CPU time so far, user and system, in milliseconds. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Runs `work` while timing the event loop's turns (a setImmediate chain). Work that never lets
 * the loop turn shows as one wait as long as the whole; work that yields, as short waits.
 * Assert on the CPU figures: on a loaded machine (CI's 2 cores shared by test workers and
 * browsers) the OS can set this process aside for tens of milliseconds at any point, which
 * shows in the wall figures as a long wait that no code of ours caused.
 */
export async function measureLoopHold(work: () => Promise<unknown>): Promise<LoopHold> {
  let last = performance.now();
  let lastCpu = cpuMs();
  let longest = 0;
  let longestCpu = 0;
  let counting = true;
  const pass = (): void => {
    const now = performance.now();
    const nowCpu = cpuMs();
    longest = Math.max(longest, now - last);
    longestCpu = Math.max(longestCpu, nowCpu - lastCpu);
    last = now;
    lastCpu = nowCpu;
    if (counting) setImmediate(pass);
  };
  setImmediate(pass);
  const started = performance.now();
  const startedCpu = cpuMs();
  try {
    await work();
  } finally {
    counting = false;
  }
  const [ended, endedCpu] = [performance.now(), cpuMs()];
  // The wait still open when the work ended counts too.
  return {
    longestMs: Math.max(longest, ended - last),
    wholeMs: ended - started,
    longestCpuMs: Math.max(longestCpu, endedCpu - lastCpu),
    wholeCpuMs: endedCpu - startedCpu,
  };
}

/** A LoopHold as an assertion's message. */
export function holdText(hold: LoopHold): string {
  const ms = (n: number): string => n.toFixed(0);
  return `longest pass ${ms(hold.longestCpuMs)} ms of CPU (${ms(hold.longestMs)} ms wall) of ${ms(hold.wholeCpuMs)} ms (${ms(hold.wholeMs)} ms wall)`;
}
