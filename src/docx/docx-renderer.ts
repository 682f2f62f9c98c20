import type { RenderedFile } from "../render/layout.js";
import { paperDocx as paperDocxPath, releaseDocx as releaseDocxPath } from "../render/paths.js";
import { hasRelease } from "../render/release.js";
import type { OutputSink, RenderContext, RenderedOutput, Renderer } from "../render/renderer.js";
import { SiteModel } from "../render/site-model.js";
import { paperDocx } from "./paper-document.js";
import { releaseDocx } from "./release-document.js";

/** The Word documents of one render: one per paper built, and one per press release of those papers. */
export interface DocxOutput extends RenderedOutput {
  /** The paths of the documents: the papers', then their releases', in the order of the papers. */
  readonly paths: readonly string[];
}

/**
 * The Word renderer (`build --docx`): `docx/<number>-<slug>.docx` for each paper of the build,
 * for comment rounds with reviewers who work in Word, and `releases/<number>-<slug>.docx` for
 * each of their press releases. Pure apart from reading the project's
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
    return [...this.#site.papers.map(paperDocxPath), ...this.#site.papers.filter(hasRelease).map(releaseDocxPath)];
  }

  async file(path: string): Promise<RenderedFile | undefined> {
    const paper = this.#site.papers.find((p) => paperDocxPath(p) === path);
    const released = this.#site.papers.filter(hasRelease).find((p) => releaseDocxPath(p) === path);
    const make = paper !== undefined ? () => paperDocx(this.#site, paper) : released !== undefined ? () => releaseDocx(this.#site, released) : undefined;
    if (make === undefined) return undefined;
    let made = this.#made.get(path);
    if (made === undefined) {
      made = make();
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
