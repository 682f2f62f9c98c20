import type { Heading, Nodes, Root } from "mdast";
import { problem, type Problem } from "../diagnostics/diagnostic.js";
import { KEBAB_ID } from "./fields.js";

const TRAILING_ID = /[ \t]*\{#([^{}\s]*)\}[ \t]*$/;

/**
 * Implements `## Heading {#id}` (remark has no such syntax): removes the `{#id}` from the
 * heading's last text node and records the id on `heading.data.explicitId`.
 */
export function extractHeadingIds(tree: Root, file: string): Problem[] {
  const problems: Problem[] = [];
  for (const heading of headingsIn(tree)) {
    const last = heading.children.at(-1);
    if (last?.type !== "text") continue;
    const match = TRAILING_ID.exec(last.value);
    if (!match) continue;
    const id = match[1] ?? "";
    const start = last.position?.start;
    const braceColumn = (start?.column ?? 1) + match.index + (match[0].length - match[0].trimStart().length);
    const line = start?.line ?? 1;
    const range = { file, start: { line, column: braceColumn }, end: { line, column: braceColumn + id.length + 3 } };
    if (!KEBAB_ID.test(id)) {
      problems.push(problem("schema", range, `The heading id "{#${id}}" is not valid: ids are lowercase kebab-case (letters, digits and hyphens).`));
      continue;
    }
    last.value = last.value.slice(0, match.index);
    if (last.value === "") heading.children.pop();
    heading.data = { ...heading.data, explicitId: id, explicitIdRange: range };
  }
  return problems;
}

/**
 * The tree's headings in document order. A loop over a stack, not unist-util-visit: that keeps
 * every node's ancestors as it goes, a cost this walk does not need: it only finds headings (which hold no headings), and recursion would need the stack
 * as deep as the source nests.
 */
function headingsIn(tree: Root): Heading[] {
  const headings: Heading[] = [];
  const stack: Nodes[] = [tree];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === "heading") {
      headings.push(node);
      continue;
    }
    if ("children" in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return headings;
}
