import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer";
import { BrowserFailedError } from "../print/errors.js";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // Containers (CI) often give /dev/shm only 64 MB.
  "--disable-dev-shm-usage",
];

/**
 * The one browser of an audit, with a fresh temporary profile that close() removes. Pages show
 * the screen media type, as a reader of the site sees them (the print stage's browser prints).
 */
export class AuditBrowser {
  #browser: Browser | undefined;
  #profile: string | undefined;

  constructor(readonly executable: string, private readonly timeout: number) {}

  async start(): Promise<void> {
    this.#profile = await mkdtemp(join(tmpdir(), "papersmith-audit-"));
    try {
      this.#browser = await puppeteer.launch({
        executablePath: this.executable,
        headless: true,
        pipe: true,
        userDataDir: this.#profile,
        args: ARGS,
        timeout: this.timeout,
        protocolTimeout: this.timeout,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (error) {
      await this.close();
      throw new BrowserFailedError(`The browser at ${this.executable} could not be started for the audit: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  async page(width: number): Promise<Page> {
    if (this.#browser === undefined) throw new BrowserFailedError("The audit's browser is not running.");
    const page = await this.#browser.newPage();
    page.setDefaultTimeout(this.timeout);
    await page.setViewport({ width, height: 900 });
    return page;
  }

  /** Closes the browser (killing it if it does not answer) and removes its profile. */
  async close(): Promise<void> {
    const browser = this.#browser;
    const profile = this.#profile;
    this.#browser = undefined;
    this.#profile = undefined;
    if (browser !== undefined) {
      const child = browser.process();
      await Promise.race([browser.close(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]).catch(() => undefined);
      if (child !== null && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    // A dying browser's helpers may still write to the profile for a moment.
    for (let attempt = 0; profile !== undefined && attempt < 5 && existsSync(profile); attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      await rm(profile, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
    }
  }
}
