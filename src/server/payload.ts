/**
 * Messages from the preview server to open pages, over Server-Sent Events
 * (`/__papersmith/events`). Like Vite's HMR payloads, a small typed union; the browser
 * client (client.ts) is the only consumer.
 */

/** One diagnostic as the overlay shows it: the same fields the terminal prints. */
export interface OverlayDiagnostic {
  /** Relative to the project; "" for a failure of no file (the machine ran out of open files). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: "error" | "warn";
  readonly rule: string;
  readonly message: string;
  readonly suggestion?: string;
}

/** Something of the site that changed: a page (reloaded if open) or the stylesheet (swapped in place). */
export interface SiteUpdate {
  readonly type: "page" | "css";
  /** Site path, relative to the root with `/` separators, e.g. "papers/1-shared-values.html". */
  readonly path: string;
}

export type PreviewPayload =
  /** Sent once when a page connects. */
  | { readonly type: "connected" }
  /**
   * These parts changed: a page reloads when it is listed (keeping its scroll position), the
   * stylesheet is swapped. Every update also clears an error overlay, so an empty list means
   * "the errors are fixed and nothing you see changed".
   */
  | { readonly type: "update"; readonly updates: readonly SiteUpdate[] }
  /** Every page reloads (pages were added or removed, an image changed…). */
  | { readonly type: "full-reload" }
  /** The project has errors: the last good render stays and the overlay lists these. */
  | { readonly type: "error"; readonly diagnostics: readonly OverlayDiagnostic[] };

/** One SSE message carrying a payload. */
export function sseMessage(payload: PreviewPayload): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}
