import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureCompiled, REPO, TEST_CACHE_DIR } from "./helpers/cli.js";
import { fixture } from "./helpers/fixtures.js";

/**
 * bin/papersmith runs lib/bundle/ (scripts/bundle.mjs: one set of chunks, node_modules included,
 * because Node 20 takes ~0.4 s to load the ~600 separate modules of a build). The bundle must do
 * exactly what the modules it was made from do, browser and PDF libraries included.
 */
ensureCompiled();
const BUNDLE = join(REPO, "lib/bundle/main.js");
const MODULES = join(REPO, "lib/cli/main.js");
const temp = mkdtempSync(join(tmpdir(), "papersmith-bundle-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function runEntry(entry: string, args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  const script = `const { main } = await import(${JSON.stringify(entry)}); process.exitCode = await main(${JSON.stringify(args)});`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8", env: { ...process.env, PAPERSMITH_CACHE_DIR: TEST_CACHE_DIR, SOURCE_DATE_EPOCH: "1700000000", ...env }, timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("the bundle", () => {
  it("exists after npm run compile, with its fingerprint", () => {
    expect(readdirSync(join(REPO, "lib/bundle"))).toEqual(expect.arrayContaining(["main.js", "fingerprint.txt"]));
    expect(readFileSync(join(REPO, "lib/bundle/fingerprint.txt"), "utf8")).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it("reports what the modules report", () => {
    const args = ["check", fixture("cli", "errors"), "--format", "json"];
    const bundled = runEntry(BUNDLE, args);
    const modules = runEntry(MODULES, args);
    expect(bundled.stderr).toBe(modules.stderr);
    expect(bundled.code).toBe(1);
    expect(bundled.stdout).toBe(modules.stdout);
  });

  it("keeps the yaml parser's debug logging out of its output, whatever the environment says", () => {
    // yaml prints every token to stdout under LOG_TOKENS and every document under LOG_STREAM;
    // the bundle leaves both checks out (scripts/bundle.mjs), which also makes YAML faster.
    const args = ["check", fixture("cli", "errors"), "--format", "json", "--no-cache"];
    const bundled = runEntry(BUNDLE, args, { LOG_TOKENS: "1", LOG_STREAM: "1" });
    expect(bundled.code).toBe(1);
    expect(bundled.stdout).toBe(runEntry(MODULES, args).stdout);
    expect(() => JSON.parse(bundled.stdout) as unknown).not.toThrow();
  });

  it("builds the same bytes as the modules, PDFs included", () => {
    const example = join(REPO, "examples/integrated-care-series");
    const outputs = [BUNDLE, MODULES].map((entry, i) => {
      const out = join(temp, `out-${i}`);
      const run = runEntry(entry, ["build", example, "--out", out, "--chromium", "/usr/bin/chromium", "--no-cache"]);
      expect(run.code, run.stderr).toBe(0);
      const pdfs = readdirSync(join(out, "pdf")).sort();
      return new Map([...pdfs.map((name) => [`pdf/${name}`, readFileSync(join(out, "pdf", name)).toString("base64")] as const),
        ["index.html", readFileSync(join(out, "index.html"), "utf8")] as const]);
    });
    expect([...outputs[0]!.keys()]).toEqual([...outputs[1]!.keys()]);
    expect(outputs[0]!.size).toBeGreaterThan(2);
    for (const [path, content] of outputs[0]!) expect(content === outputs[1]!.get(path), path).toBe(true);
  }, 120_000);
});

describe("bin/papersmith", () => {
  /** A copy of bin/papersmith over stub entry points that say which one ran. */
  function stubInstall(bundleNewerBySeconds: number | undefined): string {
    const root = mkdtempSync(join(temp, "install-"));
    mkdirSync(join(root, "bin"));
    mkdirSync(join(root, "lib/cli"), { recursive: true });
    copyFileSync(join(REPO, "bin/papersmith"), join(root, "bin/papersmith"));
    writeFileSync(join(root, "package.json"), '{"type":"module"}');
    const stub = (name: string): string => `export async function main() { process.stdout.write("${name}"); return 0; }\n`;
    writeFileSync(join(root, "lib/cli/main.js"), stub("modules"));
    if (bundleNewerBySeconds !== undefined) {
      mkdirSync(join(root, "lib/bundle"));
      writeFileSync(join(root, "lib/bundle/main.js"), stub("bundle"));
      const now = Date.now() / 1000;
      utimesSync(join(root, "lib/cli/main.js"), now, now);
      utimesSync(join(root, "lib/bundle/main.js"), now + bundleNewerBySeconds, now + bundleNewerBySeconds);
    }
    return join(root, "bin/papersmith");
  }
  const ran = (bin: string): string => spawnSync(process.execPath, [bin], { encoding: "utf8" }).stdout;

  it("runs the bundle when it was made after lib/ was compiled", () => {
    expect(ran(stubInstall(+5))).toBe("bundle");
  });

  it("runs lib/ when it was compiled after the bundle (a bare tsc run) or there is no bundle", () => {
    expect(ran(stubInstall(-5))).toBe("modules");
    expect(ran(stubInstall(undefined))).toBe("modules");
  });
});
