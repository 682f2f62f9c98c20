import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument, visit, type Node as YamlNode } from "yaml";
import { parseYamlSource, scalarValueRanges } from "../src/load/yaml-source.js";

/**
 * The loader reads YAML with `yaml` and a LineCounter; these tests check the positions it
 * gives and the scalar ranges it collects from the parsed nodes.
 */

/** Lines of front matter and their near misses. */
const LINES = [
  "title: Case study 770", "summary: Illustrative example of joined-up care number 770.", "a: b", "a:", "a:  ", "a: b  ", "a: b c  d",
  "sectors: [community, mental-health]", "x: [ a , b ]", "x: []", "x: [ ]", "x: {}", "x: { }", "x: [a,]", "x: [a, [b]]", "x: [a,b]", "x: [a ,b]  ",
  "x: {a: 1, b: \"z\"}", "x: { a: 1 , b: 'y' }", "x: {a:1}", "x: {a: }", "x: {a: b, a: c}", "x: {a: b,c: d}", "x: {a : b}", "x: {a:  b  }",
  "- a", "- a: 1", "  b: 2", "  - x", "    - y", "- { measure: Readmissions, before: \"14\", after: \"9\", unit: \"%\" }", "-", "- ", "-x", "-  a", "-   b: 1",
  "consent: { obtained: true, date: 2014-09-01, anonymised: true }", "a: 'it''s'", "a: \"q\\\"\"", "a: \"q\"  ", "a: \"unterminated", "a: 'x' y", "a: \"x\"y",
  "a: 10:30", "a: 2014-09-01", "a: 007", "a: 12", "a: 0", "a: 1.5", "a: 1.", "a: 1e3", "a: 1E+3", "a: 0x1F", "a: 0o7", "a: .5", "a: 12345678901234567890",
  "a: true", "a: True", "a: TRUE", "a: tRUE", "a: false", "a: yes", "a: null", "a: ~", "a: NULL", "a: nulls", "true: x", "null: y", "False: z",
  "a: b: c", "a: b:", "a: b #c", "a: b#c", "# comment", "a: &x 1", "b: *x", "a: !tag x", "a: |", "  text", "a: >", "key with space: v", "a : b", "a:b",
  "_a: b", "a-b: c", "a_b-: c", "1a: b", "a: é", "é: b", "a: x\u00a0y", "a: \u{1F600}", "a: [b, \"c, d\"]", "a: [x y, z]", "a: ['a', \"b\"]", "a: [a]  ",
  "a: [a] b", "a: {a: [b]}", "---", "...", "? a", "a: -1", "a: +1", "a: -", "a: [-1]", "a: @x", "a: `x`", "a: %x", "a: {\"a\": b}", "a: [a: b]", "a: b,c",
  "a: {b}", "a: [\"\"]", "a: \"\"", "a: ''", "a: it's", "a: b \"c\"", "a: [b]c", "a: x{y}", "a: [a, 'b' ]", "a: [\"a\" , b]", "a: {a: \"b\" , c: d }", "  ", "",
  "a: b\tc", "a:\tb", "a: b\r", "a: \u2028", "a: \uFEFF", "a: \u0085x", "a: x\u0007", "a: \"tab\\tin\"", "a: \"back\\\\slash\"", "a: [\"x\\ny\"]", "a: [a{b, c]", "a: [http://x, c]", "a: {a: b:c}", "a: [a#b]", "a: \u2029", "a: x\u2029y", "a: x\u0085", "a: \u00a0x", "a: x\u00a0", "\u00e9t\u00e9: b", "a: \uD800x", "a: x\uDC00", "a: \u{1F600} b", "a: \u00C9lodie",
];
const INDENTS = ["", "", "", "", "", "", "", "", "", "", "  ", "  ", "  ", "    ", " ", "   "];
const lineText = fc.tuple(fc.constantFrom(...INDENTS), fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...LINES) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }))
  .map(([indent, line]) => indent + line);
const lineSoup = fc.tuple(fc.array(lineText, { minLength: 1, maxLength: 8 }), fc.boolean())
  .map(([lines, endsWithEol]) => lines.join("\n") + (endsWithEol ? "\n" : ""));

/** Well-formed plain documents of nested mappings and sequences, in the spacings authors use. */
const SCALARS = ["T", "Case study 1", "2014-09-01", "14", "0", "true", "null", "\"14\"", "'x'", "\"\"", "[a, b]", "[]", "{ a: 1, b: \"c\" }", "{}", "10:30", "x  "];
type Tree = { scalar: string } | { map: [string, Tree][] } | { seq: Tree[] };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof({ depthSize: "small", withCrossShrink: true },
    fc.constantFrom(...SCALARS).map((scalar) => ({ scalar })),
    fc.uniqueArray(fc.tuple(fc.constantFrom("a", "b", "title", "key_2", "x-y"), tie("tree")), { minLength: 1, maxLength: 4, selector: ([key]) => key })
      .map((map) => ({ map })),
    fc.array(tie("tree"), { minLength: 1, maxLength: 4 }).map((seq) => ({ seq }))),
})).tree;

