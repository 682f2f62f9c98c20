import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node as YamlNode } from "yaml";
import { parsePlainYaml } from "../src/load/plain-yaml.js";
import { parseYamlSource, scalarValueRanges } from "../src/load/yaml-source.js";
import { REPO } from "./helpers/cli.js";

/**
 * The loader's fast path for plain YAML (issue 9): `parsePlainYaml` builds the nodes of plain
 * front matter itself and must give exactly what `yaml`'s `parseDocument` gives — kinds,
 * values, types, sources, flow styles, every range offset and the line starts — or give
 * nothing, never a text `yaml` rejects. PAPERSMITH_PROPERTY_RUNS and PAPERSMITH_PROPERTY_SEED
 * run the generated cases longer or with another seed, to hunt for new counterexamples by hand.
 */

/** A node reduced to everything a reader can see of it. */
function project(node: unknown): unknown {
  if (isPair(node)) return { pair: Object.keys(node).sort(), key: project(node.key), value: project(node.value) };
  if (isScalar(node)) {
    return { props: Object.keys(node).sort(), value: node.value, type: node.type, source: node.source, range: node.range, format: node.format, tag: node.tag };
  }
  if (isMap(node) || isSeq(node)) {
    return { kind: isMap(node) ? "map" : "seq", props: Object.keys(node).sort(), flow: node.flow, range: node.range, items: node.items.map(project) };
  }
  return { other: String(node) };
}

/** What `yaml` makes of a text, or undefined when it reports any error. */
function reference(text: string): { root: unknown; lineStarts: number[] } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0 || doc.contents === null) return undefined;
  return { root: project(doc.contents), lineStarts: lineCounter.lineStarts };
}

/** Asserts the fast path agrees with `yaml` on `text`; returns whether it took the text. */
function agrees(text: string): boolean {
  const plain = parsePlainYaml(text);
  if (plain === undefined) return false;
  expect({ root: project(plain.root), lineStarts: plain.lineStarts }, JSON.stringify(text)).toEqual(reference(text));
  return true;
}

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

/** Asserts `agrees` for `runs` generated texts; returns how many the fast path took. */
function generatedTaken(texts: fc.Arbitrary<string>, runs: number): number {
  let taken = 0;
  fc.assert(fc.property(texts, (text) => {
    if (agrees(text)) taken++;
  }), { numRuns: Number(process.env.PAPERSMITH_PROPERTY_RUNS ?? runs), seed: Number(process.env.PAPERSMITH_PROPERTY_SEED ?? 20261203) });
  return taken;
}

describe("parsePlainYaml gives what yaml's parseDocument gives, or nothing", () => {
  it("for each line of front matter and its near misses, in each place it can stand", () => {
    const texts = LINES.flatMap(contexts);
    expect(texts.filter(agrees).length).toBeGreaterThan(texts.length / 3);
  });

  it("for line soups of front matter and its near misses", () => {
    expect(generatedTaken(lineSoup, 10000)).toBeGreaterThan(300);
  });

  it("for nested mappings and sequences", () => {
    expect(generatedTaken(nested, 4000)).toBeGreaterThan(2000);
  });

  it("for texts written to catch each shortcut it could take wrongly", () => {
    const texts = [
      // a sequence at the key's own column belongs to the key; a value on the next, deeper line carries the scalar on
      "a:\n- x\n", "a:\n  - x\nb: 1\n", "a: b\n  c\n", "- a\n  b\n", "- a\n  - b\n", "a:\n  - x\n    - y\n", "- a: 1\n  - b\n",
      // compact mappings in sequences, and what follows them
      "- a: 1\n  b: 2\n- c: 3\n", "- a:\n    b: 1\n", "- a:\n  b: 1\n", "-   a: 1\n    b: 2\n",
      // duplicate keys, keys that resolve to something other than text
      "a: 1\na: 2\n", "- a: 1\n  a: 2\n", "x: {a: 1, a: 2}\n", "true: 1\n", "null: 1\n",
      // the end of the text with and without a newline, and trailing spaces
      "a:", "a:  ", "a: b  ", "a: [b]  ", "a: \"b\"  ", "- x", "- x  ",
    ];
    expect(texts.filter(agrees).length).toBeGreaterThan(10);
  });

  it("for every YAML file and front matter in the examples and fixtures", () => {
    const files = [join(REPO, "examples"), join(REPO, "test/fixtures")]
      .flatMap((dir) => readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => join(dir, f)))
      .filter((file) => /\.(?:md|ya?ml)$/.test(file) && statSync(file).isFile());
    let taken = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const yaml = file.endsWith(".md") ? /^---\n([\s\S]*?\n)(?:---|\.\.\.)[ \t]*$/m.exec(text)?.[1] : text;
      if (yaml === undefined) continue;
      if (agrees(yaml)) taken++;
    }
    expect(taken).toBeGreaterThan(50);
  });
});

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

describe("the YAML fast path", () => {
  const caseStudy = [
    "title: Case study 770", "summary: Illustrative example of joined-up care number 770.", "locality: Locality 10",
    "sectors: [community, mental-health]", "values: [patients-central]", "outcomes:",
    "  - { measure: Readmissions, before: \"14\", after: \"9\", unit: \"%\" }", "contact: person-11", "status: approved",
    "consent: { obtained: true, date: 2014-09-01, anonymised: true }", "",
  ].join("\n");

  it("reads a typical case study's front matter itself, and the loader uses it", () => {
    expect(agrees(caseStudy)).toBe(true);
    const source = parseYamlSource(caseStudy, "case-studies/c.md", 1);
    expect(source.doc).toBeUndefined();
    expect(source.ctx.range(caseStudy.indexOf("person-11"), caseStudy.indexOf("person-11") + 9))
      .toEqual({ file: "case-studies/c.md", start: { line: 9, column: 10 }, end: { line: 9, column: 19 } });
  });

  it("leaves to yaml texts with comments, anchors, block scalars or blank lines", () => {
    for (const text of [`# note\n${caseStudy}`, `${caseStudy}extra: &a 1\nmore: *a\n`, `${caseStudy}text: |\n  words\n`, `title: T\n\nsummary: S\n`]) {
      expect(parsePlainYaml(text), JSON.stringify(text)).toBeUndefined();
      expect(parseYamlSource(text, "c.md").doc).toBeDefined();
    }
  });
});
