import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Series, SeriesIndex } from "../model/index.js";
import type { PrintDocument, RenderedFile, RenderOptions } from "../render/site.js";
import { AssetStore } from "../render/linker.js";
import { Layout } from "../render/layout.js";
import { renderPrintDocuments } from "../render/print.js";
import { SiteModel } from "../render/site-model.js";
import { renderContext } from "../render/renderer.js";
import { sitePlan, type FileRenderer } from "../render/site-plan.js";
import { Templates } from "../render/template.js";
import { assetPath } from "../render/paths.js";

/**
 * One good render of the site, made page by page on first request. After a save only the pages
 * that are open in a browser are rendered (to see whether they changed) and the rest wait until
 * someone asks, so a save costs one page, not the whole site. The pages are the renderer's own
 * site plan (src/render/site-plan.ts), the list the HTML renderer renders whole.
 */
export class SitePages {
  readonly site: SiteModel;
  readonly #templates = new Templates();
  readonly #assets: AssetStore;
  readonly #layout: Layout;
  readonly #renderers: ReadonlyMap<string, FileRenderer>;
  readonly #rendered = new Map<string, RenderedFile | undefined>();
  #allRendered = false;
  #print: readonly PrintDocument[] | undefined;

  constructor(readonly series: Series, readonly index: SeriesIndex, readonly options: RenderOptions) {
    this.site = new SiteModel(renderContext(series, index, options));
    this.#assets = new AssetStore(series.root);
    this.#layout = new Layout(this.site, this.#templates, this.#assets);
    this.#renderers = sitePlan(this.site, this.#layout, this.#templates);
  }

  /** The HTML pages this render has (whether rendered yet or not), in the renderer's order. */
  pagePaths(): string[] {
    return [...this.#renderers.keys()].filter((path) => path.endsWith(".html"));
  }

  /** A page, the stylesheet or the script, rendered now if it was not yet; undefined if the site has none. */
  page(path: string): RenderedFile | undefined {
    if (this.#rendered.has(path)) return this.#rendered.get(path);
    const render = this.#renderers.get(path);
    if (render === undefined) return undefined;
    const file = render();
    this.#rendered.set(path, file);
    return file;
  }

  /** Whether `path` was rendered already (so comparing with it costs nothing). */
  isRendered(path: string): boolean {
    return this.#rendered.has(path);
  }

  /**
   * Any file of the built site: a page, or a project file some page shows (logos, images, linked
   * files). Pages register the files they use as they render, so a file not registered yet makes
   * every page render once before the answer is no.
   */
  async file(path: string): Promise<RenderedFile | undefined> {
    if (this.#renderers.has(path)) return this.page(path);
    let projectPath = this.#copiedFile(path);
    if (projectPath === undefined && !this.#allRendered) {
      this.#renderAll();
      projectPath = this.#copiedFile(path);
    }
    if (projectPath === undefined) return undefined;
    try {
      return { path, content: new Uint8Array(await readFile(join(this.series.root, projectPath))) };
    } catch {
      return undefined; // validation reports missing files; the preview never fails on one
    }
  }

  /** The standalone print documents (one per paper, and the combined series), made on first use. */
  printDocuments(): readonly PrintDocument[] {
    this.#print ??= renderPrintDocuments(this.site, this.#templates, this.#assets);
    return this.#print;
  }

  #copiedFile(path: string): string | undefined {
    return this.#assets.copied().find((projectPath) => assetPath(projectPath) === path);
  }

  #renderAll(): void {
    for (const path of this.#renderers.keys()) this.page(path);
    this.#allRendered = true;
  }
}
