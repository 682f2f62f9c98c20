import type { Series, SeriesIndex } from "../model/index.js";
import { publicationOf, type Publication } from "../resolve/publication.js";
import type { RenderedFile } from "./layout.js";
import type { AuditFacts, RenderOptions } from "./options.js";

// The one interface every output goes through, as in mdBook: a renderer has a name and turns
// the checked series into its files. `build` writes the files of each renderer it runs through
// one OutputSink (OutputWriter); `preview` asks each renderer's output for the file a browser
// requests. Neither looks inside a renderer.

/** What every renderer is given: the checked series, its index, what the render publishes, and how. */
export interface RenderContext {
  readonly series: Series;
  readonly index: SeriesIndex;
  /** What this render publishes: the one answer every renderer reads, so that none shows what another leaves out. */
  readonly publication: Publication;
  readonly options: RenderOptions;
}

/** Where an output's files go when they are written: the build's output folder (OutputWriter). */
export interface OutputSink {
  /** The folder the files are written to (a file's path is relative to it). */
  readonly outDir: string;
  /**
   * Announces files about to be written, before any of them is: the output manifest lists them,
   * so that a build that dies half way is tidied by the next; refuses a symbolic link on the way.
   */
  expect(paths: readonly string[]): Promise<void>;
  /** Writes one file atomically. */
  write(file: RenderedFile): Promise<void>;
  /** Counts as written a file already in place with exactly the bytes this render gives. */
  keep(path: string): void;
}

/** What one renderer made of one render context: its files, each made when it is first needed. */
export interface RenderedOutput {
  /** One file by its path, made now if it was not yet; undefined when this output has no such file. */
  file(path: string): Promise<RenderedFile | undefined>;
  /**
   * Makes every file and writes it through `sink`. Resolves once the writing is under way and
   * nothing outside the project can stop it before it writes (a browser that cannot start fails
   * here), with `done`, which settles when the last file is written.
   */
  writeTo(sink: OutputSink): Promise<{ readonly done: Promise<void> }>;
  /** The files that say what an audit of the written output found, made again now that it is known. */
  audited?(facts: AuditFacts): readonly RenderedFile[];
}

/** An output format: HTML, PDF, Word. */
export interface Renderer<Output extends RenderedOutput = RenderedOutput> {
  /** A short name: "html", "pdf". */
  readonly name: string;
  /** This renderer's output for one render context; nothing is made until it is asked for. */
  render(context: RenderContext): Output;
  /** Releases what the renderer holds between renders (a browser). Closing twice is harmless. */
  close?(): Promise<void>;
}

/**
 * The context for a series rendered with `options`: what it publishes is decided from them
 * (drafts, the moment embargoes are judged against, the papers asked for) when the caller has
 * not decided it already.
 */
export function renderContext(series: Series, index: SeriesIndex, options: RenderOptions, publication?: Publication): RenderContext {
  return {
    series,
    index,
    publication: publication ?? publicationOf(series, index, {
      internal: options.includeDrafts,
      now: options.now ?? new Date(),
      ...(options.paperNumbers === undefined ? {} : { paperNumbers: options.paperNumbers }),
    }),
    options,
  };
}
