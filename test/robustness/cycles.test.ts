import { cpSync, existsSync, mkdtempSync, appendFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureCompiled, papersmith, STACK_LINE } from "../helpers/cli.js";
import { fixture } from "../helpers/fixtures.js";

/**
 * A block directive that includes itself (issue "hostile projects must not crash or hang the
 * build"): `check` reports it as `directive-cycle` (test/fixtures/check/directive-cycle-*), and
 * the renderer stays finite even with the rule switched off, showing the inner repeat as nothing.
 */

beforeAll(() => ensureCompiled());

describe("directive cycles", () => {
  for (const kind of ["charter", "about-partners", "quote"]) {
    it(`builds a project whose ${kind} cycle slipped past check (rule off) without recursing forever`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "papersmith-cycle-"));
      try {
        cpSync(fixture("check", `directive-cycle-${kind}`), dir, { recursive: true });
        appendFileSync(join(dir, "papersmith.yaml"), "rules:\n  directive-cycle: off\n");
        const run = await papersmith("build", dir, "--html-only", "--drafts", "--no-color").run();
        expect(run.stderr).not.toMatch(STACK_LINE);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        // A draft paper is published only by an internal build, which renders its blocks too.
        expect(existsSync(join(dir, "dist", "papers", "1-first-paper.html"))).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  }

  it("builds a chain of 3,000 quotes, each showing the next, with the depth limit's schema rule off", async () => {
    const dir = mkdtempSync(join(tmpdir(), "papersmith-chain-"));
    try {
      cpSync(fixture("check", "schema-block-nesting"), dir, { recursive: true });
      const n = 3000;
      writeFileSync(join(dir, "quotes.yaml"), Array.from({ length: n }, (_, i) =>
        `- id: q${i}\n  by: ann\n  text: |\n    Quote ${i}.\n${i + 1 < n ? `\n    ::quote{#q${i + 1}}\n` : ""}`).join(""));
      const check = await papersmith("check", dir, "--format", "json").run();
      const report = JSON.parse(check.stdout) as { diagnostics: { line: number; rule: string }[] };
      expect(report.diagnostics.filter((d) => d.rule === "schema")).toHaveLength(1);
      appendFileSync(join(dir, "papersmith.yaml"), "rules:\n  schema: off\n");
      const run = await papersmith("build", dir, "--html-only", "--drafts", "--no-color").run();
      expect(run.stderr).not.toMatch(STACK_LINE);
      expect(run.code, run.stdout + run.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("fails check with the cycle positioned in JSON", async () => {
    const run = await papersmith("check", fixture("check", "directive-cycle-quote"), "--format", "json").run();
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { diagnostics: { file: string; line: number; column: number; rule: string }[] };
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`))
      .toEqual(["quotes.yaml:6:5 directive-cycle", "quotes.yaml:12:5 directive-cycle", "quotes.yaml:18:5 directive-cycle"]);
  });
});
