import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * docs/authoring.md shows, for every rule `check` reports, a slip, the messages papersmith
 * prints for it and the fix (docs/rule-examples.yaml). The script that writes that section runs
 * papersmith on each slip and fix; with --check it fails when a slip no longer gives its rule,
 * a fix gives a message, a rule has no example, or the guide differs from what it would write.
 */
describe("the authoring guide's rule examples", () => {
  it("hold for the code as it is, and the guide shows them as papersmith prints them", () => {
    const run = spawnSync(process.execPath, ["scripts/rule-examples.mjs", "--check"], { cwd: root, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
