import { configuredBrowser } from "./executable-path.js";
import { spawnBrowser, type SpawnedBrowser } from "./spawn-browser.js";

/** The browser a build prints with, found and (when there is one) already starting. */
export interface EarlyBrowser {
  /** Undefined when no browser was found: the build reports that once the project is checked. */
  readonly executable: string | undefined;
  readonly spawned?: Promise<SpawnedBrowser>;
}

/**
 * Finds the browser and starts it, first thing in a build: Chromium's own start-up (about 0.4 s
 * here) then runs while papersmith loads its modules and checks the project. When the browser is
 * named (`--chromium`, PAPERSMITH_CHROMIUM, PUPPETEER_EXECUTABLE_PATH) this loads nothing else;
 * otherwise puppeteer is loaded first, to look for its own downloaded browser (SPEC §4's order).
 */
export async function startBrowserEarly(explicit: string | undefined): Promise<EarlyBrowser> {
  const configured = configuredBrowser(explicit);
  const executable = configured.decided ? configured.path : (await import("./find-browser.js")).findBrowser(explicit);
  if (executable === undefined) return { executable: undefined };
  const spawned = spawnBrowser(executable);
  spawned.catch(() => undefined); // awaited when the build connects; not unhandled meanwhile
  return { executable, spawned };
}
