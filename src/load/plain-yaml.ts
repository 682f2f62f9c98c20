import { Pair, Scalar, YAMLMap, YAMLSeq, type Node as YamlNode } from "yaml";

/** A plain YAML text read without the `yaml` parser: its root node and where its lines start. */
export interface PlainYaml {
  readonly root: YamlNode;
  /** Offset of every line's first character, as a `yaml` LineCounter would hold them. */
  readonly lineStarts: number[];
}

/** One line of the text: where it starts, where its content starts, where it ends. */
interface Line {
  readonly start: number;
  readonly indent: number;
  readonly content: number;
  /** The offset of its `\n`, or the end of the text. */
  readonly end: number;
  /** Where the next line starts (after the `\n`). */
  readonly next: number;
}

/** A node and the index of the first line after it. */
interface Parsed<T> {
  readonly node: T;
  readonly after: number;
}

/** Characters that make a text not plain: tabs, CR, NUL, BOM, other controls, comments. */
const NOT_PLAIN = /[\t\r\0\uFEFF\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|(?:^|[ ])#/m;
/** A key this reader takes (sticky: matched where lastIndex is set). */
const KEY = /[A-Za-z_][A-Za-z0-9_-]*/y;
const PLAIN_START = /[A-Za-z0-9\u00A1-\uFFFD]/;
/** Plain words the core schema reads as something other than text, and what it reads them as. */
const CORE_WORDS = new Map<string, boolean | null>([
  ["true", true], ["True", true], ["TRUE", true], ["false", false], ["False", false], ["FALSE", false], ["null", null], ["Null", null], ["NULL", null],
]);
const DECIMAL = /^[0-9]+$/;
/** Texts starting with a digit that the core schema would read as a float, hex or octal number. */
const OTHER_NUMBER = /^(?:0[ox]|[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$|[0-9]+\.)/;
/** Characters a plain scalar inside `[ ]` or `{ }` may not hold here. */
const FLOW_STOP = /[,[\]{}:#]/;

/**
 * Reads YAML of the plain shape most front matter has — block mappings and sequences of
 * one-line scalars and one-line flow collections, with no comments, anchors, tags, blank
 * lines or multi-line scalars — into the same nodes `yaml`'s `parseDocument` would build
 * (values, types, sources and ranges alike). Returns undefined for anything else, and the
 * caller then parses the text with `yaml` itself, so an unusual text costs only speed.
 */
export function parsePlainYaml(text: string): PlainYaml | undefined {
  if (text.length === 0 || NOT_PLAIN.test(text)) return undefined;
  const lines = splitLines(text);
  const reader = new PlainReader(text, lines);
  const root = reader.block(0);
  if (root === undefined || root.after !== lines.length) return undefined;
  const lineStarts = lines.map((line) => line.start);
  if (text.endsWith("\n")) lineStarts.push(text.length);
  return { root: root.node, lineStarts };
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    let content = start;
    while (content < end && text.charCodeAt(content) === 32) content++;
    lines.push({ start, indent: content - start, content, end, next: newline === -1 ? end : end + 1 });
    start = newline === -1 ? end : end + 1;
  }
  return lines;
}

/** A recursive reader over the lines; every method returns undefined when the text is not plain. */
class PlainReader {
  readonly #text: string;
  readonly #lines: readonly Line[];

  constructor(text: string, lines: readonly Line[]) {
    this.#text = text;
    this.#lines = lines;
  }

  /** The block collection starting at line `index` (a sequence if it starts with "- "). */
  block(index: number): Parsed<YamlNode> | undefined {
    const line = this.#lines[index];
    if (line === undefined) return undefined;
    return this.#isDash(line) ? this.#sequence(index) : this.#mapping(index, line.content);
  }

  #isDash(line: Line): boolean {
    return this.#text.charCodeAt(line.content) === 45 && this.#text.charCodeAt(line.content + 1) === 32;
  }

  /** A block mapping whose first key is at `keyAt` on line `index`; later keys sit in its column. */
  #mapping(index: number, keyAt: number): Parsed<YAMLMap> | undefined {
    const first = this.#lines[index];
    if (first === undefined) return undefined;
    const column = keyAt - first.start;
    const map = new YAMLMap();
    const keys = new Set<string>();
    let at = index;
    let keyStart = keyAt;
    let end = first.next;
    for (;;) {
      const line = this.#lines[at];
      if (line === undefined) return undefined;
      const key = this.#key(keyStart, line.end);
      if (key === undefined || keys.has(key.value)) return undefined;
      keys.add(key.value);
      const value = this.#mappingValue(at, key.range[1] + 1, column);
      if (value === undefined) return undefined;
      map.items.push(new Pair(key, value.node));
      at = value.after;
      end = value.node.range?.[2] ?? end;
      const next = this.#lines[at];
      if (next === undefined || next.indent < column) break;
      if (next.indent > column) return undefined;
      keyStart = next.content;
    }
    map.range = [keyAt, end, end];
    return { node: map, after: at };
  }

  /** What follows `key:` on line `index`: a one-line value, a nested block, or nothing (null). */
  #mappingValue(index: number, afterColon: number, column: number): Parsed<YamlNode> | undefined {
    const line = this.#lines[index];
    if (line === undefined) return undefined;
    const valueAt = this.#skipSpaces(afterColon, line.end);
    const next = this.#lines[index + 1];
    if (valueAt < line.end) {
      const node = this.#inline(valueAt, line);
      return node === undefined ? undefined : { node, after: index + 1 };
    }
    if (next !== undefined && next.indent > column) return this.block(index + 1);
    return { node: scalar(null, "", "PLAIN", [line.end, line.end, line.end]), after: index + 1 };
  }

  /** A block sequence of "- " items starting at line `index`. */
  #sequence(index: number): Parsed<YAMLSeq> | undefined {
    const first = this.#lines[index];
    if (first === undefined) return undefined;
    const seq = new YAMLSeq();
    let at = index;
    let end = first.next;
    for (;;) {
      const line = this.#lines[at];
      if (line === undefined) return undefined;
      const itemAt = this.#skipSpaces(line.content + 2, line.end);
      const item = this.#sequenceItem(at, itemAt);
      if (item === undefined) return undefined;
      seq.items.push(item.node);
      end = item.node.range?.[2] ?? end;
      at = item.after;
      const next = this.#lines[at];
      if (next === undefined || next.indent < first.indent) break;
      if (next.indent > first.indent || !this.#isDash(next)) return undefined;
    }
    seq.range = [first.content, end, end];
    return { node: seq, after: at };
  }

  #sequenceItem(index: number, itemAt: number): Parsed<YamlNode> | undefined {
    const line = this.#lines[index];
    if (line === undefined) return undefined;
    if (this.#key(itemAt, line.end) !== undefined) return this.#mapping(index, itemAt);
    const node = this.#inline(itemAt, line);
    return node === undefined ? undefined : { node, after: index + 1 };
  }

  /** A plain key at `at` followed by `:` and a space or the end of the line. */
  #key(at: number, lineEnd: number): Scalar<string> & { range: [number, number, number] } | undefined {
    KEY.lastIndex = at;
    const word = KEY.exec(this.#text)?.[0];
    if (word === undefined || CORE_WORDS.has(word)) return undefined;
    const end = at + word.length;
    if (this.#text.charCodeAt(end) !== 58) return undefined;
    if (end + 1 < lineEnd && this.#text.charCodeAt(end + 1) !== 32) return undefined;
    return scalar(word, word, "PLAIN", [at, end, end]);
  }

  /** A one-line value in block context, running to the end of `line`. */
  #inline(at: number, line: Line): YamlNode | undefined {
    const text = this.#text;
    const first = text.charAt(at);
    if (first === "[" || first === "{") {
      const flow = first === "[" ? this.#flowSequence(at, line.end) : this.#flowMapping(at, line.end);
      if (flow === undefined || this.#skipSpaces(flow.end, line.end) !== line.end) return undefined;
      flow.node.range = [at, flow.end, line.next];
      return flow.node;
    }
    if (first === "\"" || first === "'") {
      const quoted = this.#quoted(at, line.end);
      if (quoted === undefined || this.#skipSpaces(quoted.end, line.end) !== line.end) return undefined;
      quoted.node.range = [at, quoted.end, line.next];
      return quoted.node;
    }
    if (!PLAIN_START.test(first)) return undefined;
    let end = line.end;
    while (text.charCodeAt(end - 1) === 32) end--;
    const raw = text.slice(at, end);
    if (raw.endsWith(":") || raw.includes(": ")) return undefined;
    return plainScalar(raw, [at, end, line.next]);
  }

  /** A quoted scalar with no escapes on one line; `end` is just after its closing quote. */
  #quoted(at: number, lineEnd: number): { node: Scalar; end: number } | undefined {
    const text = this.#text;
    const quote = text.charAt(at);
    const close = text.indexOf(quote, at + 1);
    if (close === -1 || close >= lineEnd) return undefined;
    const value = text.slice(at + 1, close);
    if (quote === "\"" && value.includes("\\")) return undefined;
    return { node: scalar(value, value, quote === "\"" ? "QUOTE_DOUBLE" : "QUOTE_SINGLE", [at, close + 1, close + 1]), end: close + 1 };
  }

  /** `[a, "b"]` of scalars on one line; `end` is just after the `]`. */
  #flowSequence(at: number, lineEnd: number): { node: YAMLSeq; end: number } | undefined {
    const seq = new YAMLSeq();
    seq.flow = true;
    let pos = this.#skipSpaces(at + 1, lineEnd);
    if (this.#text.charAt(pos) === "]") return { node: seq, end: pos + 1 };
    for (;;) {
      const item = this.#flowScalar(pos, lineEnd);
      if (item === undefined) return undefined;
      seq.items.push(item.node);
      const delimiter = this.#text.charAt(item.end);
      if (delimiter === "]") return { node: seq, end: item.end + 1 };
      if (delimiter !== ",") return undefined;
      pos = this.#skipSpaces(item.end + 1, lineEnd);
    }
  }

  /** `{a: b, c: "d"}` of scalars on one line; `end` is just after the `}`. */
  #flowMapping(at: number, lineEnd: number): { node: YAMLMap; end: number } | undefined {
    const map = new YAMLMap();
    map.flow = true;
    const keys = new Set<string>();
    let pos = this.#skipSpaces(at + 1, lineEnd);
    if (this.#text.charAt(pos) === "}") return { node: map, end: pos + 1 };
    for (;;) {
      const key = this.#key(pos, lineEnd);
      if (key === undefined || keys.has(key.value) || key.range[1] + 1 >= lineEnd) return undefined;
      keys.add(key.value);
      const value = this.#flowScalar(this.#skipSpaces(key.range[1] + 1, lineEnd), lineEnd);
      if (value === undefined) return undefined;
      map.items.push(new Pair(key, value.node));
      const delimiter = this.#text.charAt(value.end);
      if (delimiter === "}") return { node: map, end: value.end + 1 };
      if (delimiter !== ",") return undefined;
      pos = this.#skipSpaces(value.end + 1, lineEnd);
    }
  }

  /** A scalar inside a flow collection; `end` is the delimiter after it and its spaces. */
  #flowScalar(at: number, lineEnd: number): { node: Scalar; end: number } | undefined {
    const text = this.#text;
    const first = text.charAt(at);
    if (first === "\"" || first === "'") {
      const quoted = this.#quoted(at, lineEnd);
      if (quoted === undefined) return undefined;
      const end = this.#skipSpaces(quoted.end, lineEnd);
      quoted.node.range = [at, quoted.end, end];
      return { node: quoted.node, end };
    }
    if (!PLAIN_START.test(first)) return undefined;
    let stop = at;
    while (stop < lineEnd && !FLOW_STOP.test(text.charAt(stop))) stop++;
    let end = stop;
    while (text.charCodeAt(end - 1) === 32) end--;
    const node = plainScalar(text.slice(at, end), [at, end, stop]);
    return node === undefined ? undefined : { node, end: stop };
  }

  #skipSpaces(at: number, lineEnd: number): number {
    let pos = at;
    while (pos < lineEnd && this.#text.charCodeAt(pos) === 32) pos++;
    return pos;
  }
}

/** A plain scalar resolved as the core schema would; undefined for numbers we leave to `yaml`. */
function plainScalar(raw: string, range: [number, number, number]): Scalar | undefined {
  if (DECIMAL.test(raw)) return scalar(parseInt(raw, 10), raw, "PLAIN", range);
  if (OTHER_NUMBER.test(raw)) return undefined;
  const word = CORE_WORDS.get(raw);
  return scalar(word === undefined ? raw : word, raw, "PLAIN", range);
}

function scalar<T>(value: T, source: string, type: Scalar.Type, range: [number, number, number]): Scalar<T> & { range: [number, number, number] } {
  const node = new Scalar(value);
  node.range = range;
  node.source = source;
  node.type = type;
  return node as Scalar<T> & { range: [number, number, number] };
}
