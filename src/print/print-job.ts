import { ParseSpeeds, PDFDocument } from "pdf-lib";
import type { Page } from "puppeteer";
import { finishPdf } from "./finish-pdf.js";
import { prepareAndMeasure, type Prepared } from "./page-layout.js";
import { destinationPages } from "./pdf-destinations.js";
import { DRAFT_CLASS, PRINT_STYLE_ID, printCss, withPrintStyle, type PageBox } from "./print-css.js";
import type { PdfMetadata, PrintRequest } from "./print-types.js";

/** One print job: a document and, on a corrected reprint, its contents' page numbers. */
export interface Job {
  readonly index: number;
  readonly request: PrintRequest;
  /** Known page numbers (a reprint after the estimate missed); else they are estimated. */
  readonly numbers: Record<string, number> | undefined;
  /** Print jobs done for this document before this one. */
  readonly prints: number;
  /** Failed attempts at this job (a crash gets one retry). */
  readonly failures: number;
  readonly started: number;
}

export interface Printed extends Prepared {
  readonly raw: Uint8Array;
}

/** The browser's part of a job: load the document, fill in the contents, print. */
export async function printOnPage(page: Page, job: Job, box: PageBox, timeout: number): Promise<Printed> {
  const { request } = job;
  const css = printCss(box, request.runningHeader, request.draft);
  await page.setContent(withPrintStyle(request.html, css), { waitUntil: "load", timeout });
  const prepared = await page.evaluate(prepareAndMeasure, {
    css,
    styleId: PRINT_STYLE_ID,
    draftClass: request.draft ? DRAFT_CLASS : undefined,
    contentWidth: box.contentWidth,
    contentHeight: box.contentHeight,
    numbers: job.numbers,
  });
  const raw = await page.pdf({ tagged: true, outline: true, printBackground: true, preferCSSPageSize: true, timeout });
  return { ...prepared, raw };
}

export type Checked =
  | { readonly kind: "done"; readonly bytes: Uint8Array; readonly pages: number }
  | { readonly kind: "reprint"; readonly numbers: Record<string, number> };

/** Everything Node's part of a job needs, as plain data (it may run in a worker thread). */
export interface FinishInput {
  readonly raw: Uint8Array;
  /** The contents' numbers as printed, to check against where their targets landed. */
  readonly numbers: Record<string, number>;
  readonly headings: readonly string[];
  readonly metadata: PdfMetadata;
  /** What was printed, as text: the basis of the reproducible /ID. */
  readonly fingerprint: string;
  /** Whether a miss may still be reprinted (else the PDF is finished as it is). */
  readonly reprintsLeft: boolean;
}

/** The finishing input of a printed job. */
export function finishInput(printed: Printed, job: Job, format: string, reprintsLeft: boolean): FinishInput {
  return { raw: printed.raw, numbers: printed.numbers, headings: printed.headings, metadata: job.request.metadata, fingerprint: fingerprint(job.request, format), reprintsLeft };
}

/**
 * Node's part of a job: reads where the contents' targets landed; if any number printed is wrong
 * (and reprints are left), asks for a reprint with the right numbers; else finishes the PDF.
 */
export async function checkAndFinish(input: FinishInput): Promise<Checked> {
  // Parse and save without yielding to the event loop between objects: those yields (pdf-lib's
  // default) cost more than the parsing itself.
  const doc = await PDFDocument.load(input.raw, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  if (input.reprintsLeft && Object.keys(input.numbers).length > 0) {
    const corrected = correctedNumbers(input.numbers, destinationPages(doc));
    if (corrected !== undefined) return { kind: "reprint", numbers: corrected };
  }
  const bytes = await finishPdf(doc, input.metadata, input.fingerprint, input.headings);
  return { kind: "done", bytes, pages: doc.getPageCount() };
}

/** The contents' numbers as printed, when any estimate differs from where its target landed. */
function correctedNumbers(estimated: Record<string, number>, landed: ReadonlyMap<string, number>): Record<string, number> | undefined {
  let corrected: Record<string, number> | undefined;
  for (const [target, page] of Object.entries(estimated)) {
    const actual = landed.get(target);
    if (actual === undefined || actual === page) continue;
    corrected ??= { ...estimated };
    corrected[target] = actual;
  }
  return corrected;
}

/** What the PDF was printed from: the basis of its reproducible /ID. */
function fingerprint(request: PrintRequest, format: string): string {
  const metadata: Omit<PdfMetadata, "date"> & { date: string } = { ...request.metadata, date: request.metadata.date.toISOString() };
  return JSON.stringify([request.html, request.runningHeader, request.draft, format, metadata]);
}
