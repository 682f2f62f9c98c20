import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { visit } from "unist-util-visit";
import { checkProject } from "../../src/check.js";
import { parseMarkdown, parseMarkdownWithAllSyntax } from "../../src/load/markdown.js";
import { UsageError } from "../../src/diagnostics/errors.js";
import { REPO } from "../helpers/cli.js";
import { positionsOutside, projectWith } from "../helpers/robustness.js";

/**
 * Property-based tests (issue 10): arbitrary text as a paper's front matter and body, as
 * papersmith.yaml, and as directive-heavy Markdown never makes papersmith throw, and every
 * reported position lies inside its file.
 */

const dirs: string[] = [];
afterAll(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

const BASE = join(REPO, "test/fixtures/robustness/base");
const baseText = (file: string): string => readFileSync(join(BASE, file), "utf8");

/** Text that is often YAML- or Markdown-shaped: fragments of real syntax mixed with anything. */
const FRAGMENTS = [
  "---", "\n", "\r\n", "  ", "\t", ":", ": ", "- ", "#", "&a ", "*a", "!!str ", "? ", "|", ">", "'", "\"", "[", "]", "{", "}", ",",
  "number: 1", "title: T", "date: 2024-01-01", "status: final", "authors: [chief-a]", "id: x",
  ":value[", ":case[", ":paper[", ":finding[", ":person[", ":session[", "::quote{#", "::case-study{#", ":::finding{#",
  "patients-central", "frailty", "chief-a", "]{text=\"", "#", "\u0430", "\u{1F600}", "\uFEFF", "\u0000", "é", "10:30",
  "![", "](", ")", "../", "## ", "{#id}", "`", "*", "_", "<script>", "&#x", "\\",
];
const shaped = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 }), fc.string({ unit: "grapheme", maxLength: 4 })), { maxLength: 60 })
  .map((parts) => parts.join(""));
/**
 * A lone CR (old Mac line end) is a line break to micromark but not to the YAML parser or to
 * most editors; positions in such files are counted per parser, so the generators leave it out.
 */
const noLoneCr = (text: string): string => text.replace(/\r(?!\n)/g, "");
const anyText = fc.oneof(shaped, fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 })).map(noLoneCr);

/** Loads the project with `files` written over the base and checks the report's positions. */
async function checkWith(files: Record<string, string>): Promise<void> {
  const dir = projectWith(files);
  dirs.push(dir);
  let diagnostics;
  try {
    ({ diagnostics } = await checkProject(dir));
  } catch (error) {
    // A papersmith.yaml that is not a project at all may stop with a usage error (exit 2); nothing else may throw.
    if (error instanceof UsageError && "papersmith.yaml" in files) return;
    throw error;
  }
  const texts = new Map<string, string>();
  for (const d of diagnostics) {
    if (!texts.has(d.file)) texts.set(d.file, files[d.file] ?? readFileSync(join(dir, d.file), "utf8").replace(/^\uFEFF/, ""));
  }
  expect(positionsOutside(diagnostics, texts)).toEqual([]);
  for (const d of diagnostics) expect(d.message.trim().length, `${d.file}:${d.line}`).toBeGreaterThan(0);
}

const RUNS = { numRuns: 60, seed: 20241125 };

describe("the loader never throws and positions every problem inside its file", () => {
  it("for arbitrary front matter and body in a paper", async () => {
    await fc.assert(fc.asyncProperty(anyText, anyText, async (frontMatter, body) => {
      await checkWith({ "papers/02-any.md": `---\n${frontMatter}\n---\n${body}` });
    }), RUNS);
  }, 60_000);

  it("for arbitrary text as a whole .md file", async () => {
    await fc.assert(fc.asyncProperty(anyText, async (text) => {
      await checkWith({ "case-studies/any.md": text });
    }), RUNS);
  }, 60_000);

  it("for arbitrary text as papersmith.yaml, alone or spliced into a real one", async () => {
    const config = baseText("papersmith.yaml");
    const spliced = fc.tuple(fc.nat(config.length), anyText).map(([at, text]) => config.slice(0, at) + text + config.slice(at));
    await fc.assert(fc.asyncProperty(fc.oneof(anyText, spliced), async (text) => {
      await checkWith({ "papersmith.yaml": text });
    }), { numRuns: 120, seed: 20241125 });
  }, 60_000);
});

