/** What the parse pool sends its workers, and what they send back (see parse-pool.ts). */

/** One file to load: its kind (a loader of CACHED_LOADERS), its path in the project and its text. */
export interface ParseTask {
  readonly id: number;
  readonly kind: string;
  readonly file: string;
  readonly text: string;
}

/**
 * The loader's result, as `v8.serialize` wrote it; or the loader's exception, as text; or, once
 * at its start, that the worker has loaded its code and is ready (a file's budget starts then).
 */
export type ParseReply =
  | { readonly id: number; readonly bytes: Uint8Array }
  | { readonly id: number; readonly failure: string }
  | { readonly ready: true };
