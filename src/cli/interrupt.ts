/** Exit code for a run stopped by a signal: 128 + the signal's number, as shells report it. */
const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * On Ctrl-C or SIGTERM during a command: close the browsers papersmith started, remove the
 * temporary files of unfinished writes (so no half-written file is left and every finished
 * file stays as it was), then exit. Commands with their own shutdown (preview) remove this.
 */
export function exitCleanlyOnSignals(): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\npapersmith: stopped (${signal}); nothing half-written was left behind.\n`);
    void cleanUp().finally(() => process.exit(SIGNAL_EXIT[signal] ?? 1));
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}

async function cleanUp(): Promise<void> {
  // Both modules are loaded already if they did anything; importing them again costs nothing.
  const [{ removePendingWrites }, { closeAllSessions }] = await Promise.all([
    import("../render/write-atomic.js"),
    import("../print/browser-session.js"),
  ]);
  removePendingWrites();
  await Promise.race([closeAllSessions(), new Promise((resolve) => setTimeout(resolve, 5000))]);
}
