import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureCompiled, papersmith, REPO } from "./helpers/cli.js";

/**
 * docs/ci.md's GitHub Actions workflow, as a user would copy it: valid by the workflow schema
 * (@action-validator/cli), and asking papersmith only for commands and options it has.
 */

const MARKER = "<!-- workflow: checked by test/ci-recipe.test.ts -->";

function workflowOfRecipe(): string {
  const doc = readFileSync(join(REPO, "docs/ci.md"), "utf8");
  const after = doc.slice(doc.indexOf(MARKER) + MARKER.length);
  const block = /^```yaml\n([\s\S]*?)^```$/m.exec(after);
  if (doc.indexOf(MARKER) < 0 || block === null) throw new Error(`docs/ci.md has no yaml block after ${MARKER}`);
  return block[1]!;
}

function validate(workflow: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "papersmith-ci-recipe-"));
  mkdirSync(join(dir, ".github/workflows"), { recursive: true });
  const file = join(dir, ".github/workflows/papers.yml");
  writeFileSync(file, workflow);
  const run = spawnSync(join(REPO, "node_modules/.bin/action-validator"), [file], { cwd: dir, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("docs/ci.md", () => {
  const workflow = workflowOfRecipe();

  it("gives a workflow that the GitHub Actions workflow schema accepts", () => {
    const { status, output } = validate(workflow);
    expect(output).toBe("");
    expect(status).toBe(0);
  });

  it("is checked by a validator that does reject a broken workflow", () => {
    const broken = workflow.replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest");
    expect(broken).not.toBe(workflow);
    expect(validate(broken).status).not.toBe(0);
  });

  it("runs only papersmith commands and options that exist", async () => {
    ensureCompiled();
    const commands = [...workflow.matchAll(/npx papersmith (\w+)((?: --[a-z-]+)*)/g)];
    expect(commands.length).toBeGreaterThanOrEqual(2);
    // The options every command takes are listed once, in the program's help.
    const common = await papersmith("--help").run();
    for (const [, command, flags] of commands) {
      const help = await papersmith(command!, "--help").run();
      expect(help.code, command).toBe(0);
      for (const flag of flags!.trim().split(" ").filter((f) => f !== "")) {
        expect(`${help.stdout}${common.stdout}`, `${command} ${flag}`).toMatch(new RegExp(`${flag}\\b`));
      }
    }
  });
});
