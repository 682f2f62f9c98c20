import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Series, SeriesIndex } from "../model/index.js";
import { AssetStore } from "./linker.js";
import { Layout, type RenderedFile } from "./layout.js";
import type { AuditFacts, RenderOptions } from "./options.js";
import { renderAccessibilityPage } from "./pages/accessibility.js";
import { assetPath } from "./paths.js";
import { sitePlan } from "./site-plan.js";
import { printPlan, type PrintDocument, type PrintPlan } from "./print.js";
import { SiteModel, compare } from "./site-model.js";
import { Templates } from "./template.js";
import { traceability } from "../report/traceability.js";

export type { AuditFacts, RenderOptions } from "./options.js";
export type { RenderedFile } from "./layout.js";
export type { PrintDocument } from "./print.js";

export interface RenderedSite {
  readonly files: readonly RenderedFile[];
  readonly print: readonly PrintDocument[];
}

/** A site whose two halves are rendered when asked for: the build prints while it renders pages. */
export interface SiteRenderer {
  /**
   * One standalone document per PDF (the papers', then the series'), rendered on first use (an
   * HTML-only build never pays for them). Each is rendered once, whether first asked for here
   * or by `printInTurn`.
   */
  readonly print: readonly PrintDocument[];
  /** The path of each document of `print`, known without rendering any. */
  readonly printPaths: readonly string[];
  /**
   * The documents of `print` one at a time, each with its index there, rendered as they are
   * asked for: a printer can start on the first while the rest are rendered. The series
   * document, the longest to print, comes second, so that it prints beside the papers rather
   * than alone at the end. Gives the event loop a turn every few milliseconds, like `pages()`.
   */
  printInTurn(): AsyncGenerator<readonly [number, PrintDocument]>;
  /**
   * Every page of the site, its theme and script, the report and the copied assets, sorted by
   * path. Gives the event loop a turn every few milliseconds, so that a print running meanwhile
   * is handed its next document without waiting for the whole site.
   */
  pages(): Promise<RenderedFile[]>;
  /** The accessibility statement again, saying what an audit of the written output found. */
  accessibilityPage(audit: AuditFacts): RenderedFile;
}

/** How long page rendering holds the event loop before it lets other work (the printer) run. */
const TURN_MS = 5;

/**
 * The HTML renderer: the resolved model to the static site of SPEC §5 (pages, theme, copied
 * assets) and one standalone print document per PDF. Pure apart from reading the project's
 * images; the same input gives the same bytes.
 */
export async function renderSite(series: Series, index: SeriesIndex, options: RenderOptions): Promise<RenderedSite> {
  const renderer = siteRenderer(series, index, options);
  const files = options.pages === false ? [] : await renderer.pages();
  return {
    files,
    get print(): readonly PrintDocument[] {
      return renderer.print;
    },
  };
}

/** renderSite's two halves, each rendered only when asked for, in either order. */
export function siteRenderer(series: Series, index: SeriesIndex, options: RenderOptions): SiteRenderer {
  const site = new SiteModel(series, index, options);
  const templates = new Templates();
  const assets = new AssetStore(series.root);
  let plan: PrintPlan | undefined;
  const planned = (): PrintPlan => (plan ??= printPlan(site, templates, assets));
  // Each document rendered once, whichever of print and printInTurn asks first.
  const rendered: PrintDocument[] = [];
  const printDocument = (index: number): PrintDocument => (rendered[index] ??= planned().documents[index]!());
  let all: readonly PrintDocument[] | undefined;
  return {
    get print(): readonly PrintDocument[] {
      all ??= planned().documents.map((_, index) => printDocument(index));
      return all;
    },
    get printPaths(): readonly string[] {
      return planned().paths;
    },
    async *printInTurn(): AsyncGenerator<readonly [number, PrintDocument]> {
      const { documents, combined } = planned();
      const order = documents.map((_, index) => index);
      if (combined && order.length > 2) order.splice(1, 0, order.pop()!);
      let turn = performance.now();
      for (const index of order) {
        yield [index, printDocument(index)];
        if (performance.now() - turn > TURN_MS) {
          await nextTurn();
          turn = performance.now();
        }
      }
    },
    pages: () => renderPages(site, templates, assets, options),
    accessibilityPage(audit) {
      const audited = new SiteModel(site.series, site.index, { ...options, publication: site.publication, audit });
      return renderAccessibilityPage(audited, new Layout(audited, templates, assets), templates);
    },
  };
}

async function renderPages(site: SiteModel, templates: Templates, assets: AssetStore, options: RenderOptions): Promise<RenderedFile[]> {
  const { series, index } = site;
  const layout = new Layout(site, templates, assets);
  const report = options.report === true ? traceability(series, index, site.publication) : undefined;
  const files: RenderedFile[] = [];
  let turn = performance.now();
  for (const render of sitePlan(site, layout, templates, report).values()) {
    const file = render();
    if (file !== undefined) files.push(file);
    if (performance.now() - turn > TURN_MS) {
      await nextTurn();
      turn = performance.now();
    }
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
