import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureCompiled, papersmith, REPO, STACK_LINE } from "../helpers/cli.js";
import { checkLines, paper, projectWith, snapshot } from "../helpers/robustness.js";
import { checkProject } from "../../src/check.js";
import { ParsePool } from "../../src/load/parse-pool.js";

/**
 * Bad source files (issue 10, "Sources"): each is reported with a clear, positioned message,
 * never a crash or a hang, and a build stops with the last good output untouched. Empty files,
 * BOM, CRLF, tabs, duplicate keys, unclosed front matter, Latin-1 and a UTF-16 quotes.yaml are
 * covered by test/fixtures/check/.
 */

const FIRST = "papers/01-first.md";
const BASE_CONFIG = readFileSync(join(REPO, "test/fixtures/robustness/base/papersmith.yaml"), "utf8");

/** Nine levels of ten aliases each: 10^9 nodes if anything expanded it. */
function aliasBomb(use: string): string {
  const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let i = 1; i < 9; i += 1) {
    const name = String.fromCharCode(97 + i);
    const prev = String.fromCharCode(96 + i);
    levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(", ")}]`);
  }
  return `${levels.join("\n")}\n${use}`;
}

/**
 * Builds the HTML of a good project, then breaks it with `files` and builds again: the second
 * build must exit 1, say nothing was written, and leave the first build's files as they were.
 */
async function breaksWithOutputKept(files: Record<string, string | Uint8Array>): Promise<{ stdout: string; stderr: string }> {
  const dir = projectWith();
  const out = join(dir, "dist");
  expect((await papersmith("build", dir, "--html-only").run()).code).toBe(0);
  const before = snapshot(out);
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  const run = await papersmith("build", dir, "--html-only", "--no-color").run();
  expect(run.code, run.stderr).toBe(1);
  expect(run.stderr).toContain("nothing was written because of the problems above");
  expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
  expect(snapshot(out)).toEqual(before);
  return run;
}

beforeAll(() => ensureCompiled());

describe("encodings and binary files", () => {
  it("reports a paper saved as UTF-16 (little-endian, with BOM), and keeps the last build", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(paper("number: 2\ntitle: Two\ndate: 2024-02-01"), "utf16le")]);
    const run = await breaksWithOutputKept({ "papers/02-two.md": utf16 });
    expect(run.stdout).toContain("papers/02-two.md:1:1  error  papers/02-two.md is encoded as UTF-16; papersmith reads UTF-8 only. Save it as UTF-8.  [schema]");
  });

  it("reports a big-endian UTF-16 papersmith.yaml", async () => {
    const utf16be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(BASE_CONFIG, "utf16le").swap16()]);
    const { lines } = await checkLines(projectWith({ "papersmith.yaml": utf16be }));
    // The file defines nothing, so the references to its partners wait for it.
    expect(lines).toContain("papersmith.yaml:1:1 schema papersmith.yaml is encoded as UTF-16; papersmith reads UTF-8 only. Save it as UTF-8."
      + " 1 reference to partners is not checked until this file parses.");
  });

  it("reports a binary file (a PNG) named .md at its first byte", async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.alloc(300, 0xab)]);
    const run = await breaksWithOutputKept({ "papers/02-image.md": png });
    expect(run.stdout).toContain("papers/02-image.md:1:1  error  papers/02-image.md is not valid UTF-8 text (byte 0x89 at line 1). Save it as UTF-8.  [schema]");
  });

  it("loads a UTF-8 file full of NUL and control characters without crashing", async () => {
    const body = "Text\u0000with\u0001controls\u001b[31m and :value[patients-central]\u0000.\n";
    const { lines } = await checkLines(projectWith({ "papers/02-nul.md": paper("number: 2\ntitle: \"Nul\\0title\"\ndate: 2024-02-01", body) }));
    expect(lines).toEqual([]);
  });
});

describe("size", () => {
  /** A paper of realistic prose of about `megabytes` MB, ending in one broken reference. */
  function bigPaper(megabytes: number): { text: string; lines: number } {
    const para = "Integrated care depends on :value[patients-central] and on partners who work together, with *emphasis*, **strong** text, a [link](01-first.md) and `code`.\n\n";
    const parts = ["---\nnumber: 2\ntitle: Big\ndate: 2024-02-01\n---\n\n"];
    let size = 0;
    for (let i = 0; size < megabytes * 1024 * 1024; i += 1) {
      const part = (i % 50 === 0 ? `## Section ${i}\n\n` : "") + para;
      parts.push(part);
      size += part.length;
    }
    parts.push("The end cites :value[no-such-value].\n");
    const text = parts.join("");
    return { text, lines: text.split("\n").length - 1 };
  }

  it("checks a 1 MB paper with exact positions at its end", async () => {
    const { text, lines } = bigPaper(1);
    // A pool of its own, with time enough for a megabyte on a loaded machine.
    const pool = new ParsePool({ budgetMs: 600_000 });
    const result = await checkProject(projectWith({ "papers/02-big.md": text }), { pool }).finally(() => pool.close());
    const { diagnostics } = result;
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.rule])).toEqual([["papers/02-big.md", lines, 15, "ref-missing"]]);
  }, 120_000);

  it("refuses a 10 MB paper at the file, within its parse budget, and checks the rest", async () => {
    const { text } = bigPaper(10);
    const dir = projectWith({ "papers/02-big.md": text, "papers/03-small.md": paper("number: 3\ntitle: Small\ndate: 2024-03-01", "Cites :value[nope].\n") });
    const run = await papersmith("check", dir, "--format", "json").env({ PAPERSMITH_PARSE_BUDGET_MS: "3000" }).run();
    expect(run.code).toBe(1);
    const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: { file: string; line: number; column: number; rule: string; message: string }[] };
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual(["papers/02-big.md:1:1 schema", "papers/03-small.md:7:7 ref-missing"]);
    expect(diagnostics[0]!.message).toMatch(/too complex to parse: papersmith gave up (after 3 s|when it took more than 1024 MB of memory)/);
  }, 120_000);

  it("checks 10,000 references in one paper in a few seconds, each broken one at its own position", async () => {
    const body = Array.from({ length: 10_000 }, (_, i) =>
      `Point ${i} cites :value[patients-central] and :person[chief-a]${i % 1000 === 0 ? ` and :value[nope-${i}]` : ""}.`).join("\n\n");
    const { diagnostics } = await checkLines(projectWith({ "papers/02-refs.md": paper("number: 2\ntitle: Refs\ndate: 2024-02-01", `${body}\n`) }));
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual(
      Array.from({ length: 10 }, (_, k) => `${7 + 2 * 1000 * k}:${64 + String(1000 * k).length} ref-missing`));
  }, 30_000);
});

