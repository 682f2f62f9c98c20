import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineTable } from "../src/load/line-table.js";
import { parseMarkdown, parseMarkdownWithMicromark } from "../src/load/markdown.js";
import { knownBlocks } from "../src/load/plain-blocks.js";
import { REPO } from "./helpers/cli.js";

/**
 * The loader's fast path for plain prose (issue 9): `parseMarkdown` builds the blocks whose
 * tree it knows and leaves the rest to micromark, and must give exactly the tree micromark
 * gives for the whole text, positions included.
 */

/** Lines of every kind the fast path builds, refuses, or must see past: near misses above all. */
const LINES = [
  "", "  ", "\t", " \t ",
  // headings
  "# Title", "## Section about :finding[f-1]", "## x #", "##x", "## x ", "  ## x", "###### six", "####### seven", "#", "## ", "##\tx", "# A :value[v]{#a}",
  // prose
  "Plain words here.", "Another line with :value[patients-central] in it.", "A :case[c-1]{#x} reference.", ":paper[p2] starts the line",
  "'Quoted' line", "\"Quote\" line", "(aside)", "é accent", "Ends with space ", "Ends with tab\t", "Time 10:30 and ratio 1:2", "a: b", "Note: words",
  "ends with colon:", ":: odd", ":notdirective here", "a :value[x]{text=\"y\"} b", ":value[x]{text=\"a&amp;b\"}", ":value[x]{#a #b}", ":value[x]{a=\"1\" a=\"2\"}",
  ":value[x]{#a  key=\"v\"}", ":value[x]{.cls}", ":value[x](url)", ":value[x][y]", ":value[x]{#a}{#b}", "::value[x] doubled", ":value[a b]", ":value[]", ":-value[x]",
  "Words &amp; more.", "Fish &copy chips", "a ::value[x] b", "a :value[x]{id=\"b\" #a} b", "a :value[x]{a=\"1\" b=\"2\" a=\"3\"}", "*emph*", "a_b", "[link](u)", "<b>html</b>", "&amp;", "~~del~~", "a | b", "www.x.org", "a@b.co", "`code`", "\\escape", "x\u00a0y",
  // setext underlines, thematic breaks, lists, quotes, indented code, tables
  "===", "---", "- - -", "***", "- item", "* item", "1. item", "2) item", "+ item", "  continued", "    indented code", "> quote", ">quote",
  "- :case[c-1]", "- Words :value[v]{#a} here", "* :case[c-2]", "+ (aside)", "-  two spaces", "- ", "-", "- [ ] task", "- [x] done", "- ends in space ",
  "- *emph*", "- # heading", "- > quote", "- - nested", "-\ttab", "  - indented item", "- 10:30", "- ::leaf", "-item",
  "| a | b |", "|---|---|", "a|b", "-|-", "| a |", "|---|", "|:-:|", "| --: | :-- |", "| 1 | 2 | 3 |", "| :value[v] |", "| 10:30 |", "|  |", "| a \\| b |",
  "| `x|y` |", "|\ta |", "| a *b* |", "| a | b", "|a|b|",
  // fences
  "```", "```js", "~~~", "````", "   ```", "    ```", "``` a`b", "~~~ x`y", "```  ", "~~~~",
  // directives
  ":::finding{#f-1}", ":::case-study{#c}", "::::finding", ":::", "::::", " :::", ":::  ", "::: ", ":::finding{#a key=\"v\"}", "::quote{#q-1}",
  "::case-study{#c}", "::leaf", "::leaf{#a}x", ":::finding[label]{#f}", ":::finding{#a}{#b}", ":::finding{key=\"a\\\"b\"}", "::leaf{#a #b}", ":::x", "::: x",
  // HTML, definitions, front matter, odd characters
  "<div>", "</div>", "<!-- c -->", "[a]: /u", "[^1]: note", "[^1]", "...", "--- ", "title: T", "\u0000", "\uFEFF", "  Leading space", "\tTabbed",
];
const line = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...LINES) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
const FRONT = ["", "", "---\ntitle: T\n---\n", "---\ntitle: T\n\nmore: x\n---\n", "---\n---\n", "--- \nx\n---\n", "---\na\t: b\n---\n", "\uFEFF---\nx: y\n---\n"];
const document = fc.tuple(fc.constantFrom(...FRONT), fc.array(line, { maxLength: 40 }), fc.constantFrom("\n", "\n", "\n", "\r\n"), fc.boolean())
  .map(([front, lines, eol, endsWithEol]) => (front + lines.join("\n") + (endsWithEol ? "\n" : "")).replace(/\n/g, eol).replace(/\r(?!\n)/g, ""));

