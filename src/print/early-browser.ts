import { configuredBrowser } from "./executable-path.js";
import type { LaunchedBrowser } from "./launch-browser.js";

/**
 * The browser a build prints with, found before the build is loaded and started when the build
 * knows it will print: at once for a first build (Chromium's start-up then runs while
 * papersmith loads and checks the project), later or never for a rebuild that may
 * print nothing.
 */
export class EarlyBrowser {
  #launched: Promise<LaunchedBrowser> | undefined;

  /** Undefined when no browser was found: the build reports that once the project is checked. */
  constructor(readonly executable: string | undefined) {}

  /** The browser's start, once begun (launch()); undefined before. */
  get launched(): Promise<LaunchedBrowser> | undefined {
    return this.#launched;
  }

  /**
   * Starts the browser, once: later calls give the same start. Undefined without a browser.
   * Puppeteer is loaded only now, so that a build that prints nothing never loads it.
   */
  launch(): Promise<LaunchedBrowser> | undefined {
    const executable = this.executable;
    if (executable === undefined) return undefined;
    if (this.#launched === undefined) {
      this.#launched = import("./launch-browser.js").then(({ launchBrowser }) => launchBrowser(executable));
      this.#launched.catch(() => undefined); // awaited when the build prints; not unhandled meanwhile
    }
    return this.#launched;
  }
}

/**
 * Finds the browser, first thing in a build, without starting it. When the browser is named
 * (`--chromium`, PAPERSMITH_CHROMIUM, PUPPETEER_EXECUTABLE_PATH) this loads nothing else;
 * otherwise puppeteer is loaded first, to look for its own downloaded browser (the order README.md#usage gives).
 */
export async function findBrowserEarly(explicit: string | undefined): Promise<EarlyBrowser> {
  const configured = configuredBrowser(explicit);
  return new EarlyBrowser(configured.decided ? configured.path : (await import("./find-browser.js")).findBrowser(explicit));
}
