import type { PdfOutput } from "../print/pdf-renderer.js";
import type { HtmlOutput } from "../render/html-renderer.js";
import type { RenderedFile } from "../render/layout.js";
import type { RenderContext, RenderedOutput, Renderer } from "../render/renderer.js";

/** The renderers the preview serves from; the same the build writes with. */
export interface PreviewRenderers {
  readonly html: Renderer<HtmlOutput>;
  readonly pdf: Renderer<PdfOutput>;
}

/**
 * One good render of the project, as the preview serves it: each renderer's output, whose files
 * are made when a browser asks for them (a page rendered, a PDF printed) and kept while this
 * render is current.
 */
export class PreviewRender {
  /** The site: its pages are what browsers show, and what a rebuild compares. */
  readonly html: HtmlOutput;
  /** The PDFs, printed on request (`/pdf/<number>`). */
  readonly pdf: PdfOutput;
  readonly #outputs: readonly RenderedOutput[];

  constructor(context: RenderContext, renderers: PreviewRenderers) {
    this.html = renderers.html.render(context);
    this.pdf = renderers.pdf.render(context);
    this.#outputs = [this.html, this.pdf];
  }

  /** The file at `path` of the first output that has one (the site's first); undefined when none has. */
  async file(path: string): Promise<RenderedFile | undefined> {
    for (const output of this.#outputs) {
      const file = await output.file(path);
      if (file !== undefined) return file;
    }
    return undefined;
  }
}
