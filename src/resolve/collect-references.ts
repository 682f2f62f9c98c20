import { positionRange } from "../diagnostics/position-range.js";
import type { Nodes, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { citationKeys } from "./citation-keys.js";
import { EMBED_DIRECTIVES, INLINE_DIRECTIVES } from "../model/directive-names.js";
import type { EntityKind, IdRef, MarkdownText, Paper, Reference, ReferenceWeight, Series } from "../model/index.js";

/** The entity kind each inline and embedding directive names. */
const INLINE_KIND: Readonly<Record<string, EntityKind>> = INLINE_DIRECTIVES;
const EMBED_KIND: Readonly<Record<string, EntityKind>> = EMBED_DIRECTIVES;


/** Splits "session#finding" or "2#next-steps" at the first `#`. */
function splitAnchor(label: string): { id: string; anchor?: string } {
  const at = label.indexOf("#");
  return at < 0 ? { id: label } : { id: label.slice(0, at), anchor: label.slice(at + 1) };
}

/** Every inline and block reference written in one Markdown text. */
export function referencesInMarkdown(markdown: MarkdownText, paper: Paper | undefined): Reference[] {
  const file = markdown.range.file;
  const out: Reference[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === "textDirective" && node.name === "cite") {
      // One reference per key, at the key's own column; only papers cite (the loader reports the rest).
      if (paper) {
        for (const key of citationKeys(node, file)) {
          out.push({ kind: "bibliography", id: key.id, via: "cite", syntax: "inline", weight: "none", range: key.range, node, inPaper: paper });
        }
      }
    } else if (node.type === "textDirective" && Object.hasOwn(INLINE_KIND, node.name)) {
      const label = toString(node).trim();
      if (label !== "") {
        const kind = INLINE_KIND[node.name]!;
        const ofThisPaper = node.name === "figure" || node.name === "table";
        // `:figure[x]` names a place in its own paper, as `:paper[N#x]` would; anywhere else the loader reports it.
        const ownPaper = ofThisPaper && !label.includes("#") ? paper : undefined;
        if (ofThisPaper && !ownPaper) return;
        const { id, anchor } = ownPaper ? { id: String(ownPaper.number), anchor: label }
          : kind === "finding" || kind === "paper" ? splitAnchor(label) : { id: label, anchor: undefined };
        const weight: ReferenceWeight = !paper || kind === "paper" || kind === "glossary" ? "none" : kind === "value" ? "cite" : "use";
        const text = node.attributes?.text;
        out.push({
          kind, id, via: node.name, syntax: "inline", weight, range: positionRange(node, file), node,
          ...(anchor === undefined ? {} : { anchor }),
          ...(paper ? { inPaper: paper } : {}),
          ...(text === undefined || text === null ? {} : { text }),
          ...(node.name === "person" && node.attributes !== null && node.attributes !== undefined && Object.hasOwn(node.attributes, "role") ? { withRole: true } : {}),
        });
      }
    } else if (node.type === "leafDirective" && Object.hasOwn(EMBED_KIND, node.name)) {
      const id = node.attributes?.id;
      if (id) {
        out.push({
          kind: EMBED_KIND[node.name]!, id, via: node.name, syntax: "block", weight: paper ? "use" : "none",
          range: positionRange(node, file), node, ...(paper ? { inPaper: paper } : {}),
        });
      }
    }
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(markdown.tree as Root);
  return out;
}

function field(kind: EntityKind, via: string, ref: IdRef, paper?: Paper): Reference {
  return { kind, id: ref.id, via, syntax: "field", weight: "none", range: ref.range, ...(paper ? { inPaper: paper } : {}) };
}

/**
 * Every reference in the project: inline and block references in every Markdown body and
 * Markdown-valued field, and every id-valued field (see docs/reference.md#files and docs/reference.md#references).
 */
export function collectReferences(series: Series): Reference[] {
  const out: Reference[] = [];
  const { config, charter } = series;
  for (const partner of config.partners) if (partner.about) out.push(...referencesInMarkdown(partner.about, undefined));
  const accent = config.theme.accent;
  if (accent && "partner" in accent) out.push(field("partner", "accent", accent.partner));
  if (charter?.preamble) out.push(...referencesInMarkdown(charter.preamble, undefined));
  for (const value of charter?.values ?? []) out.push(...referencesInMarkdown(value.statement, undefined));
  for (const person of series.people) {
    if (person.organisation?.isPartnerRef) out.push(field("partner", "organisation", { id: person.organisation.text, range: person.organisation.range }));
  }
  for (const quote of series.quotes) {
    if (quote.by.id !== "") out.push(field("person", "by", quote.by));
    out.push(...referencesInMarkdown(quote.text, undefined));
  }
  for (const session of series.sessions) {
    for (const ref of session.attendees) out.push(field("person", "attendees", ref));
    for (const ref of session.values) out.push(field("value", "values", ref));
    for (const finding of session.findings) for (const ref of finding.values) out.push(field("value", "values", ref));
    out.push(...referencesInMarkdown(session.body, undefined));
  }
  for (const study of series.caseStudies) {
    for (const org of study.organisations) if (org.isPartnerRef) out.push(field("partner", "organisations", { id: org.text, range: org.range }));
    for (const ref of study.values) out.push(field("value", "values", ref));
    if (study.contact) out.push(field("person", "contact", study.contact));
    for (const ref of study.sessions) out.push(field("session", "sessions", ref));
    out.push(...referencesInMarkdown(study.body, undefined));
  }
  for (const paper of series.papers) {
    for (const ref of paper.authors) out.push(field("person", "authors", ref, paper));
    if (paper.release) {
      // A release's quotes are shown with the paper, so they count as its uses (never unused, published with it).
      for (const ref of paper.release.quotes) out.push({ ...field("quote", "quotes", ref, paper), weight: "use" });
      for (const ref of paper.release.contacts) out.push(field("person", "contacts", ref, paper));
      if (paper.release.standfirst) out.push(...referencesInMarkdown(paper.release.standfirst, paper));
    }
    out.push(...referencesInMarkdown(paper.body, paper));
  }
  return out;
}
