import { Scalar } from "yaml";
import type { Root } from "mdast";
import { visit } from "unist-util-visit";
import type { MarkdownText, SourceRange } from "../model/index.js";
import { parseMarkdown } from "./markdown.js";
import { normaliseDirectives } from "./normalise-directives.js";
import { extractHeadingIds } from "./heading-ids.js";
import { nodeRange, type ReadContext } from "./read-context.js";

/**
 * Where line 1, column 1 of a YAML string's value sits in the file, and how far each later
 * line is indented: exact for single-line and literal block scalars, the nearest line for
 * folded and multi-line flow scalars.
 */
function valueOrigin(scalar: Scalar, rc: ReadContext): { line: number; column: number; indent: number } {
  const start = rc.ctx.position(scalar.range?.[0] ?? 0);
  if (scalar.type === Scalar.BLOCK_LITERAL || scalar.type === Scalar.BLOCK_FOLDED) {
    const offset = scalar.range?.[0] ?? 0;
    const headerEnd = rc.text.indexOf("\n", offset);
    const firstLine = rc.text.slice(headerEnd + 1).match(/^[ \t]*/)?.[0].length ?? 0;
    return { line: start.line + 1, column: firstLine + 1, indent: firstLine };
  }
  const quoted = scalar.type === Scalar.QUOTE_DOUBLE || scalar.type === Scalar.QUOTE_SINGLE;
  return { line: start.line, column: start.column + (quoted ? 1 : 0), indent: start.column - 1 };
}

function shiftPositions(tree: Root, origin: { line: number; column: number; indent: number }): void {
  visit(tree, (node) => {
    const p = node.position;
    if (!p) return;
    for (const point of [p.start, p.end]) {
      point.column = point.line === 1 ? point.column + origin.column - 1 : point.column + origin.indent;
      point.line = point.line + origin.line - 1;
    }
  });
}

/** Parses a Markdown-valued YAML field, with tree positions that point into the YAML file. */
export function markdownFromYaml(value: string, scalar: Scalar, rc: ReadContext): MarkdownText {
  const tree = parseMarkdown(value);
  shiftPositions(tree, valueOrigin(scalar, rc));
  for (const p of normaliseDirectives(tree, value, rc.ctx.file, "field")) rc.ctx.problems.push(p);
  for (const p of extractHeadingIds(tree, rc.ctx.file)) rc.ctx.problems.push(p);
  const range: SourceRange = nodeRange(scalar, rc);
  return { source: value, tree, range };
}