function serialise(node: Tree, indent: number, step: number): string[] {
  const pad = " ".repeat(indent);
  if ("scalar" in node) return [node.scalar];
  if ("map" in node) {
    return node.map.flatMap(([key, value]) => {
      if ("scalar" in value) return [`${pad}${key}: ${value.scalar}`];
      return [`${pad}${key}:`, ...serialise(value, indent + step, step)];
    });
  }
  return node.seq.flatMap((item) => {
    if ("scalar" in item) return [`${pad}- ${item.scalar}`];
    const inner = serialise(item, indent + 2, step);
    if ("map" in item) return [`${pad}- ${inner[0]?.trimStart() ?? ""}`, ...inner.slice(1)];
    return [`${pad}-`, ...inner];
  });
}
const nested = fc.tuple(tree.filter((node) => !("scalar" in node)), fc.constantFrom(2, 2, 4, 1), fc.boolean())
  .map(([root, step, endsWithEol]) => serialise(root, 0, step).join("\n") + (endsWithEol ? "\n" : ""));

/** Each line alone and in the places a line or its value can stand. */
function contexts(line: string): string[] {
  const value = /^[^:]*: (.*)$/.exec(line)?.[1];
  const inLine = [line, `${line}\n`, `title: T\n${line}\n`, `x:\n  ${line}\n`, `- ${line}\n`, `x:\n  - ${line}\n  - b\n`, `- a: 1\n  ${line}\n`];
  if (value === undefined) return inLine;
  return [...inLine, `x: [${value}]\n`, `x: [${value}, b]\n`, `x: [b,${value} ]\n`, `x: {k: ${value}}\n`, `x: { k: ${value} , l: b }\n`, `- ${value}\n`, `x:\n  - ${value}`];
}

describe("scalarValueRanges finds the scalars yaml's visit finds", () => {
  /** What `visit` finds: every scalar but a pair's key, in visiting order. */
  const visited = (root: YamlNode, base: number): [number, number][] => {
    const ranges: [number, number][] = [];
    visit(root, { Scalar(key, node) { if (key !== "key" && node.range) ranges.push([node.range[0] + base, node.range[1] + base]); } });
    return ranges;
  };
  const same = (text: string): boolean => {
    const root = parseDocument(text, { uniqueKeys: false }).contents;
    if (root === null) return false;
    expect(scalarValueRanges(root, 7), JSON.stringify(text)).toEqual(visited(root, 7));
    return true;
  };

  it("for front matter, generated and written to catch it out: anchors, aliases, collections as keys, flow pairs", () => {
    const traps = ["a: &x [1, 2]\nb: *x\n", "? [k, l]\n: v\n", "? {k: v}\n: [w]\n", "[a: b, c]\n", "- ? x\n  : y\n", "a:\n", "{a, b: }\n", "- !!str 1\n- |\n  block\n"];
    const texts = [...traps, ...LINES.flatMap(contexts), ...fc.sample(lineSoup, { numRuns: 2000, seed: 7 }), ...fc.sample(nested, { numRuns: 1000, seed: 7 })];
    const found = texts.filter(same).length;
    expect(found).toBeGreaterThan(texts.length / 2);
  });
});

describe("parseYamlSource", () => {
  const caseStudy = [
    "title: Case study 770", "summary: Illustrative example of joined-up care number 770.", "locality: Locality 10",
    "sectors: [community, mental-health]", "values: [patients-central]", "outcomes:",
    "  - { measure: Readmissions, before: \"14\", after: \"9\", unit: \"%\" }", "contact: person-11", "status: approved",
    "consent: { obtained: true, date: 2014-09-01, anonymised: true }", "",
  ].join("\n");

  it("maps offsets in front matter to file lines and columns, after the opening ---", () => {
    const source = parseYamlSource(caseStudy, "case-studies/c.md", 1);
    expect(source.ctx.problems).toEqual([]);
    expect(source.ctx.range(caseStudy.indexOf("person-11"), caseStudy.indexOf("person-11") + 9))
      .toEqual({ file: "case-studies/c.md", start: { line: 9, column: 10 }, end: { line: 9, column: 19 } });
  });
});

