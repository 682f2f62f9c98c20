import { join } from "node:path";
import type { Series } from "../model/index.js";
import { documentsToPrint, type DocumentsToPrint } from "../render/documents-to-print.js";
import type { RenderedFile } from "../render/layout.js";
import { paperPdf } from "../render/paths.js";
import type { PrintDocument } from "../render/print.js";
import type { OutputSink, RenderContext, RenderedOutput, Renderer } from "../render/renderer.js";
import type { PdfLedger } from "./pdf-ledger.js";
import type { Printer } from "./print-documents.js";
import { printRequest } from "./print-request.js";
import type { PdfDelivery, PrintRequest, PrintResult } from "./print-types.js";
import { CrossPageBoard, crossPagesFor, sameCrossPages } from "./cross-pages.js";

/** Rounds of reprints at most for pages of other PDFs; a number that still moves after that is left. */
const MAX_CROSS_PRINTS = 2;

export interface PdfRendererOptions {
  /**
   * Starts the printer (its browser) when the renderer first has a PDF to print. The renderer
   * keeps what it gives until `close`; a start that failed is asked for again next time.
   */
  readonly printer: () => Promise<Printer>;
  /** What earlier builds printed: a PDF still in the output folder from the same input is kept, not printed again. */
  readonly ledger?: PdfLedger;
}

/** The PDFs of one render: one per paper built, and the whole series. */
export interface PdfOutput extends RenderedOutput {
  /** The path of paper `number`'s PDF, when this render has one. */
  pathOfPaper(number: number): string | undefined;
  /** Each PDF's result, in the order of the documents, once `writeTo` has printed or kept them all; none before. */
  readonly results: Promise<readonly PrintResult[]>;
}

/** The PDF renderer, with the printer it holds between renders (closed by `close`). */
export type PdfRenderer = Renderer<PdfOutput> & { close(): Promise<void> };

/**
 * The PDF renderer: each render's print documents (render/print.ts), printed by Chromium. The
 * build prints them all while the site is rendered; the preview prints one when a browser asks
 * for it, and keeps its bytes as long as that render is current.
 */
export function pdfRenderer(options: PdfRendererOptions): PdfRenderer {
  return new PrintingRenderer(options);
}

class PrintingRenderer implements PdfRenderer {
  readonly name = "pdf";
  readonly #inFlight = new Set<Promise<unknown>>();
  #printer: Promise<Printer> | undefined;
  #closed = false;

  constructor(readonly options: PdfRendererOptions) {}

  render(context: RenderContext): PdfOutput {
    return new PdfFiles(context, this);
  }

