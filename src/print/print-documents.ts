import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { writeFileAtomic } from "../render/write-atomic.js";
import { BrowserSession, type PageSlot } from "./browser-session.js";
import { BrowserFailedError, BrowserNotFoundError, messageOf } from "./errors.js";
import { findBrowser } from "./find-browser.js";
import { DEFAULT_TIMEOUT } from "./launch-browser.js";
import { pageBox, type PageBox } from "./print-css.js";
import { finishInput, printOnPage, type Job, type Printed } from "./print-job.js";
import { checkAndFinish } from "./finish-job.js";
import type { CrossPageBoard } from "./cross-pages.js";
import type { PdfDelivery, PrintOptions, PrintRequest, PrintResult } from "./print-types.js";

export { BrowserFailedError, BrowserNotFoundError } from "./errors.js";
export type { PdfDelivery, PdfMetadata, PrintOptions, PrintRequest, PrintResult } from "./print-types.js";

/** Print jobs per document at most; a contents number that still moves after that is left. */
const MAX_PRINTS = 3;

/** The default delivery: each PDF written atomically to its request's outFile. */
const writeToOutFile: PdfDelivery = (request, bytes) => writeFileAtomic(request.outFile, bytes);

/**
 * The print stage. One browser for the whole call and a pool of reused pages (one per worker,
 * `concurrency` of them). Each document is loaded with setContent with the paged-media CSS
 * already in it, its contents' page numbers are filled in from a layout estimate, and it is
 * printed once. The printed PDF's destinations are then checked in Node while the page goes on
 * to the next document: only when the estimate missed is the document queued again with the
 * right numbers. Finished PDFs get their metadata (checkAndFinish) and are written atomically.
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

  /**
   * Prints the documents, `concurrency` at a time (default: one per core), the longest first;
   * each finished PDF goes to `deliver` (default: written to its outFile).
   */
  async print(requests: readonly PrintRequest[], deliver: PdfDelivery = writeToOutFile): Promise<PrintResult[]> {
    if (requests.length === 0) return [];
    const run = new PrintRun(this.session, this.box, this.options.format, this.timeout, deliver, undefined);
    for (const request of requests) run.add(request);
    run.end();
    return this.#drive(run, requests.length);
  }

  /**
   * Prints documents as they come from `requests`, `concurrency` at a time: a page starts on
   * the first while later ones are still being made. Results are in the order the documents
   * came. A `requests` that throws stops the printing and is the error thrown here. Each
   * finished PDF goes to `deliver` (default: written to its outFile), as printed: with `board`,
   * a document that prints pages of another of these documents waits until that one is laid
   * out, and is printed with its pages (see CrossPageBoard).
   */
  async printEach(requests: AsyncIterable<PrintRequest>, deliver: PdfDelivery = writeToOutFile, board?: CrossPageBoard): Promise<PrintResult[]> {
    const run = new PrintRun(this.session, this.box, this.options.format, this.timeout, deliver, board);
    const feeding = (async (): Promise<void> => {
      try {
        for await (const request of requests) {
          if (!run.add(request)) return;
        }
      } catch (error) {
        run.fail(error);
      } finally {
        run.end();
      }
    })();
    const printing = this.#drive(run, Infinity);
    printing.catch(() => undefined); // returned below, once the feeding has stopped too
    await feeding;
    return printing;
  }

  async #drive(run: PrintRun, most: number): Promise<PrintResult[]> {
    const workers = Math.max(1, Math.min(most, Math.floor(this.options.concurrency ?? availableParallelism())));
    await Promise.all(Array.from({ length: workers }, async () => {
      const slot = await run.work(this.#idle.pop());
      if (slot !== undefined) this.#idle.push(slot);
    }));
    await run.settled();
    return run.outcome();
  }

  async close(): Promise<void> {
    this.#idle.length = 0;
    await this.session.close();
  }
}

/** The shared state of one print call: the job queue, checks in flight, results. */
class PrintRun {
  /** Jobs printed again (a reprint, a retry), ahead of the others. */
  readonly #again: Job[] = [];
  /** Documents not yet printed, taken longest first (by HTML length), then in the order they came. */
  readonly #pending: Job[] = [];
  readonly #checks = new Set<Promise<void>>();
  readonly #results: PrintResult[] = [];
  #count = 0;
  #ended = false;
  /** The paths of the documents given, for the board. */
  readonly #given = new Set<string>();
  /** Jobs taken and not yet laid out (counted as they are taken): each will tell the board its pages. */
  #layingOut = 0;
  /** Settles when a document comes, the documents end or the run fails: what idle workers wait for. */
  #news = signal();
  #failure: { error: unknown } | undefined;

  constructor(
    private readonly session: BrowserSession,
    private readonly box: PageBox,
    private readonly format: string,
    private readonly timeout: number,
    private readonly deliver: PdfDelivery,
    private readonly board: CrossPageBoard | undefined,
  ) {}

