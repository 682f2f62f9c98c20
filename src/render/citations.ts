import type { Element, ElementContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { h } from "hastscript";
import type { Nodes } from "mdast";
import type { TextDirective } from "mdast-util-directive";
import { toString } from "mdast-util-to-string";
import type { CslItem, Paper, SeriesIndex } from "../model/index.js";
import { cslLocator, processCitations, type CiteItem, type ProcessedCitations } from "./csl.js";
import type { SiteModel } from "./site-model.js";

/** The heading of the list of works a paper cites, at its end (see docs/reference.md#citations). */
export const REFERENCES_TITLE = "References";

/** The id of the References heading in a body whose footnote ids start with `prefix`. */
export function referencesHeadingId(prefix: string): string {
  return `${prefix}references-label`;
}

/** One paper's citations as the CSL processor rendered them. */
interface PaperCitations {
  readonly byNode: ReadonlyMap<Nodes, string>;
  readonly bibliography: ProcessedCitations["bibliography"];
}

const memo = new WeakMap<SeriesIndex, Map<string, PaperCitations>>();

/**
 * The `:cite` directives of a paper in reading order, each with the keys that name an entry (its
 * locator on the last key), and the entries they cite in order of first citation.
 */
function citesOf(site: SiteModel, paper: Paper): { nodes: Nodes[]; cites: CiteItem[][]; items: CslItem[] } {
  const byNode = new Map<Nodes, CiteItem[]>();
  const items = new Map<string, CslItem>();
  for (const { reference, resolution } of site.index.references) {
    if (reference.via !== "cite" || reference.inPaper !== paper || reference.node === undefined) continue;
    const list = byNode.get(reference.node) ?? [];
    byNode.set(reference.node, list);
    if (resolution.status !== "ok" || resolution.target.kind !== "bibliography") continue;
    list.push({ id: reference.id });
    if (!items.has(reference.id)) items.set(reference.id, resolution.target.item);
  }
  const nodes: Nodes[] = [];
  const cites: CiteItem[][] = [];
  for (const [node, list] of byNode) {
    if (list.length === 0) continue;
    const locator = node.type === "textDirective" ? node.attributes?.["locator"] : undefined;
    const last = list[list.length - 1];
    if (typeof locator === "string" && locator.trim() !== "" && last) list[list.length - 1] = { id: last.id, ...cslLocator(locator) };
    nodes.push(node);
    cites.push(list);
  }
  return { nodes, cites, items: [...items.values()] };
}

/** A paper's citations in `format`, rendered once per resolved series. */
function paperCitations(site: SiteModel, paper: Paper, format: "html" | "text"): PaperCitations {
  let byPaper = memo.get(site.index);
  if (!byPaper) memo.set(site.index, (byPaper = new Map()));
  const key = `${format}\u0000${paper.file}`;
  const known = byPaper.get(key);
  if (known) return known;
  const { nodes, cites, items } = citesOf(site, paper);
  const processed = processCitations(items, cites, site.series.config.citationStyle, format);
  const byNode = new Map<Nodes, string>();
  nodes.forEach((node, at) => byNode.set(node, processed.citations[at] ?? ""));
  const result = { byNode, bibliography: processed.bibliography };
  byPaper.set(key, result);
  return result;
}

/** The CSL processor's HTML as hast: its `<i>`, `<b>`, `<span>` and links, sanitized later with the page. */
function htmlNodes(html: string): ElementContent[] {
  return fromHtml(html, { fragment: true }).children.filter((n): n is ElementContent => n.type !== "doctype" && n.type !== "comment");
}

/** The paper a `:cite` is written in (none outside papers, where the loader reports it). */
function paperOf(node: TextDirective, site: SiteModel): Paper | undefined {
  return site.index.referenceByNode.get(node)?.reference.inPaper;
}

/** `:cite[…]` as plain text (Word): the in-text citation as the CSL processor writes it. */
export function citationText(node: TextDirective, site: SiteModel): string {
  const paper = paperOf(node, site);
  const text = paper === undefined ? undefined : paperCitations(site, paper, "text").byNode.get(node);
  return text === undefined || text === "" ? toString(node) : text;
}

/** `:cite[…]` in a page: the in-text citation in the series' style, or its keys when none resolves. */
export function citationNode(node: TextDirective, site: SiteModel): ElementContent {
  const paper = paperOf(node, site);
  const html = paper === undefined ? undefined : paperCitations(site, paper, "html").byNode.get(node);
  if (html === undefined || html === "") return { type: "text", value: toString(node) };
  return h("span", { className: ["citation"] }, htmlNodes(html));
}

/** A paper's References section (each entry as the CSL processor writes it), or undefined when it cites nothing. */
export function referencesSection(site: SiteModel, paper: Paper, prefix: string): Element | undefined {
  const { bibliography } = paperCitations(site, paper, "html");
  if (bibliography.length === 0) return undefined;
  const id = referencesHeadingId(prefix);
  return h("section", { className: ["references"], ariaLabelledBy: id }, [
    h("h2", { id, className: ["references-title"] }, REFERENCES_TITLE),
    h("ul", { className: ["references-list"] }, bibliography.map((entry) =>
      h("li", { id: `${prefix}ref-${entry.id}`, className: ["references-entry"] }, htmlNodes(entry.text.trim())))),
  ]);
}

/** The entries of a paper's References section as plain text (Word), in the style's order. */
export function referencesText(site: SiteModel, paper: Paper): string[] {
  return paperCitations(site, paper, "text").bibliography.map((entry) => entry.text.trim());
}

/** Whether a paper cites anything that resolves, so that it has a References section. */
export function citesAnything(site: SiteModel, paper: Paper): boolean {
  return paperCitations(site, paper, "html").bibliography.length > 0;
}
