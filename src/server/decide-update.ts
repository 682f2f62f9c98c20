import type { HtmlOutput } from "../render/html-renderer.js";
import { STYLESHEET } from "../render/paths.js";
import type { PreviewPayload, SiteUpdate } from "./payload.js";

export interface UpdateInput {
  /** The site open pages were showing; undefined when there was none yet. */
  readonly previous: HtmlOutput | undefined;
  readonly next: HtmlOutput;
  /** Project files that changed in this batch (relative, `/`-separated). */
  readonly changedFiles: readonly string[];
  /** Site paths of the pages open in browsers right now. */
  readonly openPages: readonly string[];
  /** Whether open pages show the error overlay (an update, even empty, clears it). */
  readonly overlayShown: boolean;
}

/**
 * Sources papersmith parses. Any other project file (a logo, an image) may be shown by any page;
 * a file in neither render (an editor's temporary file, renamed away) is no change at all.
 */
const SOURCE = /\.(md|ya?ml)$/;

/**
 * The one place that decides how open pages follow a rebuild: a targeted update listing the open
 * pages whose HTML changed (and the stylesheet, swapped in place), a full reload, or nothing.
 * Only open pages are compared, so only they are rendered; the rest render when asked for.
 */
export function decideUpdate(input: UpdateInput): PreviewPayload | undefined {
  const { previous, next } = input;
  if (previous === undefined) return { type: "full-reload" };
  if (!samePages(previous, next)) return { type: "full-reload" };
  if (input.changedFiles.some((file) => !SOURCE.test(file) && (previous.context.series.files.has(file) || next.context.series.files.has(file)))) {
    return { type: "full-reload" }; // an image or other project file: any page may show it
  }
  const updates: SiteUpdate[] = [];
  if (contentOf(previous, STYLESHEET) !== contentOf(next, STYLESHEET)) updates.push({ type: "css", path: STYLESHEET });
  for (const path of new Set(input.openPages)) {
    if (contentOf(previous, path) !== contentOf(next, path)) updates.push({ type: "page", path });
  }
  if (updates.length === 0 && !input.overlayShown) return undefined;
  return { type: "update", updates };
}

function samePages(a: HtmlOutput, b: HtmlOutput): boolean {
  const left = a.pagePaths();
  const right = b.pagePaths();
  return left.length === right.length && left.every((path, i) => path === right[i]);
}

function contentOf(site: HtmlOutput, path: string): string | Uint8Array | undefined {
  return site.page(path)?.content;
}
