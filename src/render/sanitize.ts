import type { ElementContent, Root } from "hast";
import rehypeSanitize, { type Options as Schema } from "rehype-sanitize";
import { unified } from "unified";

const ANY = [
  "className", "id", "lang", "dir", "title", "role", "hidden", "tabIndex",
  "ariaLabel", "ariaLabelledBy", "ariaDescribedBy", "ariaHidden", "ariaCurrent", "ariaLive",
  "dataFootnotes", "dataFootnoteRef", "dataFootnoteBackref",
  "dataLevel", "dataTarget", "dataSource", "dataSectors", "dataValues", "dataFilter", "dataCount",
];

/**
 * Only what papersmith generates: its page structure, Markdown's elements, and the attributes its
 * templates and directives use. No script, style, iframe, form, event handler or javascript: URL.
 */
export const SCHEMA: Schema = {
  tagNames: [
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "i", "img", "input", "ins", "kbd", "li", "main", "mark", "nav", "ol", "p",
    "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
  ],
  attributes: {
    "*": ANY,
    a: ["href", "rel", "hrefLang"],
    img: ["src", "alt", "width", "height", "loading", "decoding"],
    td: ["scope", "colSpan", "rowSpan", "align", "headers"],
    th: ["scope", "colSpan", "rowSpan", "align", "headers"],
    ol: ["start", "reversed"],
    time: ["dateTime"],
    input: [["type", "checkbox"], ["disabled", true], "checked"],
  },
  required: { input: { type: "checkbox", disabled: true } },
  protocols: { href: ["http", "https", "mailto", "tel"], src: ["http", "https"] },
  clobber: [],
  clobberPrefix: "",
  strip: ["script", "style", "template", "noscript"],
  allowComments: false,
  allowDoctypes: false,
};

const processor = unified().use(rehypeSanitize, SCHEMA);

/** A sanitized copy of nodes (the contents of a page's body) by SCHEMA. */
export function sanitizeNodes(nodes: readonly ElementContent[]): ElementContent[] {
  const root = processor.runSync({ type: "root", children: [...nodes] }) as Root;
  return root.children.filter((n): n is ElementContent => n.type !== "doctype");
}