/** The lines that open, close or carry on blocks, for a denser search of their orders. */
const STRUCTURE = ["", "# H", "## H :value[v]", "Words.", ":value[v] words", "---", "===", "***", "```", "~~~", "    code", "- item", "> quote",
  "- :case[c]", "* item", "+ item", "1. item", "  - sub", "  more", "-", "- [ ] t",
  "| a |", "|---|", "| b | c |", "|--|:-:|", "| 1 |", ":::finding{#f}", "::::finding", ":::", "::::", "::quote{#q}", "<div>", "  text", "\uFEFFx", "x\u00a0"];
const structured = fc.tuple(fc.array(fc.constantFrom(...STRUCTURE), { maxLength: 14 }), fc.boolean())
  .map(([lines, endsWithEol]) => lines.join("\n") + (endsWithEol ? "\n" : ""));

describe("parseMarkdown gives the tree micromark gives for the whole text", () => {
  it("for any order of the lines that open, close and carry on blocks", () => {
    fc.assert(fc.property(structured, (text) => {
      expect(parseMarkdown(text)).toEqual(parseMarkdownWithMicromark(text));
    }), { numRuns: 5000, seed: 20261202 });
  });

  it("for texts made of prose, headings, directives, fences and their near misses", () => {
    fc.assert(fc.property(document, (text) => {
      expect(parseMarkdown(text)).toEqual(parseMarkdownWithMicromark(text));
    }), { numRuns: 3000, seed: 20261202 });
  });

  it("for texts written to catch each shortcut the fast path could take wrongly", () => {
    const texts = [
      // a container inside a container: its closing colons do not close the outer one
      ":::finding{#f}\n:::finding{#g}\n:::\n\nWords.\n:::\n", "::::finding{#f}\n:::note\nIn.\n:::\n\nStill in.\n::::\n",
      // a line that looks like a container's opening but is not one: what follows carries its paragraph on
      ":::finding{#a}{#b}\n:::\nNote: words\n", ":::finding{#a}x\n:::\n\nWords.\n",
      // an unclosed fence in a list item ends where the list does
      "2) item\n    ```\n# A\n",
      // front matter only at the very start; a byte-order mark only stripped there
      "# H\n---\nx\n---\n", "# H\n\n---\ntitle: T\n---\n", "# H\n\uFEFF\n:-value[x]\n",
      // definitions reach back over the whole document
      "See [the report].\n\n[the report]: /r\n", "Note[^1].\n\n[^1]: Source.\n",
      // fences hold blank lines and headings
      "```\n\n# not a heading\n\nWords.\n```\n", "~~~~\n~~~\n\nWords.\n~~~~\n", "  ```\n\nWords.\n  ```\n",
      // paragraphs carried on by lazy lines, setext underlines, tables
      "Words.\n===\n", "Words.\n---\n", "> quote\nWords.\n", "- item\nWords.\n", "| a |\n|---|\nWords.\n",
      // tables: a delimiter row alone, rows of another width, a line carrying the table on
      "| a |\n|---|\n", "| a | b |\n|---|---|\n| 1 | 2 | 3 |\n| 4 |\n", "| a |\n|---|\n| b |\nnot a row\n", "| a |\n|---|\n\n| b |\n",
      // lists: closed by the end, or by a blank line and a line no list takes in; not by an indented line or another item
      "- :case[a]\n- Words.\n", "- a\n- b\n\n- c\n", "- a\n- b\n\n  Words.\n", "- a\n- b\n\n\tWords.\n", "- a\n* b\n", "- a\n\n* b\n",
      "- a\n- b\n\n::quote{#q}\n", "- a\nlazy line\n", "- a\n---\n", "- a\n- b\n\n\n1. c\n", "Para\n- a\n", "# H\n- a\n- b", "- a\n  - b\n", "- a\n-ab\n",
      // inline syntax and character references
      "Words &amp; more.\n", "A ::value[x] b.\n", "Words *in* it.\n", "Trailing space \n", "Tab\tinside.\n",
    ];
    for (const text of texts) expect(parseMarkdown(text), JSON.stringify(text)).toEqual(parseMarkdownWithMicromark(text));
  });

  it("for figure and table containers, captioned or not, wide or not, and near misses", () => {
    const texts = [
      ":::figure{#pathway}\n![Journey](../assets/pathway.svg)\n\nThe journey home.\n:::\n\nAfter.\n",
      ":::figure{#words}\nA figure of words only.\n\nIts caption.\n:::\n",
      ":::table{#outcomes wide}\nOutcome measures.\n\n| Measure | Baseline |\n|---|---|\n| Admissions | 120 |\n:::\n\nAfter.\n",
      ":::table{#bare}\n| A |\n|---|\n:::\n", ":::table{#t wide=\"\"}\nCaption.\n\n| A |\n|---|\n:::\n",
      "::::finding{#f}\n:::table{#t}\nCaption.\n\n| A |\n|---|\n:::\n::::\n", "- item\n\n  :::figure{#f}\n  Words.\n\n  Caption.\n  :::\n",
      ":::figure{#f}\nCaption with :table[t] and :figure[f].\n:::\n", ":::table {#t}\nCaption.\n:::\n",
    ];
    for (const text of texts) expect(parseMarkdown(text), JSON.stringify(text)).toEqual(parseMarkdownWithMicromark(text));
  });

  it("for every Markdown file in the examples and fixtures", () => {
    const files = [join(REPO, "examples"), join(REPO, "test/fixtures")]
      .flatMap((dir) => readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => join(dir, f)))
      .filter((file) => file.endsWith(".md") && statSync(file).isFile());
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(parseMarkdown(text), file).toEqual(parseMarkdownWithMicromark(text));
    }
  });
});

