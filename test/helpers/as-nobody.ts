import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ensureCompiled, REPO } from "./cli.js";

/**
 * Running papersmith as the unprivileged user `nobody` from tests that run as root (CI), where
 * file permissions would otherwise never bite. Nobody must be able to reach what it runs: the
 * checkout may sit in a folder only root can enter (a CI job cloning into a `mktemp -d` folder,
 * mode 700), and so does the tests' own temporary folder (test/global-setup.ts). So the
 * helpers find a folder nobody can enter, and copy papersmith there when the checkout is out of
 * nobody's reach.
 */

/** The ids of `nobody` and its group, or undefined when this machine has no such user. */
function nobodyIds(): { uid: number; gid: number } | undefined {
  const id = (flag: string): number => Number(spawnSync("id", [flag, "nobody"], { encoding: "utf8" }).stdout.trim() || Number.NaN);
  const uid = id("-u");
  const gid = id("-g");
  return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
}

/** Spawn options that run a child as nobody, with no supplementary groups (libuv drops them). */
const NOBODY = nobodyIds();

/**
 * Why papersmith cannot be run as nobody here, or undefined when it can: a test that needs to
 * passes this to `it.skipIf` and prints it.
 */
export const CANNOT_RUN_AS_NOBODY: string | undefined = (() => {
  if (process.getuid?.() !== 0) return "the tests do not run as root, so they cannot switch to the user nobody";
  if (NOBODY === undefined) return "this machine has no user nobody";
  const probe = asNobody(process.execPath, ["--version"], { cwd: "/" });
  if (probe.status !== 0) return `nobody cannot run ${process.execPath} (${probe.error?.message ?? probe.stderr.trim()})`;
  return undefined;
})();

/** Runs `command` as nobody and waits for it. */
export function asNobody(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number }): SpawnSyncReturns<string> {
  return spawnSync(command, args, { ...NOBODY, encoding: "utf8", timeout: options.timeout ?? 60_000, cwd: options.cwd, env: options.env ?? { PATH: process.env.PATH ?? "" } });
}

/** Whether nobody can enter `dir` (every folder above it included) and read what is in it. */
function nobodyCanRead(dir: string): boolean {
  return asNobody(process.execPath, ["-e", `require("fs").accessSync(${JSON.stringify(dir)}, require("fs").constants.R_OK | require("fs").constants.X_OK)`], { cwd: "/" }).status === 0;
}

/**
 * A new empty folder, mode 755 and owned by root, that nobody can enter: under the tests'
 * temporary folder when nobody can reach it, else under the nearest folder above it that
 * nobody can (/tmp, usually). The caller removes it.
 */
function folderNobodyCanEnter(prefix: string): string {
  let base = tmpdir();
  while (!nobodyCanRead(base) && dirname(base) !== base) base = dirname(base);
  const dir = mkdtempSync(join(base, prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** Where a test runs papersmith as nobody: a scratch folder and the executable to run. */
export interface NobodySetup {
  /** A folder nobody can enter (mode 755, root's), removed by `remove`. */
  readonly root: string;
  /** bin/papersmith as nobody can run it. */
  readonly bin: string;
  remove(): void;
}

/**
 * Sets up running papersmith as nobody, or says why it cannot be done here (printing the reason,
 * since a skipped test says nothing by itself). The executable is the checkout's own when
 * nobody can reach the checkout; else a copy, in the scratch folder, of what npm ships
 * (package.json's `files`, and package.json), timestamps kept so that bin/papersmith picks the
 * same entry point as in the checkout. The bundle holds its dependencies; lib/ without a fresh
 * bundle needs node_modules, linked when nobody can reach it.
 */
export function setUpNobody(prefix: string): NobodySetup | { readonly skip: string } {
  const skip = (reason: string): { skip: string } => {
    console.warn(`papersmith as nobody: skipped, ${reason}`);
    return { skip: reason };
  };
  if (CANNOT_RUN_AS_NOBODY !== undefined) return skip(CANNOT_RUN_AS_NOBODY);
  ensureCompiled();
  const root = folderNobodyCanEnter(prefix);
  const remove = (): void => rmSync(root, { recursive: true, force: true });
  if (nobodyCanRead(REPO)) return { root, bin: join(REPO, "bin/papersmith"), remove };
  const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { files: string[] };
  const install = join(root, "papersmith");
  for (const entry of [...pkg.files.filter((f) => !f.startsWith("!")), "package.json"]) {
    cpSync(join(REPO, entry), join(install, entry), { recursive: true, preserveTimestamps: true });
  }
  const modules = realpathSync(join(REPO, "node_modules"));
  if (nobodyCanRead(modules)) symlinkSync(modules, join(install, "node_modules"));
  else if (!bundleRuns()) {
    remove();
    return skip("the checkout and its node_modules are out of nobody's reach, and lib/bundle/ is older than lib/ (run npm run compile)");
  }
  spawnSync("chmod", ["-R", "a+rX", install]);
  return { root, bin: join(install, "bin/papersmith"), remove };
}

/** Whether bin/papersmith runs the bundle (scripts/bundle.mjs), which needs no node_modules. */
function bundleRuns(): boolean {
  const bundle = join(REPO, "lib/bundle/main.js");
  return existsSync(bundle) && statSync(bundle).mtimeMs >= statSync(join(REPO, "lib/cli/main.js")).mtimeMs;
}

/** Makes nobody the owner of `dir` and everything in it, so that nobody can read and write there. */
export function giveToNobody(dir: string): void {
  const chown = spawnSync("chown", ["-R", `${NOBODY?.uid}:${NOBODY?.gid}`, dir], { encoding: "utf8" });
  if (chown.status !== 0) throw new Error(`chown ${dir}: ${chown.stderr}`);
}
