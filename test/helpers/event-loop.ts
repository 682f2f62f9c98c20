import { performance } from "node:perf_hooks";

/** How long the event loop was held while some work ran: its longest wait between two turns, and the whole. */
export interface LoopHold {
  readonly longestMs: number;
  readonly wholeMs: number;
}

/**
 * Runs `work` while timing the event loop's turns (a setImmediate chain). Work that never lets
 * the loop turn shows as one wait as long as the whole; work that yields, as short waits.
 */
export async function measureLoopHold(work: () => Promise<unknown>): Promise<LoopHold> {
  let last = performance.now();
  let longest = 0;
  let counting = true;
  const pass = (): void => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (counting) setImmediate(pass);
  };
  setImmediate(pass);
  const started = performance.now();
  try {
    await work();
  } finally {
    counting = false;
  }
  const wholeMs = performance.now() - started;
  // The wait still open when the work ended counts too.
  return { longestMs: Math.max(longest, performance.now() - last), wholeMs };
}
