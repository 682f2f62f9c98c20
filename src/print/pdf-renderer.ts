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
import type { PrintRequest, PrintResult } from "./print-types.js";

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
    // Filled at each document's index: kept ones as they come, printed ones once printed.
    const results: PrintResult[] = [];
    const toPrint: PrintRequest[] = [];
    const printedAt: number[] = [];
    const pathOf = new Map<PrintRequest, string>();
    const source = this.#docs.inTurn()[Symbol.asyncIterator]();
    // The next document to print; the kept ones before it go straight into the results.
    const nextToPrint = async (): Promise<PrintRequest | undefined> => {
      for (let next = await source.next(); next.done !== true; next = await source.next()) {
        const [index, doc] = next.value;
        const request = printRequest(series, doc, join(sink.outDir, doc.path));
        const kept = await ledger?.keeps(request, format);
        if (kept !== undefined) {
          results[index] = kept;
          sink.keep(doc.path);
          continue;
        }
        toPrint.push(request);
        printedAt.push(index);
        pathOf.set(request, doc.path);
        return request;
      }
      return undefined;
    };
    const first = await nextToPrint();
    if (first === undefined) {
      this.#results = Promise.resolve(results);
      return { done: Promise.resolve() };
    }
    const printer = await this.renderer.printer();
    await sink.expect(this.#docs.paths);
    const printing = (async (): Promise<PrintResult[]> => {
      await printer.useFormat(format);
      const printed = await printer.printEach(
        (async function* rest(): AsyncGenerator<PrintRequest> {
          for (let request: PrintRequest | undefined = first; request !== undefined; request = await nextToPrint()) yield request;
        })(),
        (request, bytes) => sink.write({ path: pathOf.get(request)!, content: bytes }),
      );
      ledger?.record(toPrint, printed, format);
      await ledger?.save();
      printed.forEach((result, at) => { results[printedAt[at]!] = result; });
      return results;
    })();
    this.#results = printing;
    const done = printing.then(() => undefined);
    done.catch(() => undefined); // awaited by the writer; not an unhandled rejection meanwhile
    printing.catch(() => undefined); // the same failure, reported through done
    return { done };
  }
}
