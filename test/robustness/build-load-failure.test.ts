import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureCompiled, REPO } from "../helpers/cli.js";

/**
 * `build` starts Chromium before it loads the build itself, so that the browser's start-up
 * overlaps the check. When the build cannot be loaded (a broken install), the browser that was
 * starting must be stopped too, not left running after papersmith has gone.
 */
describe("a build that cannot be loaded", () => {
  it("stops the browser it had started", () => {
    ensureCompiled();
    const root = mkdtempSync(join(tmpdir(), "papersmith-broken-install-"));
    const pkg = join(root, "papersmith");
    for (const part of ["bin", "lib", "templates", "package.json"]) cpSync(join(REPO, part), join(pkg, part), { recursive: true });
    symlinkSync(join(REPO, "node_modules"), join(pkg, "node_modules"));
    // The build's own module is missing, from the bundle and from lib/: importing it fails.
    const chunks = readdirSync(join(pkg, "lib/bundle")).filter((name) => /^build-[A-Z0-9]+\.js$/.test(name));
    expect(chunks).toHaveLength(1);
    rmSync(join(pkg, "lib/bundle", chunks[0]!));
    rmSync(join(pkg, "lib/build.js")); // and lib/'s, which runs when the copy left lib/ newer than the bundle
    // A browser that notes its process id, then becomes Chromium.
    const pids = join(root, "browser-pids");
    const chromium = join(root, "chromium");
    writeFileSync(chromium, `#!/bin/sh\necho $$ >> '${pids}'\nexec /usr/bin/chromium "$@"\n`, { mode: 0o755 });
    const project = join(root, "project");
    cpSync(join(REPO, "test/fixtures/render/basic"), project, { recursive: true });
    const run = spawnSync(process.execPath, [join(pkg, "bin/papersmith"), "build", project], {
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, PAPERSMITH_CHROMIUM: chromium, PAPERSMITH_CACHE_DIR: join(root, "cache") },
    });
    expect(run.error).toBeUndefined(); // ended by itself, not by the time limit
    expect(run.status).not.toBe(0);
    // The browser may not have been spawned yet when the failure came; any that was must be gone.
    const started = (existsSync(pids) ? readFileSync(pids, "utf8") : "").trim().split("\n").filter(Boolean).map(Number);
    const alive = started.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  }, 90_000);
});
