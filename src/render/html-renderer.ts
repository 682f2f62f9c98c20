import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { traceability } from "../report/traceability.js";
import { Layout, type RenderedFile } from "./layout.js";
import { AssetStore } from "./linker.js";
import { loopTurns } from "./loop-turns.js";
import type { AuditFacts } from "./options.js";
import { renderAccessibilityPage } from "./pages/accessibility.js";
import { assetPath, REPORT_PAGE } from "./paths.js";
import { searchIndexFiles } from "./search-index.js";
import type { OutputSink, RenderContext, RenderedOutput, Renderer } from "./renderer.js";
import { SiteModel, compare } from "./site-model.js";
import { sitePlan, type FileRenderer } from "./site-plan.js";
import { Templates } from "./template.js";

/** The static site of one render (see docs/reference.md#outputs): pages, theme, script, report and copied project files. */
export interface HtmlOutput extends RenderedOutput {
  readonly context: RenderContext;
  /** The HTML pages of the site (rendered yet or not), in the site's order. */
  pagePaths(): string[];
  /** A page, the stylesheet or the script, rendered now if it was not yet; undefined when the site has none. */
  page(path: string): RenderedFile | undefined;
  /**
   * Every file of the site, sorted by path. Gives the event loop a turn every few milliseconds,
   * so that a print running meanwhile is handed its next document without waiting for the site.
   */
  files(): Promise<RenderedFile[]>;
  /** The accessibility statement again, saying what the audit of the written output found. */
  audited(facts: AuditFacts): readonly RenderedFile[];
}

/**
 * The HTML renderer: the resolved model to the static site. Pure apart from reading the
 * project's images; the same input gives the same bytes.
 */
export const htmlRenderer: Renderer<HtmlOutput> = {
  name: "html",
  render: (context) => new SiteOutput(context),
};

/**
 * The site, rendered page by page when asked for. The build asks for every file; the preview
 * asks for a page when a browser does, and after a save renders only the pages open in a
 * browser (to see whether they changed), so a save costs one page, not the whole site.
 */
class SiteOutput implements HtmlOutput {
  readonly #site: SiteModel;
  readonly #templates = new Templates();
  readonly #assets: AssetStore;
  #plan: ReadonlyMap<string, FileRenderer> | undefined;
  readonly #rendered = new Map<string, RenderedFile | undefined>();
  #allRendered = false;

  constructor(readonly context: RenderContext) {
    this.#site = new SiteModel(context);
    this.#assets = new AssetStore(context.series.root);
  }

  pagePaths(): string[] {
    return [...this.#planned().keys()].filter((path) => path.endsWith(".html"));
  }

  page(path: string): RenderedFile | undefined {
    if (this.#rendered.has(path)) return this.#rendered.get(path);
    const render = this.#planned().get(path);
    if (render === undefined) return undefined;
    const file = render();
    this.#rendered.set(path, file);
    return file;
  }

  /**
   * A page, or a project file some page shows (logos, images, linked files). Pages register the
   * files they use as they render, so a file not registered yet makes every page render once
   * before the answer is no.
   */
  async file(path: string): Promise<RenderedFile | undefined> {
    if (this.#planned().has(path)) return this.page(path);
    let projectPath = this.#copiedFile(path);
    if (projectPath === undefined && !this.#allRendered) {
      for (const page of this.#planned().keys()) this.page(page);
      this.#allRendered = true;
      projectPath = this.#copiedFile(path);
    }
    return projectPath === undefined ? undefined : this.#copy(projectPath);
  }

  async files(): Promise<RenderedFile[]> {
    const files: RenderedFile[] = [];
    const pause = loopTurns();
    for (const path of this.#planned().keys()) {
      const file = this.page(path);
      if (file !== undefined) files.push(file);
      await pause();
    }
    this.#allRendered = true;
    const copies = await Promise.all(this.#assets.copied().map((projectPath) => this.#copy(projectPath)));
    for (const copy of copies) if (copy) files.push(copy);
    if (this.context.options.search === true) {
      // The traceability report is a table of ids and counts, not something a reader searches.
      const searched = files.filter((file) => file.path.endsWith(".html") && file.path !== REPORT_PAGE);
      files.push(...(await searchIndexFiles(searched, this.context.series.config.series.language)));
    }
    return files.sort((a, b) => compare(a.path, b.path));
  }

  /** Renders the whole site first, then writes it: the files it copies are known only once every page is rendered. */
  async writeTo(sink: OutputSink): Promise<{ readonly done: Promise<void> }> {
    const files = await this.files();
    await sink.expect(files.map((file) => file.path));
    await Promise.all(files.map((file) => sink.write(file)));
    return { done: Promise.resolve() };
  }

  audited(facts: AuditFacts): readonly RenderedFile[] {
    const site = new SiteModel({ ...this.context, options: { ...this.context.options, audit: facts } });
    return [renderAccessibilityPage(site, new Layout(site, this.#templates, this.#assets), this.#templates)];
  }

  /** Every file of the site by path, each rendered when called: made on first use, with the report when asked for. */
  #planned(): ReadonlyMap<string, FileRenderer> {
    if (this.#plan === undefined) {
      const { series, index, publication, options } = this.context;
      const report = options.report === true ? traceability(series, index, publication) : undefined;
      this.#plan = sitePlan(this.#site, new Layout(this.#site, this.#templates, this.#assets), this.#templates, report);
    }
    return this.#plan;
  }

  #copiedFile(path: string): string | undefined {
    return this.#assets.copied().find((projectPath) => assetPath(projectPath) === path);
  }

  async #copy(projectPath: string): Promise<RenderedFile | undefined> {
    try {
      return { path: assetPath(projectPath), content: new Uint8Array(await readFile(join(this.context.series.root, projectPath))) };
    } catch {
      return undefined; // validation reports missing files; a render never fails on one
    }
  }
}
