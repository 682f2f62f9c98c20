import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * One temporary folder for the whole test run, removed at its end: every test's projects,
 * caches and outputs, and everything the papersmith and Chromium processes they start put in
 * TMPDIR, go in it. Tests make hundreds of throwaway projects; each cleaning up its own left
 * about 50 MB a run behind in /tmp.
 */
export function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "papersmith-tests-"));
  const saved = process.env["TMPDIR"];
  process.env["TMPDIR"] = root;
  return () => {
    if (saved === undefined) delete process.env["TMPDIR"];
    else process.env["TMPDIR"] = saved;
    rmSync(root, { recursive: true, force: true });
  };
}
