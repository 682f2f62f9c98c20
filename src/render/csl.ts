import { plugins } from "@citation-js/core";
import "@citation-js/plugin-csl";
import type { CitationStyle, CslItem } from "../model/index.js";

/**
 * The CSL style each `citations.style` names among those the CSL plugin ships (its own copies of
 * the Citation Style Language styles: nothing is fetched at run time).
 */
export const CSL_TEMPLATES: Readonly<Record<CitationStyle, string>> = { harvard: "harvard1", vancouver: "vancouver", apa: "apa" };

/**
 * The CSL locale of every citation. The plugin ships en-US (and a few non-English ones) but not
 * en-GB; the three styles' terms ("and", "Available at", "p.") read the same in both.
 */
export const CSL_LOCALE = "en-US";

/** One key of a citation, with its locator: `{ id: "ham-2013", locator: "12", label: "page" }`. */
export interface CiteItem {
  readonly id: string;
  readonly locator?: string;
  readonly label?: string;
}

/** What the CSL processor gives for one paper: each citation in order, and the bibliography of what they cite. */
export interface ProcessedCitations {
  readonly citations: readonly string[];
  readonly bibliography: readonly { readonly id: string; readonly text: string }[];
}

/** The parts of a citeproc-js engine this module calls. */
interface CslEngine {
  opt: { development_extensions: { wrap_url_and_doi: boolean } };
  rebuildProcessorState(citations: unknown[], format: string, uncited: string[]): [string, number, string][];
  makeBibliography(): [{ entry_ids: string[][] }, string[]] | false;
}

const LABELS: readonly (readonly [RegExp, string])[] = [
  [/^(?:pp?|pages?)\.?\s*/i, "page"],
  [/^(?:ch|chap|chapter)\.?\s*/i, "chapter"],
  [/^(?:§|s|sec|section)\.?\s*/i, "section"],
  [/^(?:para|paragraph)\.?\s*/i, "paragraph"],
  [/^(?:fig|figure)\.?\s*/i, "figure"],
];

/**
 * `{locator="p. 12"}` as a CSL locator and its label ("12", page), so the style prints the
 * label its own way; a locator with no label word is a page, as CSL takes it.
 */
export function cslLocator(written: string): { readonly locator: string; readonly label: string } {
  const text = written.trim();
  for (const [pattern, label] of LABELS) {
    const rest = text.replace(pattern, "");
    if (rest !== text && /^\d/.test(rest)) return { locator: rest, label };
  }
  return { locator: text, label: "page" };
}

/**
 * Runs the CSL processor over one paper's citations, in reading order: `items` are the entries
 * they cite, in order of first citation (a numbered style numbers them so). Gives each
 * citation's text and the bibliography, in `format` ("html", with DOIs and URLs as links, or
 * "text"), exactly as the processor writes them.
 */
export function processCitations(items: readonly CslItem[], citations: readonly (readonly CiteItem[])[], style: CitationStyle, format: "html" | "text"): ProcessedCitations {
  if (items.length === 0) return { citations: citations.map(() => ""), bibliography: [] };
  const csl = plugins.config.get("@csl") as { engine(data: unknown[], style: string, lang: string, format: string): CslEngine };
  const engine = csl.engine(items.map((item) => ({ ...item })), CSL_TEMPLATES[style], CSL_LOCALE, format);
  engine.opt.development_extensions.wrap_url_and_doi = format === "html";
  const processed = engine.rebuildProcessorState(
    citations.map((cite) => ({ citationItems: cite.map((item) => ({ ...item })), properties: { noteIndex: 0 } })), format, []);
  const made = engine.makeBibliography();
  const bibliography = made === false ? [] : made[1].map((text, at) => ({ id: made[0].entry_ids[at]?.[0] ?? "", text }));
  return { citations: processed.map(([, , text]) => text), bibliography };
}