describe("YAML alias bombs and deep nesting", () => {
  it("never expands an alias bomb in a paper's front matter", async () => {
    const { lines } = await checkLines(projectWith({ "papers/02-bomb.md": paper(`number: 2\ntitle: Bomb\ndate: 2024-02-01\n${aliasBomb("authors: *i")}`) }));
    expect(lines.filter((l) => l.includes("`authors`"))).toHaveLength(10);
    expect(lines).toContain("papers/02-bomb.md:13:8 schema Each entry of `authors` must be text, not a list.");
    expect(lines.length).toBeLessThan(30);
  });

  it("never expands an alias bomb in papersmith.yaml, and the build stops with the output kept", async () => {
    const run = await breaksWithOutputKept({ "papersmith.yaml": `${BASE_CONFIG}${aliasBomb("rules: *i")}\n` });
    expect(run.stdout).toContain("Unknown key `a` in papersmith.yaml. Known keys: series, partners, theme, build, rules, personalData, citations, accessibility.");
    expect(run.stdout.length).toBeLessThan(20_000);
  });

  it("bounds an alias bomb used as the whole configuration", async () => {
    const { lines } = await checkLines(projectWith({ "papersmith.yaml": aliasBomb("series: *i\npartners: *i\ntheme: *i\nbuild: *i\n") }));
    expect(lines.length).toBeLessThan(50);
    expect(lines.every((l) => !/Maximum call stack/.test(l))).toBe(true);
  });

  it("reports 10,000 nested flow collections in front matter as a YAML problem, not a crash", async () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const { diagnostics } = await checkLines(projectWith({ "papers/02-deep.md": paper(`number: 2\ntitle: Deep\ndate: 2024-02-01\nauthors: ${deep}`) }));
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`)).toEqual(["papers/02-deep.md:5 yaml-syntax"]);
  });

  it("reports 10,000 nested mappings in papersmith.yaml as a YAML problem and keeps the last build", async () => {
    const run = await breaksWithOutputKept({ "papersmith.yaml": `series: ${"{a: ".repeat(10_000)}1${"}".repeat(10_000)}\n` });
    expect(run.stdout).toMatch(/papersmith\.yaml:1:\d+ {2}error {2}.+ {2}\[yaml-syntax\]/);
  });

  // papersmith reads Markdown no deeper than 200 levels: deeper content is cut off and reported
  // (schema), so no later stage can overflow the stack walking it; a line of thousands of
  // nested list markers or emphasis marks (which the parser takes minutes over) is not read.
  it("checks Markdown nested 10,000 deep (block quotes, lists, emphasis) without a stack overflow", async () => {
    const bodies = {
      quotes: `${">".repeat(10_000)} deep :value[nope]\n`,
      lists: `${"- ".repeat(10_000)}deep :value[nope]\n`,
      emphasis: `${"*a ".repeat(10_000)}:value[nope]${" b*".repeat(10_000)}\n`,
    };
    for (const [name, body] of Object.entries(bodies)) {
      const dir = projectWith({ "papers/02-deep.md": paper("number: 2\ntitle: Deep\ndate: 2024-02-01", body) });
      const run = await papersmith("check", dir, "--format", "json").run();
      expect(run.stderr, name).not.toMatch(STACK_LINE);
      expect(run.stderr, name).not.toMatch(/Maximum call stack/);
      expect(run.code, name).toBe(1);
      const report = JSON.parse(run.stdout) as { diagnostics: { file: string; rule: string; message: string }[] };
      const deep = report.diagnostics.filter((d) => d.file === "papers/02-deep.md" && d.rule === "schema");
      expect(deep.map((d) => d.message), name).toEqual([expect.stringMatching(/nests (more than 200 levels deep|thousands of lists)|thousands of emphasis/)]);
    }
  }, 60_000);
});

describe("look-alike characters", () => {
  it("refuses a person id with a Cyrillic а and suggests a valid id", async () => {
    const { diagnostics } = await checkLines(projectWith({ "people.yaml": "- id: chief-a\n  name: Ann Example\n- id: chief-\u0430\n  name: Bob Example\n" }));
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(`${d?.file}:${d?.line}:${d?.column} ${d?.rule}`).toBe("people.yaml:3:7 schema");
    expect(d?.message).toBe("`id` \"chief-\u0430\" is not a valid id: ids are lowercase kebab-case (letters, digits and hyphens).");
    expect(d?.suggestion).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it("suggests the real id for a reference written with a Cyrillic а", async () => {
    const { diagnostics } = await checkLines(projectWith({ "papers/02-c.md": paper("number: 2\ntitle: C\ndate: 2024-02-01", "See :value[p\u0430tients-central].\n") }));
    expect(diagnostics.map((d) => [d.line, d.column, d.rule, d.suggestion])).toEqual([[7, 5, "ref-missing", "patients-central"]]);
    expect(diagnostics[0]?.message).toBe("There is no charter value with the id \"p\u0430tients-central\". Did you mean \"patients-central\"?");
  });

  it("refuses a file name with a Cyrillic letter as an id", async () => {
    const { lines } = await checkLines(projectWith({ "case-studies/fr\u0430ilty-two.md": "---\ntitle: T\nsummary: S\nlocality: L\nsectors: [acute]\n---\n\nText.\n" }));
    expect(lines[0]).toBe("case-studies/fr\u0430ilty-two.md:1:1 schema The file name \"fr\u0430ilty-two\" is not a valid id (lowercase kebab-case); rename the file or set `id:` in the front matter.");
  });
});

describe("the base project", () => {
  it("is clean, so every case above reports only its own problem", async () => {
    expect((await checkLines(projectWith())).lines).toEqual([]);
    expect(readFileSync(join(REPO, "test/fixtures/robustness/base", FIRST), "utf8")).toContain(":value[patients-central]");
  });
});
