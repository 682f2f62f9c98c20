import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join, resolve } from "node:path";

/** Names looked up on the PATH, last in the search order (see README.md#usage). */
export const SYSTEM_BROWSERS = ["chromium", "chromium-browser", "google-chrome"] as const;

/** The browser chosen by the user, if any: decided (found or not) or left to the later steps. */
export type ConfiguredBrowser = { readonly decided: true; readonly path: string | undefined } | { readonly decided: false };

/**
 * The first steps of the browser search (see README.md#usage), which need neither puppeteer nor a search:
 * `--chromium` (decides, even when it is not an executable: papersmith never quietly prints with
 * another browser), then PAPERSMITH_CHROMIUM and PUPPETEER_EXECUTABLE_PATH (skipped when stale).
 */
export function configuredBrowser(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): ConfiguredBrowser {
  if (explicit !== undefined && explicit !== "") return { decided: true, path: resolveExecutable(explicit, env) };
  for (const variable of ["PAPERSMITH_CHROMIUM", "PUPPETEER_EXECUTABLE_PATH"]) {
    const value = env[variable];
    if (value === undefined || value === "") continue;
    const found = resolveExecutable(value, env);
    if (found !== undefined) return { decided: true, path: found };
  }
  return { decided: false };
}

/** A path, or a bare command name looked up on the PATH, when it names an executable file. */
export function resolveExecutable(value: string, env: NodeJS.ProcessEnv): string | undefined {
  if (isAbsolute(value) || value.includes("/") || value.includes("\\")) {
    const path = resolve(value);
    return isExecutableFile(path) ? path : undefined;
  }
  return searchPath(value, env);
}

/** The first executable called `name` in the PATH's folders. */
export function searchPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
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

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