  /**
   * Queues a document; its result will be at the index of the order it came in. The longest
   * first keeps a long document (the combined series PDF) from printing alone at the end.
   * False once the run has failed: nothing more will be printed.
   */
  add(request: PrintRequest): boolean {
    if (this.#failure !== undefined) return false;
    this.#pending.push({ index: this.#count++, request, numbers: undefined, prints: 0, failures: 0, started: performance.now() });
    if (request.path !== undefined) this.#given.add(request.path);
    this.#wake();
    return true;
  }

  /** No more documents will come. */
  end(): void {
    this.#ended = true;
    this.board?.end(this.#given);
    this.#wake();
  }

  /** Stops the run with this error (the first one given is the one thrown). */
  fail(error: unknown): void {
    this.#failure ??= { error };
    this.#wake();
  }

  /** One worker: takes jobs until none are left, printing them on its own page; returns the page for reuse. */
  async work(reused: PageSlot | undefined): Promise<PageSlot | undefined> {
    let slot: PageSlot | undefined = reused;
    for (let job = await this.#take(); job !== undefined; job = await this.#take()) {
      const generation = this.session.generation;
      let printed: Printed;
      let laidOut = false; // #take counted the job in #layingOut
      const path = job.request.path;
      const tell = (anchors: Readonly<Record<string, number>>): void => {
        laidOut = true;
        this.#layingOut -= 1;
        if (path !== undefined) this.board?.laidOut(path, anchors);
        this.#wake();
      };
      try {
        slot = await this.session.page(slot);
        printed = await printOnPage(slot.page, job, this.box, this.timeout, tell);
      } catch (error) {
        if (!laidOut) this.#layingOut -= 1;
        if (this.#failure !== undefined) return undefined;
        if (error instanceof BrowserFailedError || job.failures >= 1) {
          this.fail(error instanceof BrowserFailedError ? error : failed(job, error));
          return undefined;
        }
        try {
          await this.session.recover(generation, slot);
        } catch (relaunchError) {
          // Named by the document it was printing, like any other failure of a retried job.
          this.fail(failed(job, relaunchError));
          return undefined;
        }
        slot = undefined;
        this.#again.push({ ...job, failures: job.failures + 1 });
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
    const checked = await checkAndFinish(finishInput(printed, job, this.format, prints < MAX_PRINTS));
    if (checked.kind === "reprint") {
      this.#again.push({ ...job, numbers: checked.numbers, prints, failures: 0 });
      return;
    }
    await this.deliver(job.request, checked.bytes);
    this.#results[job.index] = { outFile: job.request.outFile, pages: checked.pages, ms: Math.round(performance.now() - job.started), prints, sha256: checked.sha256, overflows: printed.overflows, anchors: checked.anchors };
  }

  /**
   * The next job, its cross pages settled from the board: a reprint or retry first, else the
   * longest document waiting that waits for no other to be laid out. When there is none, waits
   * for a document to come, one to be laid out or a check that may queue a reprint; none when
   * the documents have ended and every check is done.
   */
  async #take(): Promise<Job | undefined> {
    for (;;) {
      if (this.#failure !== undefined) return undefined;
      const job = this.#again.shift() ?? this.#longestPending();
      if (job !== undefined) {
        this.#layingOut += 1;
        return this.board === undefined ? job : { ...job, request: this.board.settle(job.request) };
      }
      if (this.#ended && this.#checks.size === 0 && this.#pending.length === 0) return undefined;
      await Promise.race([this.#news.settled, ...this.#checks]);
    }
  }

  /**
   * The longest document waiting whose cross pages can be known now. When every one waits for
   * another and nothing else can end that (no document is being laid out, none is still to
   * come), they refer to each other: the longest is printed with what is known.
   */
  #longestPending(): Job | undefined {
    const longest = (ready: (job: Job) => boolean): number => {
      let best = -1;
      this.#pending.forEach((job, at) => {
        const current = this.#pending[best];
        if (ready(job) && (current === undefined || job.request.html.length > current.request.html.length)) best = at;
      });
      return best;
    };
    let best = longest((job) => this.board?.waits(job.request) !== true);
    if (best < 0 && this.#ended && this.#layingOut === 0) best = longest(() => true);
    return best < 0 ? undefined : this.#pending.splice(best, 1)[0];
  }

  #wake(): void {
    const news = this.#news;
    this.#news = signal();
    news.settle();
  }

  #track(check: Promise<void>): void {
    const tracked: Promise<void> = check
      .catch((error: unknown) => this.fail(error))
      .finally(() => {
        this.#checks.delete(tracked);
      });
    this.#checks.add(tracked);
  }
}

/** A promise and the function that settles it. */
function signal(): { readonly settled: Promise<void>; readonly settle: () => void } {
  let settle: () => void = () => undefined;
  const settled = new Promise<void>((resolve) => { settle = resolve; });
  return { settled, settle };
}

function failed(job: Job, error: unknown): BrowserFailedError {
  return new BrowserFailedError(`The browser failed while printing ${job.request.outFile}: ${messageOf(error)}`, { cause: error });
}