  /** The printer, started on first use; a failed start is tried again next time. */
  printer(): Promise<Printer> {
    if (this.#printer === undefined) {
      const starting = this.options.printer();
      starting.catch(() => { if (this.#printer === starting) this.#printer = undefined; });
      this.#printer = starting;
    }
    return this.#printer;
  }

  /** One document's PDF, printed on its own; refused once the renderer is closing. */
  printOne(series: Series, doc: PrintDocument): Promise<Uint8Array> {
    if (this.#closed) return Promise.reject(new Error("The PDF renderer is closing: no more PDFs are printed."));
    const printing = (async (): Promise<Uint8Array> => {
      const printer = await this.printer();
      await printer.useFormat(series.config.build.pdf.format);
      let pdf: Uint8Array | undefined;
      await printer.print([printRequest(series, doc, doc.path)], async (_, bytes) => { pdf = bytes; });
      if (pdf === undefined) throw new Error(`The printer gave no PDF for ${doc.path}.`);
      return pdf;
    })();
    const tracked = printing.catch(() => undefined).finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
    return printing;
  }

  /** Refuses new prints, waits for the ones running, then closes the printer if it was started. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#inFlight]);
    const printer = this.#printer;
    this.#printer = undefined;
    if (printer) await printer.then((p) => p.close(), () => undefined);
  }
}

class PdfFiles implements PdfOutput {
  #documents: DocumentsToPrint | undefined;
  /** The bytes of each PDF printed on request, by path; a failed print is tried again on the next request. */
  readonly #printed = new Map<string, Promise<Uint8Array>>();
  #results: Promise<readonly PrintResult[]> = Promise.resolve([]);

  constructor(private readonly context: RenderContext, private readonly renderer: PrintingRenderer) {}

  /** The print documents, planned on first use: the preview makes an output on every save and prints seldom. */
  get #docs(): DocumentsToPrint {
    return (this.#documents ??= documentsToPrint(this.context));
  }

  get results(): Promise<readonly PrintResult[]> {
    return this.#results;
  }

  pathOfPaper(number: number): string | undefined {
    const paper = this.context.publication.papers.find((p) => p.number === number);
    return paper === undefined ? undefined : paperPdf(paper);
  }

  async file(path: string): Promise<RenderedFile | undefined> {
    const at = this.#docs.paths.indexOf(path);
    if (at < 0) return undefined;
    let bytes = this.#printed.get(path);
    if (bytes === undefined) {
      bytes = this.renderer.printOne(this.context.series, this.#docs.document(at));
      this.#printed.set(path, bytes);
      bytes.catch(() => this.#printed.delete(path));
    }
    return { path, content: await bytes };
  }

  /**
   * Starts printing the documents as they are rendered, except those the ledger keeps, and
   * resolves once the browser has started: a browser that cannot start stops the build before
   * anything is written, so the output never mixes this build's pages with the last build's
   * PDFs. A build that prints nothing never waits for the browser. The documents after the
   * first to print are rendered while it prints.
   */
  async writeTo(sink: OutputSink): Promise<{ readonly done: Promise<void> }> {
    const { series } = this.context;
    const format = series.config.build.pdf.format;
    const ledger = this.renderer.options.ledger;
    const outFile = (path: string): string => join(sink.outDir, path);
    // Filled at each document's index: kept ones as they come, printed ones once printed.
    const results: PrintResult[] = [];
    /** Each document's request as last printed or kept, by index. */
    const requests: PrintRequest[] = [];
    const printedAt: number[] = [];
    const paths = this.#docs.paths;
    const board = new CrossPageBoard(paths);
    const source = this.#docs.inTurn()[Symbol.asyncIterator]();
    // The next document to print; the kept ones before it go straight into the results. One that
    // prints other PDFs' pages takes those of the PDFs kept from the last build from it; those
    // of PDFs printed now, the printer takes from the board as they are laid out.
    const nextToPrint = async (): Promise<PrintRequest | undefined> => {
      for (let next = await source.next(); next.done !== true; next = await source.next()) {
        const [index, doc] = next.value;
        let request = printRequest(series, doc, outFile(doc.path));
        if (request.crossTargets !== undefined) {
          request = { ...request, crossPages: crossPagesFor(request.crossTargets, (path) => ledger?.anchorsOf(outFile(path))) };
        }
        requests[index] = request;
        const kept = await ledger?.keeps(request, format);
        if (kept !== undefined) {
          results[index] = kept;
          board.skip(doc.path);
          sink.keep(doc.path);
          continue;
        }
        printedAt.push(index);
        return request;
      }
      return undefined;
    };
    const first = await nextToPrint();
    if (first === undefined && crossPagesRight(requests, results, paths)) {
      this.#results = Promise.resolve(results);
      return { done: Promise.resolve() };
    }
    const printer = await this.renderer.printer();
    await sink.expect(paths);
    // A PDF that prints other PDFs' pages is held until those pages are known to be right.
    const held = new Map<string, Uint8Array>();
    const deliver: PdfDelivery = (request, bytes) => {
      const path = request.path!;
      requests[paths.indexOf(path)] = request; // as printed: its cross pages settled when it was
      if (request.crossTargets === undefined) return sink.write({ path, content: bytes });
      held.set(path, bytes);
      return Promise.resolve();
    };
    const printing = (async (): Promise<PrintResult[]> => {
      await printer.useFormat(format);
      if (first !== undefined) {
        const printed = await printer.printEach(
          (async function* rest(): AsyncGenerator<PrintRequest> {
            for (let request: PrintRequest | undefined = first; request !== undefined; request = await nextToPrint()) yield request;
          })(),
          deliver,
          board,
        );
        ledger?.record(printedAt.map((index) => requests[index]!), printed, format);
        printed.forEach((result, at) => { results[printedAt[at]!] = result; });
      }
      await this.#correctCrossPages(printer, requests, results, deliver, format);
      for (const [path, content] of held) await sink.write({ path, content });
      await ledger?.save(); // after the writing: it lists only PDFs on disk
      return results;
    })();
    this.#results = printing;
    const done = printing.then(() => undefined);
    done.catch(() => undefined); // awaited by the writer; not an unhandled rejection meanwhile
    printing.catch(() => undefined); // the same failure, reported through done
    return { done };
  }

  /**
   * Once every document is printed or kept, prints again those whose pages of other PDFs differ
   * from the pages those PDFs really have, with the right ones; a print may move its own
   * headings, so this repeats, at most MAX_CROSS_PRINTS times.
   */
  async #correctCrossPages(
    printer: Printer, requests: PrintRequest[], results: PrintResult[], deliver: PdfDelivery, format: string,
  ): Promise<void> {
    const ledger = this.renderer.options.ledger;
    const paths = this.#docs.paths;
    for (let round = 0; round < MAX_CROSS_PRINTS; round += 1) {
      const anchorsOf = anchorsByPath(results, paths);
      const redo: number[] = [];
      requests.forEach((request, index) => {
        if (request.crossTargets === undefined) return;
        const pages = crossPagesFor(request.crossTargets, anchorsOf);
        if (sameCrossPages(pages, request.crossPages)) return;
        requests[index] = { ...request, crossPages: pages };
        redo.push(index);
      });
      if (redo.length === 0) return;
      const again = await printer.print(redo.map((index) => requests[index]!), deliver);
      ledger?.record(redo.map((index) => requests[index]!), again, format);
      again.forEach((result, at) => {
        const index = redo[at]!;
        results[index] = { ...result, prints: result.prints + (results[index]?.prints ?? 0) };
      });
    }
  }
}

/** Each PDF's heading pages, by its path, from the results of a render's documents. */
function anchorsByPath(results: readonly PrintResult[], paths: readonly string[]): (path: string) => Readonly<Record<string, number>> | undefined {
  return (path) => results[paths.indexOf(path)]?.anchors;
}

/** Whether every document prints the pages other PDFs really have (as printed or kept). */
function crossPagesRight(requests: readonly PrintRequest[], results: readonly PrintResult[], paths: readonly string[]): boolean {
  const anchorsOf = anchorsByPath(results, paths);
  return requests.every((request) => request.crossTargets === undefined || sameCrossPages(crossPagesFor(request.crossTargets, anchorsOf), request.crossPages));
}
