/**
 * The floor `check` is held against: a project's source files parsed once each, on one thread,
 * with nothing but the libraries — micromark (through mdast-util-from-markdown, with every part
 * of the syntax papersmith reads) for the Markdown, and `yaml` with a LineCounter for the YAML
 * files and each front matter. No model, no rules, no workers, no cache.
 *
 *   node bench/lib/parse-floor.js DIR
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { parseMarkdownWithAllSyntax } from "#lib/load/markdown.js";

const root = process.argv[2];
if (root === undefined) throw new Error("usage: parse-floor.js DIR");

const parseYaml = (text: string): void => void parseDocument(text, { lineCounter: new LineCounter() });

for (const file of ["papersmith.yaml", "charter.yaml", "people.yaml", "quotes.yaml"]) {
  let text: string;
  try {
    text = readFileSync(join(root, file), "utf8");
  } catch {
    continue;
  }
  parseYaml(text);
}
for (const folder of ["sessions", "case-studies", "papers"]) {
  for (const name of readdirSync(join(root, folder)).filter((entry) => entry.endsWith(".md"))) {
    const text = readFileSync(join(root, folder, name), "utf8");
    parseMarkdownWithAllSyntax(text);
    const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    if (frontMatter?.[1] !== undefined) parseYaml(frontMatter[1]);
  }
}
