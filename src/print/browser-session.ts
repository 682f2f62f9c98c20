import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer";
import { BrowserFailedError } from "./errors.js";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // Containers (CI) often give /dev/shm only 64 MB, which a long document's print can exhaust.
  "--disable-dev-shm-usage",
];

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
}

/**
 * The one browser of a print run, with a fresh temporary profile. After a crash it is relaunched
 * once per crash (the print stage allows each document one retry); close() always removes the
 * browser process and the profile.
 */
export class BrowserSession {
  #browser: Browser | undefined;
  #profile: string | undefined;
  #generation = 0;
  #recovering: Promise<void> | undefined;

  constructor(
    readonly executable: string,
    private readonly timeout: number,
    /** The viewport of pages opened from now on (a printer changes it with its paper size). */
    public setup: PageSetup,
  ) {}

  async start(): Promise<void> {
    if (shuttingDown) throw new BrowserFailedError("papersmith is stopping; no browser is started.");
    const profile = await mkdtemp(join(tmpdir(), "papersmith-chromium-"));
    this.#profile = profile;
    liveSessions.add(this);
    try {
      this.#browser = await puppeteer.launch({
        executablePath: this.executable,
        headless: true,
        pipe: true,
        userDataDir: profile,
        args: CHROMIUM_ARGS,
        timeout: this.timeout,
        protocolTimeout: this.timeout,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (error) {
      throw new BrowserFailedError(`The browser at ${this.executable} could not be started: ${messageOf(error)}`, { cause: error });
    }
  }

  /** Counts relaunches: a failure seen in an older browser needs no new relaunch. */
  get generation(): number {
    return this.#generation;
  }

  /** A ready page: the given one if it still belongs to the live browser, else a new one. */
  async page(slot: PageSlot | undefined): Promise<PageSlot> {
    if (this.#recovering !== undefined) await this.#recovering;
    if (slot !== undefined && slot.generation === this.#generation && !slot.page.isClosed()) return slot;
    const browser = this.#browser;
    if (browser === undefined) throw new BrowserFailedError("The browser is not running.");
    const page = await browser.newPage();
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

  /** Closes the browser (killing it if it does not answer) and removes its profile. */
  async close(): Promise<void> {
    const browser = this.#browser;
    const profile = this.#profile;
    this.#browser = undefined;
    this.#profile = undefined;
    liveSessions.delete(this);
    if (browser !== undefined) {
      const process = browser.process();
      if (browser.connected) {
        try {
          await withTimeout(browser.close(), 5000);
        } catch {
          // A hung browser: killed below.
        }
      }
      if (process !== null && process.exitCode === null && process.signalCode === null) {
        const exited = new Promise((resolve) => process.once("exit", resolve));
        process.kill("SIGKILL");
        await withTimeout(exited, 2000).catch(() => undefined);
      }
    }
    if (profile !== undefined) await removeProfile(profile);
  }

  async #alive(): Promise<boolean> {
    const browser = this.#browser;
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

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Removes a browser profile; a dying browser's helpers may still write to it for a moment. */
async function removeProfile(profile: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    await rm(profile, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
    if (!existsSync(profile)) return;
  }
}
