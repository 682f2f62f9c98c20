import type { Position } from "unist";
import type { SourceRange } from "../model/index.js";

/** The start of a file: where a problem goes when nothing finer can be pointed at. */
export function fileStart(file: string): SourceRange {
  return { file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
}

/** The file range of a parsed node (mdast, or anything with a unist `position`); 1:1 when it has none. */
export function positionRange(node: { readonly position?: Position | undefined }, file: string): SourceRange {
  const p = node.position;
  return p
    ? { file, start: { line: p.start.line, column: p.start.column }, end: { line: p.end.line, column: p.end.column } }
    : fileStart(file);
}
