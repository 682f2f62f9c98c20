import { performance } from "node:perf_hooks";
import { setImmediate as nextTurn } from "node:timers/promises";

/** How long rendering holds the event loop before it lets other work (the printer) run. */
const TURN_MS = 5;

/**
 * A pause for long rendering, awaited after each page or document: once rendering has held the
 * event loop for a few milliseconds it gives the loop a turn, so that a print running meanwhile
 * is handed its next document without waiting for the rest of the rendering.
 */
export function loopTurns(): () => Promise<void> {
  let turn = performance.now();
  return async () => {
    if (performance.now() - turn <= TURN_MS) return;
    await nextTurn();
    turn = performance.now();
  };
}
