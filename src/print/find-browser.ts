import puppeteer from "puppeteer";
import { configuredBrowser, isExecutableFile, searchPath, SYSTEM_BROWSERS } from "./executable-path.js";

/**
 * Finds the browser to print with, in the order README.md#usage gives: `--chromium`, PAPERSMITH_CHROMIUM,
 * PUPPETEER_EXECUTABLE_PATH, puppeteer's own downloaded browser, then chromium, chromium-browser
 * and google-chrome on the PATH. A value may be a path or a bare command name (looked up on the
 * PATH). An explicit `--chromium` that is not an executable gives undefined rather than quietly
 * printing with another browser; a stale environment variable is skipped.
 *
 * @param downloaded puppeteer's downloaded-browser path (injectable for tests).
 */
export function findBrowser(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
  downloaded: () => string | undefined = puppeteerDownloadedBrowser,
): string | undefined {
  const configured = configuredBrowser(explicit, env);
  if (configured.decided) return configured.path;
  const fromPuppeteer = downloaded();
  if (fromPuppeteer !== undefined && isExecutableFile(fromPuppeteer)) return fromPuppeteer;
  for (const name of SYSTEM_BROWSERS) {
    const found = searchPath(name, env);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The browser puppeteer would have downloaded (none here: .puppeteerrc.cjs skips the download). */
function puppeteerDownloadedBrowser(): string | undefined {
  try {
    return puppeteer.executablePath();
  } catch {
    return undefined;
  }
}
