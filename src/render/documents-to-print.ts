import { AssetStore } from "./linker.js";
import { loopTurns } from "./loop-turns.js";
import { printPlan, type PrintDocument, type PrintPlan } from "./print.js";
import type { RenderContext } from "./renderer.js";
import { SiteModel } from "./site-model.js";
import { Templates } from "./template.js";

/** The standalone documents the PDFs are printed from, each rendered once, when it is first asked for. */
export interface DocumentsToPrint {
  /** The PDF path of each document, known without rendering any. */
  readonly paths: readonly string[];
  /** The document at an index of `paths`. */
  document(index: number): PrintDocument;
  /** Every document, in the order of `paths` (the papers', then the series'). */
  all(): readonly PrintDocument[];
  /**
   * The documents one at a time, each with its index in `paths`, rendered as they are asked for:
   * a printer can start on the first while the rest are rendered. The series document, the
   * longest to print, comes second, so that it prints beside the papers rather than alone at the
   * end. Gives the event loop a turn every few milliseconds.
   */
  inTurn(): AsyncGenerator<readonly [number, PrintDocument]>;
}

/** One print document per paper built, and the whole series (final papers) when `build.pdf.combined`. */
export function documentsToPrint(context: RenderContext): DocumentsToPrint {
  const site = new SiteModel(context);
  const templates = new Templates();
  const assets = new AssetStore(context.series.root);
  let plan: PrintPlan | undefined;
  const planned = (): PrintPlan => (plan ??= printPlan(site, templates, assets));
  const rendered: PrintDocument[] = [];
  const document = (index: number): PrintDocument => (rendered[index] ??= planned().documents[index]!());
  let all: readonly PrintDocument[] | undefined;
  return {
    get paths(): readonly string[] {
      return planned().paths;
    },
    document,
    all: () => (all ??= planned().documents.map((_, index) => document(index))),
    async *inTurn(): AsyncGenerator<readonly [number, PrintDocument]> {
      const { documents, combined } = planned();
      const order = documents.map((_, index) => index);
      if (combined && order.length > 2) order.splice(1, 0, order.pop()!);
      const pause = loopTurns();
      for (const index of order) {
        yield [index, document(index)];
        await pause();
      }
    },
  };
}
