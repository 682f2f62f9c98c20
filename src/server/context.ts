import type { EventHub } from "./event-hub.js";
import type { PreviewPayload } from "./payload.js";
import type { PreviewRender } from "./preview-render.js";

/** What the middlewares may use: the state of the preview, read through functions. */
export interface PreviewContext {
  /** The address the server listens on, as given (`--host`); requests must name it (or loopback). */
  readonly host: string;
  /** The last good render; undefined until the project first builds without errors. */
  readonly current: () => PreviewRender | undefined;
  /** The number of the last good render (0 before the first); each page says which it came from. */
  readonly render: () => number;
  /**
   * What a page that connects now must be told beyond `connected`: to reload when it was served
   * from an older render (a rebuild finished between serving it and its connecting, so it missed
   * that update), and the errors still open.
   */
  readonly greeting: (served: number | undefined) => readonly PreviewPayload[];
  readonly hub: EventHub;
  /** Reports a failure the error handler caught (to the terminal). */
  readonly reportFailure: (message: string) => void;
}
