import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import type { TextDirective } from "mdast-util-directive";
import { toString } from "mdast-util-to-string";
import type { GlossaryEntry, Paper } from "../model/index.js";
import type { SiteModel } from "./site-model.js";
import { referencesSection } from "./citations.js";

/** The heading of the list of abbreviations at the end of a paper (see docs/reference.md#glossary). */
export const ABBREVIATIONS_TITLE = "Abbreviations";

/** The id of the abbreviations' heading in a body whose footnote ids start with `prefix`. */
export function abbreviationsHeadingId(prefix: string): string {
  return `${prefix}abbreviations-label`;
}

/** The glossary entry `:abbr[id]` names, and the term it shows (`{text="..."}` replacing it). */
function abbreviationOf(node: TextDirective, site: SiteModel): { readonly entry: GlossaryEntry; readonly term: string } | undefined {
  const resolved = site.index.referenceByNode.get(node);
  const entry = resolved?.resolution.status === "ok" && resolved.resolution.target.kind === "glossary" ? resolved.resolution.target : undefined;
  if (entry === undefined) return undefined;
  const override = node.attributes?.["text"];
  return { entry, term: typeof override === "string" && override.trim() !== "" ? override : entry.term };
}

/** `:abbr[id]` as plain text (Word): "expansion (TERM)" at its first use in the paper, else the term. */
export function abbreviationText(node: TextDirective, site: SiteModel): string {
  const found = abbreviationOf(node, site);
  if (found === undefined) return toString(node);
  return site.index.abbreviationFirstUses.has(node) ? `${found.entry.expansion} (${found.term})` : found.term;
}

/**
 * `:abbr[id]`: at its first use in a paper's running text, the expansion with the abbreviation
 * after it in brackets, "clinical commissioning group (CCG)"; elsewhere the abbreviation alone,
 * an `<abbr>` whose title is the expansion. `{text="..."}` replaces the abbreviation's text. A
 * reference that did not resolve (never in a build without errors) shows its label as written.
 */
export function abbreviationNode(node: TextDirective, site: SiteModel): ElementContent | ElementContent[] {
  const found = abbreviationOf(node, site);
  if (found === undefined) return { type: "text", value: toString(node) };
  const { entry, term } = found;
  if (site.index.abbreviationFirstUses.has(node)) {
    return h("span", { className: ["abbr-first"] }, [`${entry.expansion} (`, h("abbr", term), ")"]);
  }
  return h("abbr", { title: entry.expansion }, term);
}

/** The list of abbreviations a paper uses (term, expansion, definition), or undefined when it uses none. */
export function abbreviationsSection(site: SiteModel, paper: Paper, prefix: string): Element | undefined {
  const entries = site.index.abbreviationsByPaper.get(paper);
  if (entries === undefined || entries.length === 0) return undefined;
  const id = abbreviationsHeadingId(prefix);
  return h("section", { className: ["abbreviations"], ariaLabelledBy: id }, [
    h("h2", { id, className: ["abbreviations-title"] }, ABBREVIATIONS_TITLE),
    h("dl", { className: ["abbreviations-list"] }, entries.map(entryItem)),
  ]);
}

function entryItem(entry: GlossaryEntry): Element {
  return h("div", [
    h("dt", [h("abbr", entry.term)]),
    h("dd", entry.expansion),
    ...(entry.definition === undefined ? [] : [h("dd", { className: ["abbr-definition"] }, entry.definition)]),
  ]);
}

/**
 * A paper's rendered body with its References section and list of abbreviations placed at its end, before the notes
 * (the footnotes' section) when it has any.
 */
export function withAbbreviations(body: readonly ElementContent[], site: SiteModel, paper: Paper, prefix: string): ElementContent[] {
  const sections = [referencesSection(site, paper, prefix), abbreviationsSection(site, paper, prefix)].filter((s): s is Element => s !== undefined);
  if (sections.length === 0) return [...body];
  const notes = body.findIndex((node) => node.type === "element" && node.properties["dataFootnotes"] !== undefined);
  return notes < 0 ? [...body, ...sections] : [...body.slice(0, notes), ...sections, ...body.slice(notes)];
}
