// One-thread parse of a project's files with micromark (our syntax, all of it) and yaml (LineCounter).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
const { parseMarkdownWithAllSyntax } = await import("./lib/load/markdown.js");
const { parseDocument, LineCounter } = await import("yaml");
const root = process.argv[2];
for (const f of ["papersmith.yaml", "charter.yaml", "people.yaml", "quotes.yaml"]) {
  try { parseDocument(readFileSync(join(root, f), "utf8"), { lineCounter: new LineCounter() }); } catch {}
}
for (const dir of ["sessions", "case-studies", "papers"]) {
  for (const f of readdirSync(join(root, dir))) {
    const text = readFileSync(join(root, dir, f), "utf8");
    parseMarkdownWithAllSyntax(text);
    const fm = text.match(/^---\n([\s\S]*?)\n---/);
    if (fm) parseDocument(fm[1], { lineCounter: new LineCounter() });
  }
}
