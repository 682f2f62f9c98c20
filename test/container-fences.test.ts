import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Root } from "mdast";
import { describe, expect, it } from "vitest";
import { containerFenceProblems } from "../src/load/container-fences.js";
import { LineTable } from "../src/load/line-table.js";
import { parseMarkdown, parseMarkdownWithMicromark } from "../src/load/markdown.js";
import { knownBlocks } from "../src/load/plain-blocks.js";
import { fixture } from "./helpers/fixtures.js";

/** The problems of a text, each as `line:column rule => suggestion`, from the tree `parse` builds. */
function problemsOf(text: string, parse: (text: string) => Root): string[] {
  return containerFenceProblems(parse(text), text, "f.md")
    .map((p) => `${p.range.start.line}:${p.range.start.column} ${p.rule}${p.suggestion === undefined ? "" : ` => ${p.suggestion}`}`);
}

/** Texts and the problems each must give, by either parse. */
const CASES: readonly (readonly [string, string, readonly string[]])[] = [
  ["closed", ":::finding{#a}\nA\n:::\n", []],
  ["closed with trailing space", ":::finding{#a}\nA\n:::   \n", []],
  ["closed by an indented fence", ":::finding{#a}\nA\n   :::\n", []],
  ["closed in a list item", "- a\n\n  :::finding{#a}\n  A\n  :::\n", []],
  ["closed in a quote", "> :::finding{#a}\n> A\n> :::\n", []],
  ["a fenced code block left open inside", ":::finding{#a}\n```\ncode\n:::\n", []],
  ["`:::` inside code", "```\n:::\n```\n", []],
  ["colons inside prose", "Ratio :::x here and ::: there\n", []],
  ["a shorter container inside a longer one", "::::finding{#a}\n:::finding{#b}\nB\n:::\n::::\n", []],
  ["never closed", "# H\n\n:::finding{#a}\nA\n\n## Next\n\nmore\n", ["3:1 directive-unclosed => :::"]],
  ["never closed, nothing inside", ":::finding{#a}\n", ["1:1 directive-unclosed => :::"]],
  ["never closed in a list item", "- item\n\n  :::finding{#a}\n  text\n\n- next\n", ["3:3 directive-unclosed => :::"]],
  ["never closed in a quote", "> :::finding{#a}\n> A\n\nafter\n", ["1:3 directive-unclosed => :::"]],
  ["not closed before the next opens", ":::finding{#a}\nA\n\n:::finding{#b}\nB\n:::\n\nafter\n", ["1:1 directive-unclosed => :::"]],
  ["the same, with CRLF line ends", ":::finding{#a}\r\nA\r\n\r\n:::finding{#b}\r\nB\r\n:::\r\n", ["1:1 directive-unclosed => :::"]],
  ["neither of two closed", ":::finding{#a}\nA\n\n:::finding{#b}\nB\n", ["1:1 directive-unclosed => :::", "4:1 directive-unclosed => :::"]],
  ["a shorter one inside never closed", "::::finding{#a}\nA\n\n:::finding{#b}\nB\n\n::::\n", ["4:1 directive-unclosed => :::"]],
  ["closed by a longer fence", ":::finding{#a}\nA\n::::\n\nafter\n", ["3:1 directive-unclosed => :::"]],
  ["closed by a shorter fence", "::::finding{#a}\nA\n:::\n\nafter\n", ["3:1 directive-unclosed => ::::"]],
  ["stray fences", "para\n:::\n\n:::\n\n  :::  \n", ["2:1 directive-unclosed", "4:1 directive-unclosed", "6:3 directive-unclosed"]],
  ["a stray fence after a closed one", ":::finding{#a}\nA\n:::\n:::\n", ["4:1 directive-unclosed"]],
  ["a stray fence after a hard break", "para  \n:::\n", ["2:1 directive-unclosed"]],
  ["a stray fence, indented", "para\n   :::\nmore\n", ["2:4 directive-unclosed"]],
  ["a stray fence in a quote", "> a\n> :::\n", ["2:3 directive-unclosed"]],
  // An opening micromark reads as text is reported once, and the fence meant to close it with it.
  ["no name", ":::{#x}\ntext\n:::\n", ["1:1 unknown-directive"]],
  ["a space before the attributes", ":::finding {#a}\nA\n:::\n", ["1:1 unknown-directive"]],
  ["text after the attributes", ":::finding{#a} x\nA\n:::\n", ["1:1 unknown-directive"]],
  ["attributes never closed", ":::finding{#a\nA\n:::\n", ["1:1 unknown-directive"]],
  ["a quote never closed", ":::finding{#a title=\"x}\nA\n:::\n\nafter\n", ["1:1 unknown-directive"]],
  // An opening without its colons is named when the fence meant to close it follows, with no container between.
  ["an opening without its colons", "finding{#a}\nA\n:::\n", ["1:1 directive-unclosed => :::finding{#a}"]],
  ["a brace in prose, then a stray fence after a container", "set{x}\n\n:::finding{#a}\nA\n:::\n:::\n", ["6:1 directive-unclosed"]],
  ["a brace in prose, and no stray fence", "set{x}\n", []],
];

describe("container fences: directive-unclosed", () => {
  for (const [name, text, expected] of CASES) {
    it(name, () => {
      expect(problemsOf(text, parseMarkdownWithMicromark)).toEqual(expected);
      expect(problemsOf(text, parseMarkdown)).toEqual(expected);
    });
  }

  it("says what to type: the fence a container needs, and the line to put it before", () => {
    const text = ":::finding{#a}\nA\n\n:::finding{#b}\nB\n:::\n\nafter\n";
    const [nested] = containerFenceProblems(parseMarkdown(text), text, "f.md");
    expect(nested?.message).toBe("`:::finding{#a}` is not closed before line 4, so `:::finding{#b}` opens inside it (and the `:::` on line 6 closes both). Add a line `:::` before line 4.");
    expect(nested?.range).toEqual({ file: "f.md", start: { line: 1, column: 1 }, end: { line: 1, column: 15 } });
  });

  it("gives the same problems whether the fast path reads a file or micromark reads it whole", () => {
    const sessions = join(fixture("check", "directive-unclosed"), "sessions");
    const fast = readFileSync(join(sessions, "fast.md"), "utf8");
    const whole = readFileSync(join(sessions, "whole.md"), "utf8");
    // The fixture's two files: one the fast path splits (its closed finding is built without micromark), one it cannot.
    expect(knownBlocks(new LineTable(fast)).map((block) => block.node.type)).toContain("containerDirective");
    expect(knownBlocks(new LineTable(whole))).toEqual([]);
    expect(problemsOf(fast, parseMarkdown)).toEqual(problemsOf(whole, parseMarkdown));
    expect(problemsOf(fast, parseMarkdown)).toHaveLength(6);
  });
});
