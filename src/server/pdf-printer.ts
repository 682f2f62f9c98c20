import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPrinter, type Printer } from "../print/print-documents.js";
import { printRequest } from "../print/print-request.js";
import type { PrintDocument } from "../render/site.js";
import type { SitePages } from "./site-pages.js";

/**
 * Prints a paper's PDF when a browser asks for it, with the print stage of `build`, into a
 * temporary folder, and keeps the bytes for as long as that render is current. One browser,
 * started on the first request, serves every print until the server closes.
 */
export class PdfPrinter {
  readonly #printed = new WeakMap<SitePages, Map<string, Promise<Uint8Array>>>();
  readonly #inFlight = new Set<Promise<unknown>>();
  #printer: Promise<Printer> | undefined;
  #closed = false;

  constructor(private readonly chromium?: string) {}

  /** The PDF of one print document of a render. */
  pdf(pages: SitePages, doc: PrintDocument): Promise<Uint8Array> {
    if (this.#closed) return Promise.reject(new Error("The preview server is closing."));
    let byPath = this.#printed.get(pages);
    if (byPath === undefined) {
      byPath = new Map();
      this.#printed.set(pages, byPath);
    }
    let bytes = byPath.get(doc.path);
    if (bytes === undefined) {
      bytes = this.#print(pages, doc);
      const cache = byPath;
      bytes.catch(() => cache.delete(doc.path)); // a failed print is tried again on the next request
      byPath.set(doc.path, bytes);
      const tracked = bytes.catch(() => undefined).finally(() => this.#inFlight.delete(tracked));
      this.#inFlight.add(tracked);
    }
    return bytes;
  }

  /** Refuses new prints, waits for the ones running, then closes the browser. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#inFlight]);
    const printer = this.#printer;
    this.#printer = undefined;
    if (printer) await printer.then((p) => p.close(), () => undefined);
  }

  /** The shared printer, started on first use; a failed start is tried again next time. */
  #sharedPrinter(format: string): Promise<Printer> {
    if (this.#printer === undefined) {
      const starting = openPrinter({ format, concurrency: 1, ...(this.chromium === undefined ? {} : { chromium: this.chromium }) });
      starting.catch(() => { if (this.#printer === starting) this.#printer = undefined; });
      this.#printer = starting;
    }
    return this.#printer;
  }

  async #print(pages: SitePages, doc: PrintDocument): Promise<Uint8Array> {
    const dir = await mkdtemp(join(tmpdir(), "papersmith-preview-pdf-"));
    try {
      const outFile = join(dir, "out.pdf");
      const printer = await this.#sharedPrinter(pages.series.config.build.pdf.format);
      await printer.print([printRequest(pages.series, doc, outFile)]);
      return new Uint8Array(await readFile(outFile));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