describe("the reference parser never throws and positions every problem inside its file", () => {
  const directive = fc.tuple(
    fc.constantFrom(":value", ":case", ":paper", ":finding", ":person", ":session", ":cas", "::quote", "::case-study", "::values-charter", ":::finding", ":"),
    fc.oneof(fc.constant(""), fc.string({ maxLength: 12 }).map((s) => `[${s}]`), fc.constantFrom("[patients-central]", "[frailty]", "[1#introduction]", "[chief-a]", "[]", "[")),
    fc.oneof(fc.constant(""), fc.string({ maxLength: 12 }).map((s) => `{${s}}`), fc.constantFrom("{#frailty}", "{text=\"x\"}", "{#}", "{", "{text=\"")),
  ).map((parts) => parts.join(""));
  const line = fc.array(fc.oneof(directive, shaped, fc.constantFrom(" ", "\n", "\n\n", "> ", "- ", "```\n", ":::\n")), { maxLength: 20 }).map((p) => noLoneCr(p.join("")));

  it("for arbitrary directives and text in a paper body", async () => {
    await fc.assert(fc.asyncProperty(line, async (body) => {
      await checkWith({ "papers/02-refs.md": `---\nnumber: 2\ntitle: Refs\ndate: 2024-02-01\n---\n${body}\n` });
    }), { numRuns: 150, seed: 20241125 });
  }, 60_000);

  it("for arbitrary directives in a CRLF session with findings", async () => {
    await fc.assert(fc.asyncProperty(line, async (body) => {
      const text = `---\ntitle: S\ndate: 2024-01-01\n---\n\n:::finding{#f1}\n${body.replace(/\r/g, "")}\n:::\n`.replace(/\n/g, "\r\n");
      await checkWith({ "sessions/s.md": text });
    }), RUNS);
  }, 60_000);

  it("finds the same problems as written when the body is repeated (no lost or extra reports)", async () => {
    const dir = projectWith();
    dirs.push(dir);
    await fc.assert(fc.asyncProperty(line, async (body) => {
      const file = join(dir, "papers/02-refs.md");
      writeFileSync(file, `---\nnumber: 2\ntitle: Refs\ndate: 2024-02-01\n---\n${body}\n`);
      const once = (await checkProject(dir)).diagnostics.filter((d) => d.file === "papers/02-refs.md").length;
      writeFileSync(file, `---\nnumber: 2\ntitle: Refs\ndate: 2024-02-01\n---\n${body}\n\n${body}\n`);
      const twice = (await checkProject(dir)).diagnostics.filter((d) => d.file === "papers/02-refs.md").length;
      expect(twice).toBeGreaterThanOrEqual(once);
    }), { numRuns: 40, seed: 20241125 });
  }, 60_000);
});

describe("the parse leaves out only the GFM parts a text cannot use", () => {
  // Each part's trigger, near misses of it, and what surrounds such constructs (lists, labels, attention).
  const GFM = [
    "[^a]", "[^a]: note", "[^", "^", "[\\^a]", "![^a]", "~", "~~", "~x~", "~~x~~", "*~", "~*", "_~_", "[ ]", "[x]", "[X]", "[\t]", "[\n]", "[\r\n]", "[y]",
    "[^1]", "[^1]: n", "- [\t] x\n", "- [\r\n] x\n", "a|b\n-|-\n", "|a\n|-\n",
    "- ", "* ", "1. ", "|", "| a |", "|---|", "--- |", "a | b", "@", "a@b.co", "www.", "WWW.x.org", "http://", "https://x.org", "mailto:", "xmpp:",
    "[", "]", "(", ")", " ", "\n", "\n\n", "\r\n", "\t", "x", "text", ":value[x]", "\\",
  ];
  const gfmShaped = fc.array(fc.oneof(fc.constantFrom(...GFM), fc.string({ maxLength: 3 })), { maxLength: 40 }).map((p) => noLoneCr(p.join("")));

  it("to the same tree as a parse with all of GFM, for texts shaped like each part", () => {
    fc.assert(fc.property(gfmShaped, (text) => {
      expect(parseMarkdown(text)).toEqual(parseMarkdownWithAllSyntax(text));
    }), { numRuns: 400, seed: 20261202 });
  });

  it("and still parses each part where a text holds it", () => {
    const types = (text: string): string[] => {
      const seen: string[] = [];
      visit(parseMarkdown(text), (node) => { seen.push(node.type); });
      return seen;
    };
    expect(types("A note[^a].\n\n[^a]: Source.\n")).toEqual(expect.arrayContaining(["footnoteReference", "footnoteDefinition"]));
    expect(types("~~gone~~ and ~one~\n")).toContain("delete");
    expect(types("- [ ] to do\n- [x] done\n")).toEqual(expect.arrayContaining(["listItem"]));
    expect(parseMarkdown("- [\t] tab\r\n").children[0]).toMatchObject({ children: [{ checked: false }] });
    expect(parseMarkdown("- [\r\n] at a line end\r\n").children[0]).toMatchObject({ children: [{ checked: false }] });
    expect(types("| a | b |\n|---|---|\n| 1 | 2 |\n")).toContain("table");
    expect(types("a|b\n-|-\n")).toContain("table");
    expect(types("See www.example.org or a@b.co.\n")).toContain("link");
  });
});
