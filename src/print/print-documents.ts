import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { PDFDocument } from "pdf-lib";
import type { Page } from "puppeteer";
import { writeFileAtomic } from "../render/write-atomic.js";
import { BrowserSession, messageOf, type PageSlot } from "./browser-session.js";
import { BrowserFailedError, BrowserNotFoundError } from "./errors.js";
import { findBrowser } from "./find-browser.js";
import { finishPdf } from "./finish-pdf.js";
import { fillPageNumbers, prepareAndMeasure } from "./page-layout.js";
import { destinationPages } from "./pdf-destinations.js";
import { DRAFT_CLASS, pageBox, printCss, type PageBox } from "./print-css.js";
import type { PdfMetadata, PrintOptions, PrintRequest, PrintResult } from "./print-types.js";

export { BrowserFailedError, BrowserNotFoundError } from "./errors.js";
export type { PdfMetadata, PrintOptions, PrintRequest, PrintResult } from "./print-types.js";

/** Prints after which a contents page number that still moves is left as printed. */
const MAX_PRINTS = 3;
const DEFAULT_TIMEOUT = 60_000;

/**
 * The print stage: one browser for the whole call, a pool of reused pages (one per worker), each
 * document loaded with setContent, given the paged-media CSS, its contents' page numbers filled
 * from a layout estimate, printed once (again only if the printed PDF shows the estimate missed),
 * finished with pdf-lib (metadata, reproducible bytes) and written atomically.
 *
 * A document whose print fails gets one retry, in a relaunched browser if it crashed; a second
 * failure is a BrowserFailedError. The browser and its temporary profile are always removed.
 */
export async function printDocuments(requests: readonly PrintRequest[], options: PrintOptions): Promise<PrintResult[]> {
  if (requests.length === 0) return [];
  const box = pageBox(options.format);
  const executable = findBrowser(options.chromium);
  if (executable === undefined) throw new BrowserNotFoundError(options.chromium);
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const session = new BrowserSession(executable, timeout, box.viewport);
  const workers = Math.max(1, Math.min(requests.length, Math.floor(options.concurrency ?? availableParallelism())));
  const results: PrintResult[] = [];
  let next = 0;
  let failure: { error: unknown } | undefined;

  const work = async (): Promise<void> => {
    let slot: PageSlot | undefined;
    try {
      while (failure === undefined && next < requests.length) {
        const index = next;
        next += 1;
        const request = requests[index]!;
        const started = performance.now();
        let printed: Printed | undefined;
        for (let attempt = 1; printed === undefined; attempt += 1) {
          const generation = session.generation;
          try {
            slot = await session.page(slot);
            printed = await printOne(slot.page, request, box, options.format, timeout);
          } catch (error) {
            if (error instanceof BrowserFailedError) throw error;
            if (attempt >= 2 || failure !== undefined) {
              throw new BrowserFailedError(`The browser failed while printing ${request.outFile}: ${messageOf(error)}`, { cause: error });
            }
            await session.recover(generation, slot);
            slot = undefined;
          }
        }
        await writeFileAtomic(request.outFile, printed.bytes);
        results[index] = { outFile: request.outFile, pages: printed.pages, ms: Math.round(performance.now() - started), prints: printed.prints };
      }
    } catch (error) {
      failure ??= { error };
    }
  };

  try {
    await session.start();
    await Promise.all(Array.from({ length: workers }, work));
  } finally {
    await session.close();
  }
  if (failure !== undefined) throw failure.error;
  return results;
}

interface Printed {
  readonly bytes: Uint8Array;
  readonly pages: number;
  readonly prints: number;
}

async function printOne(page: Page, request: PrintRequest, box: PageBox, format: string, timeout: number): Promise<Printed> {
  await page.setContent(request.html, { waitUntil: "load", timeout });
  let numbers = await page.evaluate(prepareAndMeasure, {
    css: printCss(box, request.runningHeader, request.draft),
    draftClass: request.draft ? DRAFT_CLASS : undefined,
    contentWidth: box.contentWidth,
    contentHeight: box.contentHeight,
  });
  for (let prints = 1; ; prints += 1) {
    const raw = await page.pdf({ tagged: true, outline: true, printBackground: true, preferCSSPageSize: true, timeout });
    const doc = await PDFDocument.load(raw, { updateMetadata: false });
    const corrected = correctedNumbers(numbers, destinationPages(doc));
    if (corrected === undefined || prints >= MAX_PRINTS) {
      const bytes = await finishPdf(doc, request.metadata, fingerprint(request, format));
      return { bytes, pages: doc.getPageCount(), prints };
    }
    numbers = corrected;
    await page.evaluate(fillPageNumbers, numbers);
  }
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
  const { metadata } = request;
  return JSON.stringify([request.html, request.runningHeader, request.draft, format, { ...metadata, date: metadata.date.toISOString() } satisfies Omit<PdfMetadata, "date"> & { date: string }]);
}
