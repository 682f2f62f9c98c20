import type { Element, ElementContent, Root, RootContent, Text } from "hast";
import { retext } from "retext";
import retextSmartypants from "retext-smartypants";

/**
 * Typesetting of the text of a finished page: curly quotes and apostrophes, dashes and
 * ellipses by retext-smartypants, en dashes in number ranges, and no line break inside
 * "Paper 2", "p. 5" or between a number and its unit. Only text nodes change, so attributes
 * (ids, hrefs, alt text) never do; code, preformatted text and links that show their own
 * address are left exactly as written. The same tree always gives the same text.
 */

/** Quotes first, over the whole page's text at once, so a quote mark next to a link or emphasis still finds its side. */
const QUOTES = retext().use(retextSmartypants, { quotes: true, dashes: false, ellipses: false, backticks: false });
/** Then, node by node, `--` (an en dash), `---` (an em dash) and `...`. */
const DASHES = retext().use(retextSmartypants, { quotes: false, dashes: "oldschool", ellipses: true, backticks: false });

/** Elements whose text is shown exactly as written. */
const VERBATIM = new Set(["code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "template"]);
/** Elements inside a line of text; any other element starts a new run of text. */
const PHRASING = new Set(["a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "del", "ins", "label"]);

const NBSP = "\u00a0";
const HAS_DIGIT = /\d/;
/** "2014-2015", "12-15", "4.5-5.5": two numbers joined by one hyphen, neither part of a date, code or longer run. */
const NUMBER_RANGE = /(?<![\p{L}\p{N}_-])(\d+(?:[.,]\d+)?)-(\d+(?:[.,]\d+)?)(?![\p{L}\p{N}_]|-\d|[.,]\d)/gu;
/** "Paper 2", "Papers 1", "Figure 3", "Table 1", "p. 5", "pp. 5", "No. 4": the number stays with its word. */
const LABEL_AND_NUMBER = /(?<![\p{L}])(Papers?|Figures?|Tables?|p\.|pp\.|No\.) (?=\d)/gu;
/** A number and its unit, as in "5 mm", "30 minutes" or "£65 billion". */
const NUMBER_AND_UNIT = /(\d) (?=(?:%|°C|mm|cm|km|m|kg|g|mg|ml|l|h|min|seconds?|minutes?|hours?|days?|weeks?|months?|years?|million|billion|per cent)(?![\p{L}\p{N}]))/gu;

/** A link that shows an address (`https://…`, `www.…`, an email address) as its text. */
function showsAddress(element: Element): boolean {
  if (element.tagName !== "a") return false;
  const text = element.children.length === 1 && element.children[0]?.type === "text" ? element.children[0].value.trim() : "";
  return /^(?:[a-z][a-z0-9+.-]*:|www\.)\S*$/i.test(text) || /^\S+@\S+\.\S+$/.test(text);
}

/** Text nodes to typeset, and a run of the page's text in which each has its place. */
interface Runs {
  readonly nodes: Text[];
  text: string;
  readonly starts: number[];
}

function collect(nodes: readonly (RootContent | ElementContent)[], runs: Runs): void {
  for (const node of nodes) {
    if (node.type === "text") {
      runs.starts.push(runs.text.length);
      runs.nodes.push(node);
      runs.text += node.value;
    } else if (node.type === "element") {
      if (VERBATIM.has(node.tagName) || showsAddress(node)) {
        // A stand-in of letters keeps quotes on either side of verbatim text paired as they are.
        runs.text += "A".repeat(textLength(node));
        continue;
      }
      const block = !PHRASING.has(node.tagName);
      if (block) runs.text += " ";
      collect(node.children, runs);
      if (block) runs.text += " ";
    }
  }
}

function textLength(node: ElementContent | RootContent): number {
  if (node.type === "text") return node.value.length;
  return node.type === "element" ? node.children.reduce((n, c) => n + textLength(c), 0) : 0;
}

/** Typesets the text of `tree` in place (see the file's description); returns it. */
export function typeset<T extends Root | Element>(tree: T): T {
  const runs: Runs = { nodes: [], text: "", starts: [] };
  collect(tree.children, runs);
  // Straight quotes become curly ones one for one, so each node's text stays where it was.
  const quoted = /['"]/.test(runs.text) ? String(QUOTES.processSync(runs.text)) : runs.text;
  runs.nodes.forEach((node, i) => {
    const start = runs.starts[i]!;
    let value = quoted.slice(start, start + node.value.length);
    if (value.includes("--") || value.includes("...") || value.includes(". . .")) value = String(DASHES.processSync(value));
    // The number rules need a digit; most text nodes have none.
    if (HAS_DIGIT.test(value)) value = value.replace(NUMBER_RANGE, "$1–$2").replace(LABEL_AND_NUMBER, `$1${NBSP}`).replace(NUMBER_AND_UNIT, `$1${NBSP}`);
    node.value = value;
  });
  return tree;
}
