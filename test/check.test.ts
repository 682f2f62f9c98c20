import { describe, expect, it } from "vitest";
import { checkProject } from "../src/check.js";
import { UsageError } from "../src/diagnostics/errors.js";
import { fixture, fixtureCases, readExpected, reportLines } from "./helpers/fixtures.js";

/**
 * Every folder under test/fixtures/check/ is a small project; its expected.txt lists the exact
 * diagnostics `check` must report, in order (SPEC §3: sorted by file, line, column).
 */
describe("check fixtures", () => {
  for (const name of fixtureCases("check")) {
    it(name, async () => {
      const dir = fixture("check", name);
      const expected = readExpected(dir);
      const result = await checkProject(dir);
      expect(reportLines(result.diagnostics, expected).join("\n")).toBe(expected.map((e) => e.text).join("\n"));
      expect(result.errors).toBe(result.diagnostics.filter((d) => d.severity === "error").length);
      expect(result.warnings).toBe(result.diagnostics.filter((d) => d.severity === "warn").length);
    });
  }
});

describe("check: report shape", () => {
  it("sorts every report by file (code-unit order), line, column and keeps positions 1-based", async () => {
    for (const name of fixtureCases("check")) {
      const { diagnostics } = await checkProject(fixture("check", name));
      const keys = diagnostics.map((d) => [d.file, d.line, d.column] as const);
      const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
      expect(keys, name).toEqual(sorted);
      for (const d of diagnostics) {
        expect(d.line, `${name}: ${d.file}`).toBeGreaterThanOrEqual(1);
        expect(d.column, `${name}: ${d.file}`).toBeGreaterThanOrEqual(1);
        expect(d.file, name).not.toMatch(/\\|^\//);
        expect(d.message, name).not.toMatch(/^(Error|error):/);
        if (d.endLine !== undefined) {
          expect(d.endLine >= d.line, `${name}: ${d.file}:${d.line}`).toBe(true);
          if (d.endLine === d.line && d.endColumn !== undefined) expect(d.endColumn).toBeGreaterThanOrEqual(d.column);
        }
      }
    }
  });

  it("spans the whole directive for a directive problem", async () => {
    const { diagnostics } = await checkProject(fixture("check", "unknown-directive"));
    const cas = diagnostics.find((d) => d.message.includes(":cas"));
    expect(cas).toMatchObject({ line: 8, column: 14, endLine: 8, endColumn: 21 });
  });

  it("spans the whole YAML value for a value problem", async () => {
    const { diagnostics } = await checkProject(fixture("check", "brand-contrast"));
    expect(diagnostics[0]).toMatchObject({ line: 8, column: 13, endLine: 8, endColumn: 22 });
  });
});

describe("check: not a project", () => {
  it("throws a UsageError (exit 2) without papersmith.yaml", async () => {
    await expect(checkProject(fixture("cli", "no-config"))).rejects.toBeInstanceOf(UsageError);
  });

  it("throws a UsageError for a folder that does not exist", async () => {
    await expect(checkProject(fixture("cli", "does-not-exist"))).rejects.toBeInstanceOf(UsageError);
  });
});