describe("parseYamlSource: one message per slip, at the line that is wrong", () => {
  /** Each problem as `line:column-endLine:endColumn message [=> suggestion]`. */
  const slips = (text: string, lineOffset = 0): string[] => parseYamlSource(text, "f.yaml", lineOffset).ctx.problems.map((p) =>
    `${p.range.start.line}:${p.range.start.column}-${p.range.end.line}:${p.range.end.column} ${p.message}${p.suggestion === undefined ? "" : ` => ${p.suggestion}`}`);

  it("names a tab in the indentation of a list item, not the parser's many unexpected tokens after it", () => {
    expect(slips("- id: a\n  name: A\n- id: b\n\tname: B\n  role: R\n- id: c\n  name: C\n"))
      .toEqual(["4:1-4:2 A tab is used for indentation here; YAML indents with spaces."]);
  });

  it("names the first of several tab-indented lines once, counting the others", () => {
    expect(slips("series:\n\ttitle: X\n\tsubtitle: Y\n"))
      .toEqual(["2:1-2:2 A tab is used for indentation here (and on 1 more line below); YAML indents with spaces."]);
    expect(slips("series:\n  \ttitle: X\n")).toEqual(["2:3-2:4 A tab is used for indentation here; YAML indents with spaces."]);
  });

  it("leaves a tab inside a block scalar's text alone", () => {
    expect(slips("a: |\n  x\n  \ty\nb: 1\n")).toEqual([]);
    // the slip after the text is the key that lines up with nothing, not the tab in the text
    expect(slips("a:\n  b: |\n    x\n    \ty\n c: 1\n"))
      .toEqual(["5:2-5:4 `c:` is indented less than the keys above it (`b:`) but more than `a:`: line it up with one of them."]);
  });

  it("reports a key indented too far at that key, naming the keys it should line up with", () => {
    const message = "`title:` is indented further than the keys above it (`id:`): line it up with them.";
    expect(slips("values:\n  - id: a\n      title: T\n    statement: s\n")).toEqual([`3:7-3:13 ${message}`]);
    // after a quoted value the parser says so differently, at the start of the line
    expect(slips("values:\n  - id: \"a\"\n      title: T\n    statement: s\n")).toEqual([`3:7-3:13 ${message}`]);
    expect(slips("series:\n  title: X\n   subtitle: Y\n"))
      .toEqual(["3:4-3:13 `subtitle:` is indented further than the keys above it (`title:`): line it up with them."]);
  });

  it("reports a key indented less than its mapping's keys, naming both levels it could belong to", () => {
    expect(slips("series:\n  title: X\n subtitle: Y\n"))
      .toEqual(["3:2-3:11 `subtitle:` is indented less than the keys above it (`title:`) but more than `series:`: line it up with one of them."]);
  });

  it("asks for quotes around a value holding `: `, at the value, with the quoted value as the suggestion", () => {
    const quote = "This value contains `: `, which YAML reads as the start of a key; put the whole value in quotes";
    expect(slips("title: Outcomes workshop: shared measures\n", 1))
      .toEqual([`2:8-2:42 ${quote}: \`title: "Outcomes workshop: shared measures"\`. => "Outcomes workshop: shared measures"`]);
    expect(slips("- id: a\n  name: A: b\n")).toEqual([`2:9-2:13 ${quote}: \`name: "A: b"\`. => "A: b"`]);
    // double quotes in the value: single quotes around it
    expect(slips("title: \"A\": b\n")).toEqual([`1:8-1:14 ${quote}: \`title: '"A": b'\`. => '"A": b'`]);
    // a value that goes on over the next line is quoted whole, so no one-line suggestion
    expect(slips("summary: This is long\n  and has a colon: here\n")).toEqual([`1:10-1:22 ${quote}: \`summary: "…"\`.`]);
  });

  it("reports each value holding `: ` (the parser carries on cleanly after one), and a slip after another", () => {
    expect(slips("title: A: b\nsummary: C: d\n").map((s) => s.slice(0, 6))).toEqual(["1:8-1:", "2:10-2"]);
    expect(slips("- id: a\n    name: b\n- id: c\n  name: X: y\n").map((s) => s.slice(0, 8))).toEqual(["2:5-2:10", "4:9-4:13"]);
  });

  it("keeps the parser's own message, at the opening, for an unclosed quote or flow list", () => {
    expect(slips("title: \"abc\nsummary: x\n")).toEqual(["1:8-3:1 Missing closing \"quote."]);
    expect(slips("tags: [a, b\nsummary: x\n")).toEqual(["1:7-2:2 Flow sequence in block collection must be sufficiently indented and end with a ]."]);
  });
});

describe("parseYamlSource: every text that does not parse gets a message", () => {
  it("reports at least one yaml-syntax problem, inside the text, whenever yaml finds an error", () => {
    const withTabs = fc.tuple(lineSoup, fc.nat(40)).map(([text, at]) => {
      const lines = text.split("\n");
      const line = at % lines.length;
      lines[line] = `\t${lines[line] ?? ""}`;
      return lines.join("\n");
    });
    const texts = [...fc.sample(lineSoup, { numRuns: 1500, seed: 11 }), ...fc.sample(withTabs, { numRuns: 1500, seed: 11 }), ...fc.sample(nested, { numRuns: 300, seed: 11 })];
    let failing = 0;
    for (const text of texts) {
      const errors = parseDocument(text, { uniqueKeys: true }).errors.length;
      const problems = parseYamlSource(text, "f.yaml").ctx.problems;
      const lineCount = text.split("\n").length;
      if (errors > 0) failing++;
      expect(problems.length > 0, JSON.stringify(text)).toBe(errors > 0);
      for (const p of problems) {
        expect(p.rule).toBe("yaml-syntax");
        expect(p.range.start.line, JSON.stringify(text)).toBeLessThanOrEqual(lineCount + 1);
      }
    }
    expect(failing).toBeGreaterThan(texts.length / 10);
  });
});
