import type { LaunchedBrowser } from "./launch-browser.js";
import type { MeasuredOverflow } from "./page-layout.js";

export type { MeasuredOverflow } from "./page-layout.js";

/** The print stage's interface with the build driver (re-exported by print-documents.ts). */

export interface PdfMetadata {
  readonly title: string;
  /** The partners' names, joined. */
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  /** BCP 47, e.g. en-GB: the catalog's /Lang. */
  readonly language: string;
  readonly creator: string;
  /** Creation and modification date (from SOURCE_DATE_EPOCH or the newest source). */
  readonly date: Date;
}

/** The running header of the pages of one part of a document: the element with id `id`. */
export interface PartHeader {
  readonly id: string;
  readonly header: string;
}

export interface PrintRequest {
  /** A standalone print document from the renderer (cover, nav.toc, main, section.about). */
  readonly html: string;
  /** Absolute path of the PDF to write; it names the PDF in messages and results, wherever it is delivered. */
  readonly outFile: string;
  /** The PDF's path in the output folder, as other documents' `crossTargets` name it. */
  readonly path?: string;
  readonly metadata: PdfMetadata;
  /** "Series title — Paper title", shown at the top of every page but the cover. */
  readonly runningHeader: string;
  /** In a document of several papers (the whole series), each paper's own running header, by the id of the element that holds it. */
  readonly partHeaders?: readonly PartHeader[];
  /** Adds a DRAFT watermark to every page. */
  readonly draft: boolean;
  /** Places in other PDFs whose pages the document prints ("pdf/2-outcomes.pdf#next-steps"). */
  readonly crossTargets?: readonly string[];
  /** Their pages, by the same keys, as far as known; a reference whose page is unknown prints none. */
  readonly crossPages?: Readonly<Record<string, number>>;
}

/**
 * Where a finished PDF goes. By default it is written atomically to its request's `outFile`; a
 * build hands it to its output writer instead, and the preview keeps it in memory.
 */
export type PdfDelivery = (request: PrintRequest, bytes: Uint8Array) => Promise<void>;

export interface PrintOptions {
  /** The --chromium option. */
  readonly chromium?: string;
  /** That browser, already starting (EarlyBrowser): used instead of starting another. */
  readonly started?: Promise<LaunchedBrowser>;
  /** build.pdf.format: "A4", "Letter", "A4 landscape"… */
  readonly format: string;
  /** Pages printing at once; default os.availableParallelism(). */
  readonly concurrency?: number;
  /** Per browser operation (setContent, pdf), in milliseconds; default 60 000. */
  readonly timeout?: number;
}

export interface PrintResult {
  readonly outFile: string;
  readonly pages: number;
  /** Milliseconds from the start of the call until this PDF was written. */
  readonly ms: number;
  /**
   * Print jobs this document took: 1, or more when the contents' estimate needed correcting;
   * 0 when the PDF from an earlier build was kept (its inputs unchanged, see PdfLedger).
   */
  readonly prints: number;
  /** SHA-256 of the PDF's bytes, in hex. */
  readonly sha256: string;
  /** Tables and images of the sources wider than the text block, fitted to it in this PDF. */
  readonly overflows: readonly MeasuredOverflow[];
  /** The page of each heading with an id: where other PDFs' references to it lead. */
  readonly anchors: Readonly<Record<string, number>>;
}
