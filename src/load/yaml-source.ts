import { LineCounter, parseDocument, isAlias, type Document, type Node as YamlNode } from "yaml";
import { FileContext } from "./file-context.js";

/** A YAML text parsed with exact positions. `root` is undefined when the YAML did not parse. */
export interface YamlSource {
  readonly ctx: FileContext;
  readonly doc: Document.Parsed;
  readonly root: YamlNode | undefined;
}

const MAX_ALIASES = 100;

/**
 * Parses YAML with a LineCounter so every node maps to an exact file position. Syntax errors
 * (including duplicate keys) become `yaml-syntax` problems and leave `root` undefined: a file
 * that does not parse defines nothing (SPEC §3).
 *
 * @param lineOffset lines in the file before `text` starts (1 for front matter after `---`)
 */
export function parseYamlSource(text: string, file: string, lineOffset = 0): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const ctx = new FileContext(file, lineCounter, lineOffset);
  for (const error of doc.errors) {
    const [start, end] = error.pos;
    ctx.report("yaml-syntax", ctx.range(start, end), describeYamlError(error.code, error.message));
  }
  const root = doc.errors.length === 0 ? (doc.contents ?? undefined) : undefined;
  return { ctx, doc, root: root === null ? undefined : root };
}

function describeYamlError(code: string, message: string): string {
  const first = message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? message;
  if (code === "DUPLICATE_KEY") return `This key appears twice in the same mapping; YAML keys must be unique. (${first})`;
  if (/compact mappings/.test(first)) return `${first}. A value containing ": " must be quoted.`;
  return first.endsWith(".") ? first : `${first}.`;
}

/** Follows an alias to the node it names (bounded), or returns the node itself. */
export function derefNode(node: unknown, doc: Document.Parsed): unknown {
  let current = node;
  for (let hops = 0; isAlias(current) && hops < MAX_ALIASES; hops++) current = current.resolve(doc);
  return current;
}
