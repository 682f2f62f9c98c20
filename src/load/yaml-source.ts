import { LineCounter, parseDocument, isAlias, isCollection, isPair, isScalar, type Document, type Node as YamlNode } from "yaml";
import { FileContext } from "./file-context.js";
import { MAX_YAML_DEPTH, tooDeepLine } from "./yaml-depth.js";
import { yamlSlips, type YamlErrorLike, type YamlSlip } from "./yaml-slips.js";

/** A YAML text parsed with exact positions. `root` is undefined when the YAML did not parse. */
export interface YamlSource {
  readonly ctx: FileContext;
  /** The parsed document, for aliases. */
  readonly doc: Document.Parsed;
  readonly root: YamlNode | undefined;
}

const MAX_ALIASES = 100;

/**
 * Parses YAML with a LineCounter so every node maps to an exact file position. Syntax errors
 * (including duplicate keys) become `yaml-syntax` problems and leave `root` undefined: a file
 * that does not parse defines nothing (see docs/reference.md#rules).
 *
 * @param lineOffset lines in the file before `text` starts (1 for front matter after `---`)
 */
export function parseYamlSource(text: string, file: string, lineOffset = 0): YamlSource {
  const lineCounter = new LineCounter();
  const deep = tooDeepLine(text);
  if (deep !== undefined) {
    // Refused before either reader recurses into it: the file defines nothing, like any YAML that does not parse.
    lineCounter.addNewLine(0);
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) lineCounter.addNewLine(at + 1);
    const ctx = new FileContext(file, lineCounter, lineOffset);
    ctx.report("yaml-syntax", ctx.range(deep[0], deep[1]),
      `This YAML nests more than ${MAX_YAML_DEPTH} levels deep (by indentation); papersmith reads no deeper. Flatten it.`);
    return { ctx, doc: parseDocument(""), root: undefined };
  }
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const ctx = new FileContext(file, lineCounter, lineOffset);
  const describe = (error: YamlErrorLike): YamlSlip => {
    const start = Math.min(openingOf(text, error.code, error.message, error.pos[0]), text.length);
    return { start, end: Math.min(text.length, Math.max(start + 1, error.pos[1])), message: describeYamlError(error.code, error.message) };
  };
  for (const slip of yamlSlips(text, doc.errors, describe)) {
    ctx.report("yaml-syntax", ctx.range(slip.start, Math.min(text.length, slip.end)), slip.message, slip.suggestion);
  }
  const root = doc.errors.length === 0 ? (doc.contents ?? undefined) : undefined;
  return { ctx, doc, root: root === null ? undefined : root };
}

/**
 * Where an unterminated quote or flow collection was opened: the yaml parser reports those
 * where it gave up (the end of the input), but the author needs the opening character.
 */
function openingOf(text: string, code: string, message: string, at: number): number {
  const quote = code === "MISSING_CHAR" ? /closing (["'])quote/.exec(message)?.[1] : undefined;
  if (quote) {
    for (let i = Math.min(at, text.length) - 1; i >= 0; i--) {
      if (text[i] === quote && !(quote === "\"" && text[i - 1] === "\\")) return i;
    }
  }
  const flow = /end with an? ([\]}])/.exec(message)?.[1];
  if (flow) {
    const open = flow === "]" ? "[" : "{";
    let depth = 0;
    for (let i = Math.min(at, text.length) - 1; i >= 0; i--) {
      if (text[i] === flow) depth++;
      else if (text[i] === open && depth-- === 0) return i;
    }
  }
  return at;
}

function describeYamlError(code: string, message: string): string {
  if (/call stack/i.test(message)) return "This YAML nests too deeply to read (thousands of levels).";
  const first = message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? message;
  if (code === "DUPLICATE_KEY") return `This key appears twice in the same mapping; YAML keys must be unique. (${first})`;
  return first.endsWith(".") ? first : `${first}.`;
}

/** Follows an alias to the node it names (bounded), or returns the node itself. */
export function derefNode(node: unknown, doc: Document.Parsed): unknown {
  let current = node;
  for (let hops = 0; isAlias(current) && hops < MAX_ALIASES; hops++) current = current.resolve(doc);
  return current;
}

/** `[start, end)` of every scalar value (not key) under a parsed root, shifted by `base`. */
export function scalarValueRanges(root: YamlNode | undefined, base: number): [number, number][] {
  const ranges: [number, number][] = [];
  if (root !== undefined) addValueRanges(root, base, ranges);
  return ranges;
}

/**
 * What yaml's `visit` finds with `Scalar(key, node)` and `key !== "key"`, in its order, without
 * its visitor machinery, which costs more than the walk itself: every scalar but a pair's key, the
 * scalars inside a collection used as a key included; aliases not followed.
 */
function addValueRanges(node: unknown, base: number, ranges: [number, number][]): void {
  if (isScalar(node)) {
    if (node.range) ranges.push([node.range[0] + base, node.range[1] + base]);
  } else if (isCollection(node)) {
    for (const item of node.items) {
      if (isPair(item)) {
        if (!isScalar(item.key)) addValueRanges(item.key, base, ranges);
        addValueRanges(item.value, base, ranges);
      } else addValueRanges(item, base, ranges);
    }
  }
}
