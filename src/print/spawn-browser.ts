import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { lstat, mkdtemp, readdir, readlink, rm } from "node:fs/promises";
import { isRunning } from "../render/sweep-temporary.js";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * What puppeteer 24's launcher passes Chromium for headless work (`puppeteer.defaultArgs()`,
 * less the profile, headless and start-page flags added below). Copied so that the browser can
 * be started before puppeteer is even loaded; test/print-browser.test.ts fails when puppeteer's
 * own list changes. Some of them shape the PDF: tagged output, the outline, sRGB colours.
 */
export const PUPPETEER_DEFAULT_ARGS: readonly string[] = [
  "--allow-pre-commit-input",
  "--disable-background-networking",
  "--disable-background-timer-throttling",
  "--disable-backgrounding-occluded-windows",
  "--disable-breakpad",
  "--disable-client-side-phishing-detection",
  "--disable-component-extensions-with-background-pages",
  "--disable-crash-reporter",
  "--disable-default-apps",
  "--disable-dev-shm-usage",
  "--disable-hang-monitor",
  "--disable-infobars",
  "--disable-ipc-flooding-protection",
  "--disable-popup-blocking",
  "--disable-prompt-on-repost",
  "--disable-renderer-backgrounding",
  "--disable-search-engine-choice-screen",
  "--disable-sync",
  "--enable-automation",
  "--export-tagged-pdf",
  "--force-color-profile=srgb",
  "--generate-pdf-document-outline",
  "--metrics-recording-only",
  "--no-first-run",
  "--password-store=basic",
  "--use-mock-keychain",
  "--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes",
  "--enable-features=PdfOopif",
  "--headless=new",
  "--hide-scrollbars",
  "--mute-audio",
  "--disable-extensions",
];

/** papersmith's own flags (the project's set-up rules), after puppeteer's. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // Containers (CI) often give /dev/shm only 64 MB, which a long document's print can exhaust.
  "--disable-dev-shm-usage",
];

/** The longest path a Unix socket may have, less its NUL: 108 bytes on Linux, 104 on macOS. */
const SOCKET_PATH_MAX = process.platform === "darwin" ? 103 : 107;
/** What Chromium adds to TMPDIR for its singleton socket. */
const SOCKET_UNDER_TMPDIR = "/org.chromium.Chromium.XXXXXX/SingletonSocket";

/**
 * The environment to start Chromium in: this process's, with TMPDIR=/tmp when Chromium's
 * singleton socket would not fit under the usual TMPDIR. Chromium aborts at start ("Socket path
 * too long") when `$TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket` is longer than a Unix
 * socket's path may be, which a TMPDIR of more than about 60 bytes is.
 */
export function browserEnvironment(env: NodeJS.ProcessEnv = process.env, temporary = tmpdir()): NodeJS.ProcessEnv {
  if (process.platform === "win32" || Buffer.byteLength(temporary) + SOCKET_UNDER_TMPDIR.length <= SOCKET_PATH_MAX) return env;
  return { ...env, TMPDIR: "/tmp" };
}

/** A Chromium process started with a DevTools pipe (fd 3 to it, fd 4 from it) and a fresh profile. */
export interface SpawnedBrowser {
  readonly executable: string;
  readonly process: ChildProcess;
  readonly profile: string;
  /** The last lines Chromium wrote to stderr, joined, for an error message. */
  output(): string;
}

/** Browsers started and not yet closed, so that Ctrl-C can stop them all, adopted or not. */
const running = new Set<SpawnedBrowser>();

/**
 * Starts Chromium headless with a temporary profile and a DevTools pipe, without waiting for it
 * and without loading puppeteer (which takes longer to load than Chromium takes to start): a
 * build starts its browser first and connects to it once the project is checked. The process
 * gets its own process group, so that stopping it stops its helpers too.
 */
export async function spawnBrowser(executable: string): Promise<SpawnedBrowser> {
  void sweepStaleProfiles().catch(() => undefined); // tidying only: never delays or fails a start
  const profile = await mkdtemp(join(tmpdir(), PROFILE_PREFIX));
  const child = spawn(executable, [...PUPPETEER_DEFAULT_ARGS, ...CHROMIUM_ARGS, `--user-data-dir=${profile}`, "--remote-debugging-pipe", "about:blank"], {
    stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"],
    env: browserEnvironment(),
    detached: process.platform !== "win32",
  });
  // Read, so that a chatty browser never blocks on a full stderr pipe; kept for error messages.
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.on("error", () => undefined); // reported by whoever waits on the browser (see exitOf)
  const output = (): string => stderr.trim().split("\n").slice(-3).join(" / ");
  const spawned: SpawnedBrowser = { executable, process: child, profile, output };
  running.add(spawned);
  return spawned;
}