describe("the fast path", () => {
  const paper = [
    "---", "title: Frailty", "number: 1", "---", "", "# Frailty in the community", "",
    "Leaders agreed that :value[patients-central] care starts at home,", "and :case[c-12]{#ref-1} shows how.", "",
    ":::finding{#f-1}", "Teams that share records act sooner.", "", "They also plan together.", ":::", "",
    "::quote{#q-3}", "", "```", "code: here", "", "more", "```", "", "## What next", "",
    "- :case[c-1]", "- Sources :case[c-2]{#ref-2}", "", "Read *this* first.", "",
    "| Measure | Before |", "|---|---:|", "| Readmissions | 14% |", "",
  ].join("\n");

  it("builds the plain blocks of a typical paper itself", () => {
    const blocks = knownBlocks(new LineTable(paper)).map((block) => [block.node.type, block.first, block.last]);
    expect(blocks).toEqual([
      ["yaml", 0, 3], ["heading", 5, 5], ["paragraph", 7, 8], ["containerDirective", 10, 14], ["leafDirective", 16, 16], ["heading", 24, 24], ["list", 26, 27], ["table", 31, 33],
    ]);
    expect(parseMarkdown(paper)).toEqual(parseMarkdownWithMicromark(paper));
  });

  it("leaves whole to micromark texts it cannot split", () => {
    for (const text of [`${paper}\n[a]: /u\n`, paper.replace(/\n/g, "\r\n"), `\uFEFF${paper}`, `${paper}\0`, `<div>\n\n${paper}`]) {
      const blocks = knownBlocks(new LineTable(text)).filter((block) => block.node.type !== "yaml");
      expect(blocks, JSON.stringify(text.slice(0, 20))).toEqual([]);
    }
  });

  it("gives nodes that share no position objects, so later stages can move one safely", () => {
    const root = parseMarkdown(paper);
    const points = new Set<object>();
    let count = 0;
    const walk = (node: { position?: { start: object; end: object } | undefined; children?: unknown[] }): void => {
      if (node.position) { points.add(node.position.start); points.add(node.position.end); count += 2; }
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(root);
    expect(points.size).toBe(count);
  });
});
