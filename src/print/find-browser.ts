import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import puppeteer from "puppeteer";

/** Names looked up on the PATH, last in the search order (SPEC §4). */
const SYSTEM_BROWSERS = ["chromium", "chromium-browser", "google-chrome"] as const;

/**
 * Finds the browser to print with, in the order of SPEC §4: `--chromium`, PAPERSMITH_CHROMIUM,
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
  if (explicit !== undefined && explicit !== "") return resolveExecutable(explicit, env);
  for (const variable of ["PAPERSMITH_CHROMIUM", "PUPPETEER_EXECUTABLE_PATH"]) {
    const value = env[variable];
    if (value === undefined || value === "") continue;
    const found = resolveExecutable(value, env);
    if (found !== undefined) return found;
  }
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

function resolveExecutable(value: string, env: NodeJS.ProcessEnv): string | undefined {
  if (isAbsolute(value) || value.includes("/") || value.includes("\\")) {
    const path = resolve(value);
    return isExecutableFile(path) ? path : undefined;
  }
  return searchPath(value, env);
}

function searchPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const dirs = (env["PATH"] ?? env["Path"] ?? "").split(delimiter).filter((dir) => dir !== "");
  const suffixes = process.platform === "win32" ? ["", ".exe", ".cmd", ".bat"] : [""];
  for (const dir of dirs) {
    for (const suffix of suffixes) {
      const candidate = join(dir, name + suffix);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
