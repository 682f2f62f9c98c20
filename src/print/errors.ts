/**
 * The two ways printing fails because of the environment rather than the content. The CLI maps
 * both to exit code 3 (see README.md#usage); the messages say what happened and what to do.
 */

/** Where papersmith looks for a browser, in order (see README.md#usage). */
export const BROWSER_SEARCH_ORDER: readonly string[] = [
  "the --chromium option",
  "the PAPERSMITH_CHROMIUM environment variable",
  "the PUPPETEER_EXECUTABLE_PATH environment variable",
  "puppeteer's own downloaded browser",
  "chromium, chromium-browser and google-chrome on the PATH",
];

export class BrowserNotFoundError extends Error {
  override readonly name = "BrowserNotFoundError";

  /** @param explicit the --chromium value, when one was given and it is not an executable file. */
  constructor(explicit?: string) {
    const what =
      explicit === undefined
        ? "No Chromium or Chrome browser was found to print the PDFs."
        : `The browser given with --chromium (${explicit}) is not an executable file.`;
    super(
      `${what} papersmith looks in this order: ${BROWSER_SEARCH_ORDER.join("; ")}. ` +
        "Install Chromium and the Liberation fonts (Debian or Ubuntu: `sudo apt-get install chromium fonts-liberation`; " +
        "macOS: `brew install --cask chromium`), or pass its path with --chromium PATH or PAPERSMITH_CHROMIUM. " +
        "To build the HTML without PDFs, use --html-only.",
    );
  }
}

export class BrowserFailedError extends Error {
  override readonly name = "BrowserFailedError";
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
