import type { Series, SeriesIndex } from "../model/index.js";
import type { RenderedFile } from "./layout.js";
import type { RenderOptions } from "./options.js";
import type { PrintDocument } from "./print.js";
import { documentsToPrint } from "./documents-to-print.js";
import { htmlRenderer } from "./html-renderer.js";
import { renderContext } from "./renderer.js";

export type { AuditFacts, RenderOptions } from "./options.js";
export type { RenderedFile } from "./layout.js";
export type { PrintDocument } from "./print.js";

/** A whole render in memory: the site's files and the documents its PDFs are printed from. */
export interface RenderedSite {
  readonly files: readonly RenderedFile[];
  /** Rendered on first use. */
  readonly print: readonly PrintDocument[];
}

/**
 * The site and the print documents of a series, whole, for those that look at a render rather
 * than write or serve it (tests, measurements). `options.pages === false` renders no pages.
 */
export async function renderSite(series: Series, index: SeriesIndex, options: RenderOptions): Promise<RenderedSite> {
  const context = renderContext(series, index, options);
  const files = options.pages === false ? [] : await htmlRenderer.render(context).files();
  const print = documentsToPrint(context);
  return {
    files,
    get print(): readonly PrintDocument[] {
      return print.all();
    },
  };
}