/** Resolves when the process has ended (or could not be started), with a reason for messages. */
export function exitOf(browser: SpawnedBrowser): Promise<string> {
  const child = browser.process;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(`it exited (${child.exitCode ?? child.signalCode})`);
  return new Promise((resolve) => {
    child.once("error", (error) => resolve(error.message));
    child.once("exit", (code, signal) => resolve(`it exited (${code ?? signal})`));
  });
}

/**
 * Stops the browser at once (its whole process group: renderers, GPU and utility processes) if
 * it is still running, and removes its profile and socket folder. Nothing papersmith needs lives
 * in the browser by then, and Chromium's graceful shutdown is slow.
 */
export async function stopBrowser(browser: SpawnedBrowser): Promise<void> {
  running.delete(browser);
  const child = browser.process;
  if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    const exited = exitOf(browser);
    killGroup(child);
    await Promise.race([exited, sleep(2000, undefined, { ref: false })]);
  }
  // A browser that crashed or was killed can leave its renderers running (one busy in a script
  // does not notice at once): the rest of its process group goes too.
  killGroup(child);
  // Our ends of its pipes would otherwise keep this process alive.
  for (const stream of child.stdio) stream?.destroy();
  await removeProfile(browser.profile);
}

/** Stops every browser started here and not yet stopped (on Ctrl-C). */
export async function stopAllBrowsers(): Promise<void> {
  await Promise.allSettled([...running].map((browser) => stopBrowser(browser)));
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined && process.platform !== "win32") process.kill(-child.pid, "SIGKILL");
    else child.kill("SIGKILL");
  } catch {
    // ESRCH: nothing of it is left
  }
}

/**
 * The folder Chromium made in TMPDIR for its singleton socket, named by the profile's
 * SingletonSocket link. A killed browser leaves it behind. (Pointing the browser's TMPDIR into
 * the profile instead would lengthen the socket's path past the 108 bytes a Unix socket allows.)
 */
async function socketFolder(profile: string): Promise<string | undefined> {
  const target = await readlink(join(profile, "SingletonSocket")).catch(() => undefined);
  if (target === undefined) return undefined;
  const folder = dirname(target);
  return basename(folder).startsWith("org.chromium.Chromium.") ? folder : undefined;
}

const PROFILE_PREFIX = "papersmith-chromium-";

/** How old a profile with no live browser must be before it counts as left behind, not starting. */
const STALE_AFTER_MS = 10 * 60 * 1000;

/**
 * Removes the profiles that browsers of killed papersmith runs left in TMPDIR: only folders
 * papersmith names, owned by this user, whose browser is no longer running (its SingletonLock
 * names a dead process) or that never got one and are older than a few minutes.
 */
export async function sweepStaleProfiles(): Promise<void> {
  const dir = tmpdir();
  const uid = process.getuid?.();
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.startsWith(PROFILE_PREFIX));
  await Promise.all(names.map(async (name) => {
    const profile = join(dir, name);
    const info = await lstat(profile).catch(() => undefined);
    if (info === undefined || !info.isDirectory() || (uid !== undefined && info.uid !== uid)) return;
    if ([...running].some((browser) => browser.profile === profile)) return;
    const lock = await readlink(join(profile, "SingletonLock")).catch(() => undefined);
    const pid = lock === undefined ? undefined : Number(/-(\d+)$/.exec(lock)?.[1]);
    const stale = pid !== undefined && Number.isInteger(pid) ? !isRunning(pid) : Date.now() - info.mtimeMs > STALE_AFTER_MS;
    if (stale) await removeProfile(profile);
  }));
}

/** Removes a browser profile and its socket folder; a dying browser's helpers may still write to it for a moment. */
async function removeProfile(profile: string): Promise<void> {
  const socket = await socketFolder(profile);
  if (socket !== undefined) await rm(socket, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (attempt > 0) await sleep(100, undefined, { ref: false });
    await rm(profile, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
    if (!existsSync(profile)) return;
  }
}
