import type { PhrasingContent } from "mdast";
import type { TextDirective } from "mdast-util-directive";
import type { LineTable } from "./line-table.js";

/**
 * Characters (and one word) that may start inline syntax other than a text directive:
 * escapes, code, emphasis, links, images, HTML, autolinks, character references,
 * strikethrough, table cells, footnotes, GFM autolink literals, and NUL (which micromark
 * replaces). A `:` is looked at on its own (see `phrasingOf`). Tabs are left to micromark
 * too, for it counts their columns its own way.
 */
const INLINE_SYNTAX = /[\\`*_[\]<&~|@\t\0]|www\./i;

/** `:name[label]` as papers write references: a kebab-case name and a label of id characters. */
const TEXT_DIRECTIVE = /:([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)\[([A-Za-z0-9#-]+)\]/y;
/** `{…}` after it: `#id` shortcuts and `key="value"` pairs, one space apart, with nothing to decode in the values. */
const ATTRIBUTES = /\{((?:#[A-Za-z0-9-]+|[A-Za-z][A-Za-z0-9-]*="[^"&\\\n]*")(?: (?:#[A-Za-z0-9-]+|[A-Za-z][A-Za-z0-9-]*="[^"&\\\n]*"))*)\}/y;
const ATTRIBUTE = /#([A-Za-z0-9-]+)|([A-Za-z][A-Za-z0-9-]*)="([^"]*)"/g;
const SIMPLE_ATTRIBUTES = /^(?:#[A-Za-z0-9-]+|[A-Za-z][A-Za-z0-9-]*="[^"&\\\n]*")(?: (?:#[A-Za-z0-9-]+|[A-Za-z][A-Za-z0-9-]*="[^"&\\\n]*"))*$/;

/**
 * The attributes written inside `{…}`, in source order, as mdast-util-directive gives them,
 * when they are written the simple way `ATTRIBUTES` describes; otherwise none, and the
 * directive is left to micromark.
 */
export function simpleAttributes(inside: string): Record<string, string> | undefined {
  if (!SIMPLE_ATTRIBUTES.test(inside)) return undefined;
  const attributes: Record<string, string> = {};
  for (const match of inside.matchAll(ATTRIBUTE)) {
    // A key given twice keeps its first place and its last value, as in mdast-util-directive.
    attributes[match[1] === undefined ? match[2] ?? "" : "id"] = match[1] ?? match[3] ?? "";
  }
  return attributes;
}

/**
 * The phrasing content micromark gives for `text.slice(from, to)` (a paragraph's lines, or a
 * heading's content), when that is only text and `:name[label]{…}` references; otherwise
 * undefined, and the caller leaves the text to micromark. `line` is the 0-based line `from`
 * lies on. The caller has made sure no line inside starts a block or ends in whitespace.
 */
export function phrasingOf(table: LineTable, from: number, to: number, line: number): PhrasingContent[] | undefined {
  const text = table.text;
  const children: PhrasingContent[] = [];
  let textStart = from;
  let colon = text.indexOf(":", from);
  const pushText = (end: number): boolean => {
    if (end === textStart) return true;
    if (INLINE_SYNTAX.test(text.slice(textStart, end))) return false;
    children.push({ type: "text", value: text.slice(textStart, end), position: { start: table.pointAt(textStart, line), end: table.pointAt(end, line) } });
    return true;
  };
  while (colon !== -1 && colon < to) {
    const next = colon + 1 < to ? text.charCodeAt(colon + 1) : -1;
    // A `:` before a space, a line end or the end is text; before a letter it is a directive.
    if (next !== -1 && next !== 32 && next !== 10) {
      const directive = textDirectiveAt(table, colon, to, line);
      if (!directive || text.charCodeAt(colon - 1) === 58 /* : */) return undefined;
      if (!pushText(colon)) return undefined;
      children.push(directive);
      textStart = directive.position?.end.offset ?? to;
    }
    colon = text.indexOf(":", Math.max(colon + 1, textStart));
  }
  return pushText(to) ? children : undefined;
}

/** The text directive starting at the `:` at `at`, if it is one `phrasingOf` can build. */
function textDirectiveAt(table: LineTable, at: number, to: number, line: number): TextDirective | undefined {
  const text = table.text;
  TEXT_DIRECTIVE.lastIndex = at;
  const match = TEXT_DIRECTIVE.exec(text);
  if (!match || TEXT_DIRECTIVE.lastIndex > to) return undefined;
  const [whole, name = "", label = ""] = match;
  let end = at + whole.length;
  let attributes: Record<string, string> | undefined = {};
  if (text.charCodeAt(end) === 123 /* { */) {
    ATTRIBUTES.lastIndex = end;
    const written = ATTRIBUTES.exec(text);
    if (!written || ATTRIBUTES.lastIndex > to) return undefined;
    attributes = simpleAttributes(written[1] ?? "");
    end = ATTRIBUTES.lastIndex;
  }
  // A second `{…}` would not be text after it.
  if (!attributes || (end < to && text.charCodeAt(end) === 123)) return undefined;
  const labelStart = at + 1 + name.length + 1;
  return {
    type: "textDirective",
    name,
    attributes,
    children: [{ type: "text", value: label, position: { start: table.pointAt(labelStart, line), end: table.pointAt(labelStart + label.length, line) } }],
    position: { start: table.pointAt(at, line), end: table.pointAt(end, line) },
  };
}
