/** Exit codes (SPEC §4). */
export const EXIT = { ok: 0, content: 1, usage: 2, environment: 3 } as const;

/** A usage or configuration problem that stops papersmith before any content is checked (exit 2). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** The environment failed: no browser, a crash, output not writable (exit 3). */
export class EnvironmentError extends Error {
  override readonly name = "EnvironmentError";
}
