import type { Node as YamlNode } from "yaml";
import type { MarkdownText, SourceText } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { problem } from "../diagnostics/diagnostic.js";
import { parseYamlSource, scalarValueRanges } from "./yaml-source.js";
import { parseMarkdown } from "./markdown.js";
import { normaliseDirectives, type MarkdownPlace } from "./normalise-directives.js";
import { extractHeadingIds } from "./heading-ids.js";
import { containerFenceProblems } from "./container-fences.js";
import { depthProblems } from "./depth-limit.js";
import { blankedLinesProblems, blankPathologicalLines } from "./pathological-lines.js";
import type { ReadContext } from "./read-context.js";
import { fileStart } from "../diagnostics/position-range.js";

/** A Markdown file split into its front matter (YAML, positioned) and its body (mdast). */
export interface MarkdownDocument {
  readonly rc: ReadContext;
  readonly frontMatter: YamlNode | undefined;
  readonly body: MarkdownText;
  readonly source: SourceText;
}

const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

/**
 * Reads a `.md` source: front matter first (its problems go to the returned list), then the
 * body. Returns no document when the front matter is absent, unclosed or not YAML: such a
 * file defines nothing (see docs/reference.md#rules).
 */
export function readMarkdownDocument(text: string, file: string, place: MarkdownPlace):
  { readonly document?: MarkdownDocument; readonly problems: Problem[] } {
  const at = fileStart(file);
  const opening = OPENING.exec(text);
  if (!opening) {
    const message = text.trim() === ""
      ? `${file} is empty; it needs a YAML front-matter block between --- lines.`
      : `${file} must start with a YAML front-matter block between --- lines.`;
    return { problems: [problem("schema", at, message)] };
  }
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) {
    return { problems: [problem("yaml-syntax", at, "The front matter is never closed: add a line with --- after it.")] };
  }
  const yamlText = rest.slice(0, closing.index);
  const yaml = parseYamlSource(yamlText, file, 1);
  if (yaml.ctx.problems.length > 0) return { problems: yaml.ctx.problems };

  const guarded = blankPathologicalLines(text);
  const tree = parseMarkdown(guarded.text);
  if (tree.children[0]?.type === "yaml") tree.children.shift();
  const problems = [
    ...blankedLinesProblems(guarded, (line) => ({ file, start: { line, column: 1 }, end: { line, column: 1 } })),
    ...depthProblems(tree, file),
    ...containerFenceProblems(tree, guarded.text, file),
    ...normaliseDirectives(tree, guarded.text, file, place),
    ...extractHeadingIds(tree, file),
  ];
  const bodyStart = tree.children[0]?.position?.start ?? { line: 1, column: 1 };
  const lines = text.split("\n");
  const body: MarkdownText = {
    source: text,
    tree,
    range: { file, start: { line: bodyStart.line, column: bodyStart.column }, end: { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 } },
  };
  const rc: ReadContext = { ctx: yaml.ctx, doc: yaml.doc, text: yamlText };
  yaml.ctx.problems.push(...problems);
  const source: SourceText = { file, text, yamlValues: scalarValueRanges(yaml.root, opening[0].length) };
  return { document: { rc, frontMatter: yaml.root, body, source }, problems: yaml.ctx.problems };
}

