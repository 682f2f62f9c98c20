import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ensureCompiled, REPO } from "./helpers/cli.js";

/** The paths `npm pack` would put in the package, as npm itself lists them. */
function packedFiles(): string[] {
  ensureCompiled();
  const pack = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO, encoding: "utf8", timeout: 60_000 });
  expect(pack.status, pack.stderr).toBe(0);
  const [summary] = JSON.parse(pack.stdout) as { files: { path: string }[] }[];
  return summary!.files.map((file) => file.path);
}

describe("the npm package", () => {
  const files = packedFiles();

  it("ships the command, its compiled code and its templates", () => {
    expect(files).toEqual(expect.arrayContaining(["bin/papersmith", "lib/cli/main.js", "lib/bundle/main.js", "package.json"]));
    expect(files.some((path) => path.startsWith("templates/"))).toBe(true);
  });

  it("ships no benchmark, source or test file", () => {
    // The benchmarks (bench/: the harness, the floor, the print and preview measurements) are
    // tools for developing papersmith, not part of it.
    const foreign = files.filter((path) => /(^|\/)bench(\/|$)|^(src|test)\/|(^|\/)measure-(print|preview)\.|\.ts$/.test(path));
    expect(foreign).toEqual([]);
  });
});
