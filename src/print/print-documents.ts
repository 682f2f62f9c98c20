import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { writeFileAtomic } from "../render/write-atomic.js";
import { BrowserSession, messageOf, type PageSlot } from "./browser-session.js";
import { BrowserFailedError, BrowserNotFoundError } from "./errors.js";
import { findBrowser } from "./find-browser.js";
import { pageBox, type PageBox } from "./print-css.js";
import { finishInput, printOnPage, type Job, type Printed } from "./print-job.js";
import { PdfFinisher } from "./pdf-finisher.js";
import type { PrintOptions, PrintRequest, PrintResult } from "./print-types.js";

export { BrowserFailedError, BrowserNotFoundError } from "./errors.js";
export type { PdfMetadata, PrintOptions, PrintRequest, PrintResult } from "./print-types.js";

/** Print jobs per document at most; a contents number that still moves after that is left. */
const MAX_PRINTS = 3;
const DEFAULT_TIMEOUT = 60_000;

/**
 * The print stage. One browser for the whole call and a pool of reused pages (one per worker,
 * `concurrency` of them). Each document is loaded with setContent with the paged-media CSS
 * already in it, its contents' page numbers are filled in from a layout estimate, and it is
 * printed once. The printed PDF's destinations are then checked in Node while the page goes on
 * to the next document: only when the estimate missed is the document queued again with the
 * right numbers. Finished PDFs get their metadata in a worker thread (PdfFinisher),
 * and are written atomically.
 *
 * A print that fails gets one retry, in a relaunched browser if it crashed; a second failure is
 * a BrowserFailedError. The browser and its temporary profile are always removed.
 */
export async function printDocuments(requests: readonly PrintRequest[], options: PrintOptions): Promise<PrintResult[]> {
  if (requests.length === 0) return [];
  const printer = await openPrinter(options);
  try {
    return await printer.print(requests);
  } finally {
    await printer.close();
  }
}

/**
 * Starts a browser to print with, for a long-lived process (the preview server) that prints
 * now and then: each `print` call works like printDocuments, on the same browser and reusing
 * its idle pages. `close` removes the browser and its profile.
 */
export async function openPrinter(options: PrintOptions): Promise<Printer> {
  const box = pageBox(options.format);
  const executable = findBrowser(options.chromium);
  if (executable === undefined) throw new BrowserNotFoundError(options.chromium);
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const session = new BrowserSession(executable, timeout, box.viewport, options.started);
  try {
    await session.start();
  } catch (error) {
    await session.close();
    throw error;
  }
  return new Printer(session, box, options, timeout);
}

/** One browser and a pool of its pages, printing batches of documents. */
export class Printer {
  readonly #idle: PageSlot[] = [];
  /** Finishes PDFs in a worker thread; started now, so that it has loaded its code when printing starts. */
  readonly #finisher = new PdfFinisher();

  constructor(
    private readonly session: BrowserSession,
    private box: PageBox,
    private options: PrintOptions,
    private readonly timeout: number,
  ) {}

  /**
   * Prints on another paper size from now on. Lets a build start the browser before it has
   * read the project's `build.pdf.format`; pages opened for the old size are closed.
   */
  async useFormat(format: string): Promise<void> {
    if (format === this.options.format) return;
    this.box = pageBox(format);
    this.options = { ...this.options, format };
    this.session.setup = this.box.viewport;
    const stale = this.#idle.splice(0);
    await Promise.all(stale.map((slot) => slot.page.close().catch(() => undefined)));
  }

