import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Set while a run's temporary folder is in place. */
const MARK = "PAPERSMITH_TESTS_TMPDIR";

/**
 * One temporary folder for the whole test run, removed at its end: every test's projects,
 * caches and outputs, and everything the papersmith and Chromium processes they start put in
 * TMPDIR, go in it. Tests make hundreds of throwaway projects; each cleaning up its own left
 * about 50 MB a run behind in /tmp. Each vitest project runs this setup too: only the first
 * makes the folder, since folders nested in each other make Chromium's singleton socket path
 * too long for a Unix socket, and the browser will not start.
 */
export function setup(): () => void {
  if (process.env[MARK] !== undefined) return () => undefined;
  const root = mkdtempSync(join(tmpdir(), "papersmith-tests-"));
  const saved = process.env["TMPDIR"];
  process.env["TMPDIR"] = root;
  process.env[MARK] = root;
  return () => {
    if (saved === undefined) delete process.env["TMPDIR"];
    else process.env["TMPDIR"] = saved;
    delete process.env[MARK];
    rmSync(root, { recursive: true, force: true });
  };
}
