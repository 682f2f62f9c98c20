import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureCompiled, papersmith, REPO, STACK_LINE } from "../helpers/cli.js";
import { paper, projectWith } from "../helpers/robustness.js";

/**
 * Deep nesting (issue "hostile projects must not crash or hang the build"): YAML nested
 * thousands of levels by indentation and Markdown nested thousands of levels deep each give a
 * positioned diagnostic saying how deep papersmith reads, never a stack trace, in `check` and
 * `build`, in human and JSON output.
 */

const BASE_CONFIG = readFileSync(join(REPO, "test/fixtures/robustness/base/papersmith.yaml"), "utf8");
const PAPER = "number: 2\ntitle: Deep\ndate: 2024-02-01";

/** A block mapping `levels` deep, each key one space further in than the last, starting at `indent`. */
function nestedMapping(levels: number, indent = 0): string {
  let out = "";
  for (let i = 0; i < levels; i++) out += `${" ".repeat(indent + i)}k${i}:\n`;
  return `${out}${" ".repeat(indent + levels)}leaf\n`;
}

/** A block sequence `levels` deep: `-` on a line of its own, each one space further in. */
function nestedSequence(levels: number): string {
  let out = "";
  for (let i = 0; i < levels; i++) out += `${" ".repeat(i)}-\n`;
  return `${out}${" ".repeat(levels)}leaf\n`;
}

interface JsonReport {
  readonly diagnostics: readonly { file: string; line: number; column: number; rule: string; message: string }[];
}

/** Runs `check --format json`, asserts exit 1, JSON on stdout and no stack trace; returns the report. */
async function checkJson(dir: string): Promise<JsonReport> {
  const run = await papersmith("check", dir, "--format", "json").run();
  expect(run.stderr).not.toMatch(STACK_LINE);
  expect(run.stderr).not.toMatch(/Maximum call stack/);
  expect(run.code, run.stderr).toBe(1);
  return JSON.parse(run.stdout) as JsonReport;
}

/** Runs `build --html-only` with human output: exit 1, the diagnostic shown, nothing written, no stack trace. */
async function buildFails(dir: string, expected: string): Promise<void> {
  const run = await papersmith("build", dir, "--html-only", "--no-color").run();
  expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
  expect(run.code, run.stderr).toBe(1);
  expect(run.stdout).toContain(expected);
  expect(run.stderr).toContain("nothing was written because of the problems above");
}

const YAML_MESSAGE = "This YAML nests more than 200 levels deep (by indentation); papersmith reads no deeper. Flatten it.";
/** The project's references to people, which wait for a people.yaml that does not parse. */
const PEOPLE_HELD_BACK = "2 references to people are not checked until this file parses.";

beforeAll(() => ensureCompiled());

describe("YAML nested 3,000 levels deep by indentation", () => {
  it("reports a paper's front matter as yaml-syntax at the first line too deep", async () => {
    // Front matter starts on line 2; `extra:` is on line 5 and its first nested key on 6, so
    // the key 200 levels in (k199, at column 201) is on line 205.
    const dir = projectWith({ "papers/02-deep.md": paper(`${PAPER}\nextra:\n${nestedMapping(3000, 1)}`) });
    const report = await checkJson(dir);
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`))
      .toEqual([`papers/02-deep.md:205:201 yaml-syntax ${YAML_MESSAGE}`]);
    await buildFails(dir, `papers/02-deep.md:205:201  error  ${YAML_MESSAGE}  [yaml-syntax]`);
  }, 60_000);

  it("reports people.yaml nested as mappings and as sequences", async () => {
    for (const [name, text] of [["mapping", nestedMapping(3000)], ["sequence", nestedSequence(3000)]] as const) {
      const report = await checkJson(projectWith({ "people.yaml": text }));
      const deep = report.diagnostics.filter((d) => d.file === "people.yaml");
      expect(deep.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`), name).toEqual([`201:201 yaml-syntax ${YAML_MESSAGE} ${PEOPLE_HELD_BACK}`]);
    }
  }, 60_000);

  it("reports papersmith.yaml, in check and in build", async () => {
    const configLines = BASE_CONFIG.split("\n").length - (BASE_CONFIG.endsWith("\n") ? 1 : 0);
    const dir = projectWith({ "papersmith.yaml": `${BASE_CONFIG}extra:\n${nestedMapping(3000, 1)}` });
    const line = configLines + 1 + 200;
    const report = await checkJson(dir);
    // A papersmith.yaml that does not parse defines no partners: people.yaml's partner reference waits for it.
    const config = report.diagnostics.filter((d) => d.file === "papersmith.yaml");
    expect(config.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([`papersmith.yaml:${line}:201 yaml-syntax`]);
    await buildFails(dir, `papersmith.yaml:${line}:201  error  ${YAML_MESSAGE} 1 reference to partners is not checked until this file parses.  [yaml-syntax]`);
  }, 60_000);

  it("still reads YAML nested a little under the limit, and block scalars indented deeper", async () => {
    const about = Array.from({ length: 300 }, (_, i) => `${" ".repeat(6 + i)}line ${i}`).join("\n");
    const config = BASE_CONFIG.replace("    logoAlt: Alpha", `    about: |\n${about}\n    logoAlt: Alpha`);
    expect(config).not.toBe(BASE_CONFIG);
    const run = await papersmith("check", projectWith({ "papersmith.yaml": config, "papers/02-deep.md": paper(`${PAPER}\nextra:\n${nestedMapping(150, 1)}`) }), "--format", "json").run();
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.diagnostics.filter((d) => d.rule === "yaml-syntax")).toEqual([]);
  }, 60_000);
});

