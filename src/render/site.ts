import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Series, SeriesIndex } from "../model/index.js";
import { AssetStore } from "./linker.js";
import { Layout, type RenderedFile } from "./layout.js";
import type { RenderOptions } from "./options.js";
import { assetPath } from "./paths.js";
import { sitePlan } from "./site-plan.js";
import { renderPrintDocuments, type PrintDocument } from "./print.js";
import { SiteModel, compare } from "./site-model.js";
import { Templates } from "./template.js";
import { traceability } from "../report/traceability.js";

export type { RenderOptions } from "./options.js";
export type { RenderedFile } from "./layout.js";
export type { PrintDocument } from "./print.js";

export interface RenderedSite {
  readonly files: readonly RenderedFile[];
  readonly print: readonly PrintDocument[];
}

/**
 * The HTML renderer: the resolved model to the static site of SPEC §5 (pages, theme, copied
 * assets) and one standalone print document per PDF. Pure apart from reading the project's
 * images; the same input gives the same bytes.
 */
export async function renderSite(series: Series, index: SeriesIndex, options: RenderOptions): Promise<RenderedSite> {
  const site = new SiteModel(series, index, options);
  const templates = new Templates();
  const assets = new AssetStore(series.root);
  const files = options.pages === false ? [] : await renderPages(site, templates, assets, options);
  // Print documents are made on first use, so an HTML-only build never pays for them.
  let print: readonly PrintDocument[] | undefined;
  return {
    files,
    get print(): readonly PrintDocument[] {
      print ??= renderPrintDocuments(site, templates, assets);
      return print;
    },
  };
}

/** Every page of the site, its theme and script, the report and the copied assets, sorted by path. */
async function renderPages(site: SiteModel, templates: Templates, assets: AssetStore, options: RenderOptions): Promise<RenderedFile[]> {
  const { series, index } = site;
  const layout = new Layout(site, templates, assets);
  const report = options.report === true ? traceability(series, index) : undefined;
  const files: RenderedFile[] = [];
  for (const render of sitePlan(site, layout, templates, report).values()) {
    const file = render();
    if (file !== undefined) files.push(file);
  }
  const copies = await Promise.all(assets.copied().map(async (projectPath) => {
    try {
      return { path: assetPath(projectPath), content: new Uint8Array(await readFile(join(series.root, projectPath))) };
    } catch {
      return undefined; // validation reports missing files; a render never fails on one
    }
  }));
  for (const copy of copies) if (copy) files.push(copy);
  return files.sort((a, b) => compare(a.path, b.path));
}
