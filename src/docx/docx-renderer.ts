import type { RenderedFile } from "../render/layout.js";
import { paperDocx as paperDocxPath } from "../render/paths.js";
import type { OutputSink, RenderContext, RenderedOutput, Renderer } from "../render/renderer.js";
import { SiteModel } from "../render/site-model.js";
import { paperDocx } from "./paper-document.js";

/** The Word documents of one render: one per paper built. */
export interface DocxOutput extends RenderedOutput {
  /** The paths of the documents, in the order of the papers. */
  readonly paths: readonly string[];
}

/**
 * The Word renderer (`build --docx`): `docx/<number>-<slug>.docx` for each paper of the build,
 * for comment rounds with reviewers who work in Word. Pure apart from reading the project's
 * images; the same input gives the same bytes.
 */
export const docxRenderer: Renderer<DocxOutput> = {
  name: "docx",
  render: (context) => new WordFiles(context),
};

class WordFiles implements DocxOutput {
  readonly #site: SiteModel;
  readonly #made = new Map<string, Promise<Uint8Array>>();

  constructor(context: RenderContext) {
    this.#site = new SiteModel(context);
  }

  get paths(): readonly string[] {
    return this.#site.papers.map(paperDocxPath);
  }

  async file(path: string): Promise<RenderedFile | undefined> {
    const paper = this.#site.papers.find((p) => paperDocxPath(p) === path);
    if (paper === undefined) return undefined;
    let made = this.#made.get(path);
    if (made === undefined) {
      made = paperDocx(this.#site, paper);
      this.#made.set(path, made);
    }
    return { path, content: await made };
  }

  async writeTo(sink: OutputSink): Promise<{ readonly done: Promise<void> }> {
    const paths = this.paths;
    await sink.expect(paths);
    for (const path of paths) {
      const file = await this.file(path);
      if (file !== undefined) await sink.write(file);
    }
    return { done: Promise.resolve() };
  }
}
