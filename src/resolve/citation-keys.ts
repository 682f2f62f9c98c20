import type { TextDirective } from "mdast-util-directive";
import { toString } from "mdast-util-to-string";
import type { SourceRange } from "../model/index.js";
import { positionRange } from "../diagnostics/position-range.js";

/** One key of a `:cite[k1,k2]`, with where it stands in the source. */
export interface CitationKey {
  readonly id: string;
  readonly range: SourceRange;
}

/**
 * The keys of `:cite[k1, k2]`, in order, each with its own range: the label's text split at
 * commas. When the label is one plain text node (no escapes or markup), each key's columns are
 * exact; otherwise every key takes the whole directive's range.
 */
export function citationKeys(node: TextDirective, file: string): CitationKey[] {
  const only = node.children.length === 1 ? node.children[0] : undefined;
  const start = only?.type === "text" ? only.position?.start : undefined;
  const exact = start !== undefined && only?.type === "text" && only.position?.end.line === start.line
    && only.position.end.column - start.column === only.value.length;
  const label = toString(node);
  const keys: CitationKey[] = [];
  let at = 0;
  for (const piece of label.split(",")) {
    const lead = piece.length - piece.trimStart().length;
    const id = piece.trim();
    if (id !== "") {
      const column = (start?.column ?? 0) + at + lead;
      const range: SourceRange = exact && start
        ? { file, start: { line: start.line, column }, end: { line: start.line, column: column + id.length } }
        : positionRange(node, file);
      keys.push({ id, range });
    }
    at += piece.length + 1;
  }
  return keys;
}
