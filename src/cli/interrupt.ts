/** Exit code for a run stopped by a signal: 128 + the signal's number, as shells report it. */
const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

let stopping: Promise<number> | undefined;

/**
 * The exit code of a run being stopped by a signal, once its clean-up is done; undefined when no
 * signal came. What the interrupted command does meanwhile (a write refused, a browser gone) is
 * a consequence of the signal, not an error of its own to report.
 */
export function interruption(): Promise<number> | undefined {
  return stopping;
}

/**
 * On Ctrl-C or SIGTERM during a command: close the browsers papersmith started, remove the
 * temporary files of unfinished writes (so no half-written file is left and every finished file
 * stays as it was), then exit. The parse cache needs nothing here: it is written only by a
 * check that finished. Commands with their own shutdown (preview) remove this.
 */
export function exitCleanlyOnSignals(): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\npapersmith: stopped (${signal}); nothing half-written was left behind.\n`);
    const code = SIGNAL_EXIT[signal] ?? 1;
    stopping = cleanUp().then(() => code, () => code);
    void stopping.then(() => process.exit(code));
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}

async function cleanUp(): Promise<void> {
  // Each module is loaded already if it did anything, and importing it again costs nothing; a
  // check stopped this way loads the printer's only now, to find no browser to close.
  const [{ removePendingWrites }, { closeAllSessions }] = await Promise.all([
    import("../render/write-atomic.js"),
    import("../print/browser-session.js"),
  ]);
  await Promise.all([
    removePendingWrites(),
    Promise.race([closeAllSessions(), new Promise((resolve) => setTimeout(resolve, 5000))]),
  ]);
}