  /** Prints the documents, `concurrency` at a time (default: one per core). */
  async print(requests: readonly PrintRequest[]): Promise<PrintResult[]> {
    if (requests.length === 0) return [];
    const run = new PrintRun(requests, this.session, this.box, this.options.format, this.timeout, this.#finisher);
    const workers = Math.max(1, Math.min(requests.length, Math.floor(this.options.concurrency ?? availableParallelism())));
    await Promise.all(Array.from({ length: workers }, async () => {
      const slot = await run.work(this.#idle.pop());
      if (slot !== undefined) this.#idle.push(slot);
    }));
    await run.settled();
    return run.outcome();
  }

  async close(): Promise<void> {
    this.#idle.length = 0;
    await Promise.all([this.session.close(), this.#finisher.close()]);
  }
}

/** The shared state of one printDocuments call: the job queue, checks in flight, results. */
class PrintRun {
  readonly #queue: Job[];
  readonly #checks = new Set<Promise<void>>();
  readonly #results: PrintResult[] = [];
  #failure: { error: unknown } | undefined;

  constructor(
    requests: readonly PrintRequest[],
    private readonly session: BrowserSession,
    private readonly box: PageBox,
    private readonly format: string,
    private readonly timeout: number,
    private readonly finisher: PdfFinisher,
  ) {
    const now = performance.now();
    // Longest documents first (by HTML length), so that the combined series PDF, which comes
    // last from the renderer, does not leave the other pages idle at the end.
    this.#queue = requests
      .map((request, index) => ({ index, request, numbers: undefined, prints: 0, failures: 0, started: now }))
      .sort((a, b) => b.request.html.length - a.request.html.length || a.index - b.index);
  }

  /** One worker: takes jobs until none are left, printing them on its own page; returns the page for reuse. */
  async work(reused: PageSlot | undefined): Promise<PageSlot | undefined> {
    let slot: PageSlot | undefined = reused;
    for (let job = await this.#take(); job !== undefined; job = await this.#take()) {
      const generation = this.session.generation;
      let printed: Printed;
      try {
        slot = await this.session.page(slot);
        printed = await printOnPage(slot.page, job, this.box, this.timeout);
      } catch (error) {
        if (this.#failure !== undefined) return undefined;
        if (error instanceof BrowserFailedError || job.failures >= 1) {
          this.#fail(error instanceof BrowserFailedError ? error : failed(job, error));
          return undefined;
        }
        try {
          await this.session.recover(generation, slot);
        } catch (relaunchError) {
          // Named by the document it was printing, like any other failure of a retried job.
          this.#fail(failed(job, relaunchError));
          return undefined;
        }
        slot = undefined;
        this.#queue.unshift({ ...job, failures: job.failures + 1 });
        continue;
      }
      this.#track(this.#check(job, printed));
    }
    return slot;
  }

  /** Waits for the checks still running (after the workers stop). */
  async settled(): Promise<void> {
    while (this.#checks.size > 0) await Promise.allSettled([...this.#checks]);
  }

  outcome(): PrintResult[] {
    if (this.#failure !== undefined) throw this.#failure.error;
    return this.#results;
  }

  async #check(job: Job, printed: Printed): Promise<void> {
    const prints = job.prints + 1;
    const checked = await this.finisher.finish(finishInput(printed, job, this.format, prints < MAX_PRINTS));
    if (checked.kind === "reprint") {
      this.#queue.unshift({ ...job, numbers: checked.numbers, prints, failures: 0 });
      return;
    }
    await writeFileAtomic(job.request.outFile, checked.bytes);
    this.#results[job.index] = { outFile: job.request.outFile, pages: checked.pages, ms: Math.round(performance.now() - job.started), prints, sha256: checked.sha256 };
  }

  /** The next job; when the queue is empty, waits for checks that may queue a reprint. */
  async #take(): Promise<Job | undefined> {
    for (;;) {
      if (this.#failure !== undefined) return undefined;
      const job = this.#queue.shift();
      if (job !== undefined) return job;
      if (this.#checks.size === 0) return undefined;
      await Promise.race(this.#checks);
    }
  }

  #track(check: Promise<void>): void {
    const tracked: Promise<void> = check
      .catch((error: unknown) => this.#fail(error))
      .finally(() => {
        this.#checks.delete(tracked);
      });
    this.#checks.add(tracked);
  }

  #fail(error: unknown): void {
    this.#failure ??= { error };
  }
}

function failed(job: Job, error: unknown): BrowserFailedError {
  return new BrowserFailedError(`The browser failed while printing ${job.request.outFile}: ${messageOf(error)}`, { cause: error });
}
