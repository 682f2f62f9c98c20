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

/**
 * Node's part of a job: reads where the contents' targets landed; if any number printed is wrong
 * (and reprints are left), asks for a reprint with the right numbers; else finishes the PDF.
 */
export async function checkAndFinish(printed: Printed, job: Job, format: string, reprintsLeft: boolean): Promise<Checked> {
  // Parse and save without yielding to the event loop between objects: those yields (pdf-lib's
  // default) cost more than the parsing itself.
  const doc = await PDFDocument.load(printed.raw, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  if (reprintsLeft && Object.keys(printed.numbers).length > 0) {
    const corrected = correctedNumbers(printed.numbers, destinationPages(doc));
    if (corrected !== undefined) return { kind: "reprint", numbers: corrected };
  }
  const bytes = await finishPdf(doc, job.request.metadata, fingerprint(job.request, format), printed.headings);
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
