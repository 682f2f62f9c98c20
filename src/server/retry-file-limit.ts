import { isFileLimitError } from "../diagnostics/errors.js";

export interface FileLimitRetry {
  /** Attempts in all, the first included (default 4). */
  readonly tries?: number;
  /** The wait before the first retry; it doubles for each one after (default 50 ms). */
  readonly delayMs?: number;
  /** How to wait (tests pass one that does not). */
  readonly sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work`, and again after a short, growing wait while it fails for too many open files
 * (EMFILE/ENFILE): a burst of saves, a browser printing and an editor indexing can briefly use
 * up the limit. Any other failure, and the last file-limit one, is thrown as it is.
 */
export async function retryOnFileLimit<T>(work: () => Promise<T>, options: FileLimitRetry = {}): Promise<T> {
  const tries = Math.max(1, options.tries ?? 4);
  const sleep = options.sleep ?? wait;
  let delay = options.delayMs ?? 50;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= tries || !isFileLimitError(error)) throw error;
    }
    await sleep(delay);
    delay *= 2;
  }
}
