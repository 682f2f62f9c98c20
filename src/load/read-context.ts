import type { Document, Node as YamlNode } from "yaml";
import type { SourceRange } from "../model/index.js";
import type { FileContext } from "./file-context.js";

/** What a field reader may touch: the file's problems and positions, and the document for aliases. */
export interface ReadContext {
  readonly ctx: FileContext;
  readonly doc: Document.Parsed;
  /** The source text the YAML offsets point into (for Markdown fields). */
  readonly text: string;
}

/** The file range of a YAML node (its value, without trailing comments). */
export function nodeRange(node: YamlNode | null | undefined, rc: ReadContext): SourceRange {
  const range = node?.range;
  if (!range) return rc.ctx.fileStart();
  return rc.ctx.range(range[0], range[1]);
}
