import type { Page } from "puppeteer";
import { prepareAndMeasure, type Prepared } from "./page-layout.js";
import { DRAFT_CLASS, FIT_CLASS, PRINT_STYLE_ID, printCss, withPrintStyle, type PageBox } from "./print-css.js";
import { CROSS_PAGE_CLASS, REF_PAGE_CLASS } from "../render/print-page-refs.js";
import { FIGURE_SELECTOR, WIDE_TABLE_CLASS } from "../render/figures.js";
import type { PdfMetadata, PrintRequest } from "./print-types.js";
import type { FinishInput } from "./finish-job.js";

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

/**
 * The browser's part of a job: load the document, fill in the contents, print. `laidOut` hears
 * the estimated pages of its headings and figures before the printing starts.
 */
export async function printOnPage(page: Page, job: Job, box: PageBox, timeout: number, laidOut?: (anchors: Readonly<Record<string, number>>) => void): Promise<Printed> {
  const { request } = job;
  const css = printCss(box, request.runningHeader, request.draft, request.partHeaders);
  await page.setContent(withPrintStyle(request.html, css), { waitUntil: "load", timeout });
  const prepared = await page.evaluate(prepareAndMeasure, {
    css,
    styleId: PRINT_STYLE_ID,
    draftClass: request.draft ? DRAFT_CLASS : undefined,
    contentWidth: box.contentWidth,
    contentHeight: box.contentHeight,
    numbers: job.numbers,
    fitClass: FIT_CLASS,
    wideClass: WIDE_TABLE_CLASS,
    wideContentWidth: box.wide.contentWidth,
    figureSelector: FIGURE_SELECTOR,
    refPageClass: REF_PAGE_CLASS,
    crossPageClass: CROSS_PAGE_CLASS,
    crossPages: request.crossPages ?? {},
  });
  laidOut?.(prepared.anchors);
  const raw = await page.pdf({ tagged: true, outline: true, printBackground: true, preferCSSPageSize: true, timeout });
  return { ...prepared, raw };
}

/** The finishing input of a printed job. */
export function finishInput(printed: Printed, job: Job, format: string, reprintsLeft: boolean): FinishInput {
  return { raw: printed.raw, numbers: printed.numbers, anchors: printed.anchors, headings: printed.headings, metadata: job.request.metadata, fingerprint: printFingerprint(job.request, format), reprintsLeft };
}

/**
 * What the PDF is printed from, as text: the basis of its reproducible /ID, and of the key under
 * which a build remembers it (PdfLedger). The HTML is self-contained (images inline).
 */
export function printFingerprint(request: PrintRequest, format: string): string {
  const metadata: Omit<PdfMetadata, "date"> & { date: string } = { ...request.metadata, date: request.metadata.date.toISOString() };
  const crossPages = Object.entries(request.crossPages ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    request.html, request.runningHeader, request.draft, format, metadata,
    ...(crossPages.length === 0 ? [] : [crossPages]), ...(request.partHeaders === undefined ? [] : [request.partHeaders]),
  ]);
}