describe("Markdown nested thousands of levels deep", () => {
  const bodies: Record<string, { body: string; line: number }> = {
    // 5,000 quote markers with no spaces between them, on one line (line 7 of the paper).
    "5,000 `>` on one line": { body: `${">".repeat(5000)} deep\n`, line: 7 },
    // One more `>` on each of 1,000 lines: line 7 + 200 is the first too deep to read.
    "1,000 lines of block quotes, each one deeper": { body: `${Array.from({ length: 1000 }, (_, i) => `${">".repeat(i + 1)} q`).join("\n")}\n`, line: 207 },
    "5,000 list markers on one line": { body: `${"- ".repeat(5000)}deep\n`, line: 7 },
    // Indentation of more than 400 columns: the list item 201 levels in, on line 7 + 201.
    "300 lines of nested list items": { body: `${Array.from({ length: 300 }, (_, i) => `${"  ".repeat(i)}- item`).join("\n")}\n`, line: 208 },
  };
  for (const [name, { body, line }] of Object.entries(bodies)) {
    it(`reports ${name} as a positioned schema problem`, async () => {
      const dir = projectWith({ "papers/02-deep.md": paper(PAPER, body) });
      const report = await checkJson(dir);
      const lines = report.diagnostics.filter((d) => d.file === "papers/02-deep.md" && d.message.startsWith("This line"));
      expect(lines.map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual([`${line}:1 schema`]);
      expect(lines[0]?.message).toMatch(/^This line nests more than 200 levels deep /);
      await buildFails(dir, `papers/02-deep.md:${line}:1  error  This line nests more than 200 levels deep`);
    }, 60_000);
  }

  it("reports a Markdown-valued YAML field nested deep at its place in the YAML file", async () => {
    // quotes.yaml line 3 holds the one-line text (its first `>` at column 10); the block text
    // starts on line 7, indented 4, so its 201st quote level is on line 7 + 200.
    const block = Array.from({ length: 1000 }, (_, i) => `    ${">".repeat(i + 1)} q`).join("\n");
    const quotes = `- id: deep\n  by: chief-a\n  text: "${">".repeat(5000)} x"\n- id: deep2\n  by: chief-a\n  text: |\n${block}\n`;
    const dir = projectWith({ "quotes.yaml": quotes });
    const report = await checkJson(dir);
    const lines = report.diagnostics.filter((d) => d.file === "quotes.yaml" && d.message.startsWith("This line"));
    expect(lines.map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual(["3:10 schema", "207:5 schema"]);
    await buildFails(dir, "quotes.yaml:3:10  error  This line nests more than 200 levels deep");
  }, 60_000);

  it("reports `:::` blocks nested 400 deep once, at the first fence too deep, and reads the rest", async () => {
    // Each outer fence one colon longer than the one inside it, as nesting needs (so the text
    // grows with the square of the depth); the paper body starts on line 7, so the 33rd opening
    // fence (inside 32 others) is on line 7 + 32.
    const levels = 400;
    const open = Array.from({ length: levels }, (_, i) => `${":".repeat(3 + levels - i)}figure`);
    const close = Array.from({ length: levels }, (_, i) => ":".repeat(4 + i));
    const dir = projectWith({ "papers/02-deep.md": paper(PAPER, `${[...open, "deep", ...close].join("\n")}\n`) });
    const report = await checkJson(dir);
    const fences = report.diagnostics.filter((d) => d.file === "papers/02-deep.md" && d.message.startsWith("This `:::` block"));
    expect(fences.map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual(["39:1 schema"]);
    expect(fences[0]?.message).toContain("stands inside 32 others");
    expect(fences[0]?.message).toContain(`nor ${2 * (levels - 32) - 1} more lines like it`);
  }, 60_000);
});
