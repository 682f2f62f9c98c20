/** Exit codes (see README.md#usage). */
export const EXIT = { ok: 0, content: 1, usage: 2, environment: 3 } as const;

/** A usage or configuration problem that stops papersmith before any content is checked (exit 2). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** The environment failed: no browser, a crash, output not writable (exit 3). */
export class EnvironmentError extends Error {
  override readonly name = "EnvironmentError";
}

/**
 * Whether an error is the system running out of file descriptors (EMFILE: this process's limit;
 * ENFILE: the whole system's). It passes as other programs close files, so it is worth a retry,
 * and it never means the project is wrong.
 */
export function isFileLimitError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "EMFILE" || code === "ENFILE";
}
