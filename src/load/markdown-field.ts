import type { Scalar } from "yaml";
import { visit } from "unist-util-visit";
import type { MarkdownText, SourceRange } from "../model/index.js";
import { parseMarkdown } from "./markdown.js";
import { normaliseDirectives } from "./normalise-directives.js";
import { extractHeadingIds } from "./heading-ids.js";
import { depthProblem, limitDepth } from "./depth-limit.js";
import { blankedLinesProblems, blankPathologicalLines } from "./pathological-lines.js";
import { nodeRange, type ReadContext } from "./read-context.js";

const SPACE = /\s/;

/**
 * For each offset of a YAML string's value, the offset in the YAML text where it was written.
 * YAML only changes white space (folding, indentation) and escapes between the two, so a
 * forward alignment that matches the same characters is exact for every scalar style.
 */
function alignValue(value: string, source: string, start: number, end: number): Int32Array {
  const map = new Int32Array(value.length + 1);
  let j = start;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (SPACE.test(c)) {
      map[i] = j;
      if (j < end && SPACE.test(source[j]!)) j++;
      continue;
    }
    let k = j;
    while (k < end && source[k] !== c) k++;
    if (k < end) {
      map[i] = k;
      j = k + 1;
    } else {
      map[i] = j; // an escape such as \u00e9: keep the place and carry on
    }
  }
  map[value.length] = Math.min(j, end);
  return map;
}

/** Parses a Markdown-valued YAML field, with tree positions that point into the YAML file. */
export function markdownFromYaml(value: string, scalar: Scalar, rc: ReadContext): MarkdownText {
  // Same length and line breaks as the value, so the offset map below holds for both.
  const guarded = blankPathologicalLines(value);
  const tree = parseMarkdown(guarded.text);
  const cut = limitDepth(tree); // before any recursive walk; its position is mapped below with the rest
  const [start = 0, end = start] = scalar.range ?? [];
  const map = alignValue(value, rc.text, start, end);
  visit(tree, (node) => {
    const p = node.position;
    if (!p) return;
    for (const point of [p.start, p.end]) {
      const at = rc.ctx.position(map[Math.min(point.offset ?? 0, value.length)] ?? start);
      point.line = at.line;
      point.column = at.column;
    }
  });
  const lineStart = (line: number): number => {
    let offset = 0;
    for (let n = 1; n < line; n++) offset = value.indexOf("\n", offset) + 1;
    return offset;
  };
  rc.ctx.problems.push(...blankedLinesProblems(guarded, (line) => {
    const at = rc.ctx.position(map[lineStart(line)] ?? start);
    return { file: rc.ctx.file, start: at, end: at };
  }));
  if (cut) rc.ctx.problems.push(depthProblem(cut, rc.ctx.file));
  for (const p of normaliseDirectives(tree, guarded.text, rc.ctx.file, "field")) rc.ctx.problems.push(p);
  for (const p of extractHeadingIds(tree, rc.ctx.file)) rc.ctx.problems.push(p);
  const range: SourceRange = nodeRange(scalar, rc);
  return { source: value, tree, range };
}
