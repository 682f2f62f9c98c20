import type { Heading, Root } from "mdast";
import { visit } from "unist-util-visit";
import { problem, type Problem } from "../diagnostics/diagnostic.js";
import { KEBAB_ID } from "./fields.js";

const TRAILING_ID = /[ \t]*\{#([^{}\s]*)\}[ \t]*$/;

/**
 * Implements `## Heading {#id}` (remark has no such syntax): removes the `{#id}` from the
 * heading's last text node and records the id on `heading.data.explicitId`.
 */
export function extractHeadingIds(tree: Root, file: string): Problem[] {
  const problems: Problem[] = [];
  visit(tree, "heading", (heading: Heading) => {
    const last = heading.children.at(-1);
    if (last?.type !== "text") return;
    const match = TRAILING_ID.exec(last.value);
    if (!match) return;
    const id = match[1] ?? "";
    const start = last.position?.start;
    const braceColumn = (start?.column ?? 1) + match.index + (match[0].length - match[0].trimStart().length);
    const line = start?.line ?? 1;
    const range = { file, start: { line, column: braceColumn }, end: { line, column: braceColumn + id.length + 3 } };
    if (!KEBAB_ID.test(id)) {
      problems.push(problem("schema", range, `The heading id "{#${id}}" is not valid: ids are lowercase kebab-case (letters, digits and hyphens).`));
      return;
    }
    last.value = last.value.slice(0, match.index);
    if (last.value === "") heading.children.pop();
    heading.data = { ...heading.data, explicitId: id, explicitIdRange: range };
  });
  return problems;
}
