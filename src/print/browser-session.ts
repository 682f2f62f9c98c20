import type { Page } from "puppeteer";
import { BrowserFailedError } from "./errors.js";
import { launchBrowser, stopAllBrowsers, type LaunchedBrowser } from "./launch-browser.js";

/** A page of the pool, tied to the browser it was opened in. */
export interface PageSlot {
  readonly page: Page;
  readonly generation: number;
}

export interface PageSetup {
  /** The viewport, in CSS pixels: the page's content box, so vw units and media queries match. */
  readonly width: number;
  readonly height: number;
}

/** Sessions with a browser running, so an interrupted build can close them all. */
const liveSessions = new Set<BrowserSession>();

/** Set once the process is stopping: no browser may be started or relaunched after that. */
let shuttingDown = false;

/** Closes every browser this process started and removes their profiles (on Ctrl-C). */
export async function closeAllSessions(): Promise<void> {
  shuttingDown = true;
  await Promise.allSettled([...liveSessions].map((session) => session.close()));
  await stopAllBrowsers(); // started early and not yet taken by a session
}

/**
 * The one browser of a print run, with a fresh temporary profile. After a crash it is relaunched
 * once per crash (the print stage allows each document one retry). close() always removes the
 * browser process and the profile.
 */
export class BrowserSession {
  #launched: LaunchedBrowser | undefined;
  /** A browser started before this session (by the build command, while it loads the rest). */
  #early: Promise<LaunchedBrowser> | undefined;
  #generation = 0;
  #recovering: Promise<void> | undefined;
  /** The blank tab the browser starts with: the first page asked for, instead of opening one more. */
  #startPage: Page | undefined;

  constructor(
    readonly executable: string,
    private readonly timeout: number,
    /** The viewport of pages opened from now on (a printer changes it with its paper size). */
    public setup: PageSetup,
    early?: Promise<LaunchedBrowser>,
  ) {
    this.#early = early;
  }

  /**
   * Starts the browser (or takes the one started early). A browser that cannot be started,
   * exits or does not answer is a BrowserFailedError.
   */
  async start(): Promise<void> {
    if (shuttingDown) throw new BrowserFailedError("papersmith is stopping; no browser is started.");
    liveSessions.add(this);
    const early = this.#early;
    this.#early = undefined;
    this.#launched = await (early ?? launchBrowser(this.executable, this.timeout));
    this.#startPage = (await this.#launched.browser.pages().catch(() => []))[0];
  }

  /** Counts relaunches: a failure seen in an older browser needs no new relaunch. */
  get generation(): number {
    return this.#generation;
  }

  /** A ready page: the given one if it still belongs to the live browser, else a new one. */
  async page(slot: PageSlot | undefined): Promise<PageSlot> {
    if (this.#recovering !== undefined) await this.#recovering;
    if (slot !== undefined && slot.generation === this.#generation && !slot.page.isClosed()) return slot;
    const browser = this.#launched?.browser;
    if (browser === undefined) throw new BrowserFailedError("The browser is not running.");
    const spare = this.#startPage;
    this.#startPage = undefined;
    const page = spare !== undefined && !spare.isClosed() ? spare : await browser.newPage();
    await page.emulateMediaType("print");
    await page.setViewport({ width: this.setup.width, height: this.setup.height });
    return { page, generation: this.#generation };
  }

  /**
   * After a failed print: relaunches the browser if it died (once, however many pages noticed),
   * or else closes the failed page so the next attempt gets a fresh one.
   *
   * @param generation the session's generation when the failed attempt began.
   */
  async recover(generation: number, slot: PageSlot | undefined): Promise<void> {
    if (generation === this.#generation) {
      this.#recovering ??= this.#relaunchIfDead().finally(() => {
        this.#recovering = undefined;
      });
      await this.#recovering;
    }
    if (slot !== undefined && slot.generation === this.#generation) await slot.page.close().catch(() => undefined);
  }

  async #relaunchIfDead(): Promise<void> {
    if (await this.#alive()) return;
    if (shuttingDown) throw new BrowserFailedError("papersmith is stopping; the browser is not relaunched.");
    await this.close();
    await this.start();
    this.#generation += 1;
  }

  /**
   * Stops the browser and removes its profile. Nothing of a print run lives in the browser once
   * its PDFs are back in Node, so it is stopped at once (its whole process group, and the socket
   * folder it keeps in TMPDIR) rather than asked to close: Chromium's own shutdown takes a
   * noticeable share of a short print run.
   */
  async close(): Promise<void> {
    const launched = this.#launched ?? (await this.#early?.catch(() => undefined));
    this.#launched = undefined;
    this.#early = undefined;
    this.#startPage = undefined;
    liveSessions.delete(this);
    await launched?.stop();
  }

  async #alive(): Promise<boolean> {
    const browser = this.#launched?.browser;
    if (browser === undefined || !browser.connected) return false;
    try {
      await withTimeout(browser.version(), 3000);
      return true;
    } catch {
      return false;
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
