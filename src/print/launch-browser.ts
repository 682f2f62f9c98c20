import { execFile, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { lstat, mkdtemp, readdir, readlink, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import puppeteer, { type Browser } from "puppeteer";
import { isRunning } from "../render/sweep-temporary.js";
import { BrowserFailedError, messageOf } from "./errors.js";

/** papersmith's own flags (the project's set-up rules), after puppeteer's defaults for headless work. */
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

/** Per browser operation (start, setContent, pdf), in milliseconds, unless a caller says otherwise. */
export const DEFAULT_TIMEOUT = 60_000;

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

/** A browser starting or running, with its temporary profile. */
interface Running {
  readonly profile: string;
  /** Stops the browser at once and removes its profile (see stopLaunch). */
  stop(): Promise<void>;
}

/** A running Chromium with a fresh temporary profile, connected over its DevTools pipe. */
export interface LaunchedBrowser extends Running {
  readonly browser: Browser;
}

/** Browsers starting or running and not yet stopped, so that Ctrl-C can stop them all. */
const running = new Set<Running>();

/**
 * Starts Chromium headless with puppeteer, a temporary profile in TMPDIR and a DevTools pipe. A
 * browser that cannot be started, exits or does not answer within `timeout` is a
 * BrowserFailedError, with nothing of it left behind. Puppeteer's signal handlers stay off:
 * papersmith's own (src/cli/interrupt.ts) stop every browser, through closeAllSessions.
 */
export async function launchBrowser(executable: string, timeout = DEFAULT_TIMEOUT): Promise<LaunchedBrowser> {
  void sweepStaleProfiles().catch(() => undefined); // tidying only: never delays or fails a start
  const profile = await mkdtemp(join(tmpdir(), PROFILE_PREFIX));
  const abort = new AbortController();
  const launching = puppeteer.launch({
    executablePath: executable,
    pipe: true,
    headless: true,
    args: [...CHROMIUM_ARGS],
    userDataDir: profile,
    env: browserEnvironment(),
    defaultViewport: null,
    timeout,
    protocolTimeout: timeout,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    signal: abort.signal,
  });
  launching.catch(() => undefined); // awaited below, and again by stop()
  let stopping: Promise<void> | undefined;
  const entry: Running = {
    profile,
    stop: (): Promise<void> => (stopping ??= stopLaunch(entry, abort, launching)),
  };
  running.add(entry);
  let browser: Browser;
  try {
    browser = await withTimeout(launching, timeout);
  } catch (error) {
    const stopped = abort.signal.aborted; // by stopAllBrowsers: the process is stopping
    await entry.stop();
    // Puppeteer says only that the pipe closed; the browser's own words say what to fix.
    const explain = !stopped && !(error instanceof LaunchTimeout);
    const reason = (explain ? await startFailure(executable) : undefined) ?? messageOf(error);
    throw new BrowserFailedError(`The browser at ${executable} could not be started: ${reason}`, { cause: error });
  }
  return { browser, profile, stop: entry.stop };
}

/**
 * Stops a browser at once, if it is still running, with its whole process group (renderers, GPU
 * and utility processes), and removes its profile and socket folder. Nothing papersmith needs
 * lives in the browser by then, and Chromium's graceful shutdown is slow.
 */
async function stopLaunch(entry: Running, abort: AbortController, launching: Promise<Browser>): Promise<void> {
  running.delete(entry);
  abort.abort(); // puppeteer kills the browser's process group, whether it has started or not
  const browser = await launching.catch(() => undefined);
  const child = browser?.process() ?? undefined;
  if (child !== undefined) {
    // A browser that crashed leaves its group to this: puppeteer kills only the group of a live one.
    killGroup(child);
    if (child.exitCode === null && child.signalCode === null) {
      await Promise.race([new Promise((resolve) => child.once("exit", resolve)), sleep(2000, undefined, { ref: false })]);
    }
    // Our ends of its pipes would otherwise keep this process alive.
    for (const stream of child.stdio) stream?.destroy();
  }
  if (browser?.connected === true) void browser.disconnect().catch(() => undefined);
  await removeProfile(entry.profile);
}

/** Stops every browser started here and not yet stopped (on Ctrl-C). */
export async function stopAllBrowsers(): Promise<void> {
  await Promise.allSettled([...running].map((entry) => entry.stop()));
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
 * Why a browser that closed its DevTools pipe at once did so: its exit status and last lines
 * on stderr when started once more, headless with the same flags and a profile of its own, to
 * print a blank page. Undefined when it then starts and exits cleanly.
 */
async function startFailure(executable: string): Promise<string | undefined> {
  const profile = await mkdtemp(join(tmpdir(), PROFILE_PREFIX));
  const args = ["--headless=new", ...CHROMIUM_ARGS, `--user-data-dir=${profile}`, "--dump-dom", "about:blank"];
  const reason = await new Promise<string | undefined>((resolve) => {
    execFile(executable, args, { env: browserEnvironment(), timeout: 10_000, killSignal: "SIGKILL" }, (error, _stdout, stderr) => {
      if (error === null || error.killed === true) return resolve(undefined);
      const words = String(stderr).trim().split("\n").slice(-3).join(" / ");
      resolve(`it exited (${error.code ?? error.signal})${words === "" ? "" : `: ${words}`}`);
    });
  });
  await removeProfile(profile);
  return reason;
}

class LaunchTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LaunchTimeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
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
