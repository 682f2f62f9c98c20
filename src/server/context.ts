import type { EventHub } from "./event-hub.js";
import type { PreviewPayload } from "./payload.js";
import type { PdfPrinter } from "./pdf-printer.js";
import type { SitePages } from "./site-pages.js";

/** What the middlewares may use: the state of the preview, read through functions. */
export interface PreviewContext {
  /** The last good render; undefined until the project first builds without errors. */
  readonly current: () => SitePages | undefined;
  /** What a page that connects now must be told beyond `connected` (the errors still open). */
  readonly greeting: () => readonly PreviewPayload[];
  readonly hub: EventHub;
  readonly pdf: PdfPrinter;
  /** Reports a failure the error handler caught (to the terminal). */
  readonly reportFailure: (message: string) => void;
}
