import type { Nodes, Root } from "mdast";
import type { Position } from "unist";
import { problem, type Problem } from "../diagnostics/diagnostic.js";
import { positionRange } from "../diagnostics/position-range.js";

/**
 * How deep Markdown may nest. Real documents stay under a dozen levels; every later stage
 * walks trees recursively, and a few thousand levels would overflow the stack.
 */
export const MAX_MARKDOWN_DEPTH = 200;

/**
 * Cuts a tree off below MAX_MARKDOWN_DEPTH, without recursion, and returns where the first
 * cut was made (for the problem the caller reports), or undefined when nothing was cut.
 */
export function limitDepth(tree: Root): Position | undefined {
  let first: Position | undefined;
  const stack: [Nodes, number][] = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!("children" in node) || node.children.length === 0) continue;
    if (depth >= MAX_MARKDOWN_DEPTH) {
      first ??= node.position;
      node.children = [];
      continue;
    }
    for (const child of node.children) stack.push([child, depth + 1]);
  }
  return first;
}

/** The `schema` problem for a tree cut at `position`. */
export function depthProblem(position: Position, file: string): Problem {
  return problem("schema", positionRange({ position }, file),
    `This Markdown nests more than ${MAX_MARKDOWN_DEPTH} levels deep (quotes, lists or emphasis inside each other); papersmith reads no deeper. Flatten it.`);
}

/** Limits the tree's depth and reports the cut as a problem of the file. */
export function depthProblems(tree: Root, file: string): Problem[] {
  const cut = limitDepth(tree);
  return cut ? [depthProblem(cut, file)] : [];
}
