import type { Heading, Nodes } from "mdast";
import type { ContainerDirective } from "mdast-util-directive";
import type {
  Entity, EntityKind, FigureOrTable, Finding, HeadingAnchor, Paper, Reference, Resolution, ResolvedReference, Series, SeriesIndex,
} from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { collectEntities, collectFindings, papersByNumber } from "./collect-entities.js";
import { collectReferences } from "./collect-references.js";
import { collectLinks } from "./collect-links.js";
import { headingAnchors } from "./heading-anchors.js";
import { generatedText, personWithRole } from "./link-text.js";
import { figuresAndTables } from "./figures-and-tables.js";

/** Whether a reference is `:figure[id]` or `:table[id]`: a place in the paper it is written in. */
function namesOwnFigure(ref: Reference): boolean {
  return ref.via === "figure" || ref.via === "table";
}
import { abbreviationUses } from "./abbreviation-uses.js";

const LOOKUP_KINDS: readonly EntityKind[] = ["value", "case", "session", "person", "quote", "partner", "glossary"];

/**
 * Resolves every reference of the project against one index of landmarks (see docs/reference.md#references), in the
 * two phases of remark-validate-links: collect every target and reference, then check each
 * reference against the merged index. The result is what validate, render and print read.
 */
export function resolveSeries(series: Series): { index: SeriesIndex; problems: Problem[] } {
  const byKind = collectEntities(series);
  const findings = collectFindings(series);
  const byNumber = papersByNumber(series.papers);
  const references = collectReferences(series);
  const partnerName = (org: { readonly text: string; readonly isPartnerRef: boolean }): string =>
    (org.isPartnerRef ? series.config.partners.find((partner) => partner.id === org.text)?.name : undefined) ?? org.text;

  const figures = new Map<Paper, FigureOrTable[]>();
  const figureByNode = new Map<ContainerDirective, FigureOrTable>();
  for (const paper of series.papers) {
    const found = figuresAndTables(paper);
    figures.set(paper, found);
    for (const figure of found) figureByNode.set(figure.node, figure);
  }
  const ownFigure = (ref: Reference): FigureOrTable | undefined =>
    ref.inPaper ? figures.get(ref.inPaper)?.find((f) => f.label === ref.via && f.id === ref.anchor) : undefined;

  const resolveBase = (ref: Reference): Resolution => {
    if (namesOwnFigure(ref) && ref.inPaper) return { status: "ok", target: ref.inPaper };
    if (ref.kind === "paper") {
      const paper = /^[1-9]\d*$/.test(ref.id) ? byNumber.get(Number(ref.id))?.[0] : undefined;
      return paper ? { status: "ok", target: paper } : { status: "missing" };
    }
    const lookupKind = ref.kind === "finding" ? "session" : ref.kind;
    const target = byKind.get(lookupKind)?.get(ref.id)?.[0];
    if (target) return { status: "ok", target };
    // A citation key names a bibliography entry or nothing: an id of another kind is no hint.
    const actual = lookupKind === "bibliography" ? [] : LOOKUP_KINDS.filter((kind) => kind !== lookupKind && byKind.get(kind)?.has(ref.id));
    if (actual.length > 0) return { status: "wrong-kind", actual };
    const suggestion = didYouMean(ref.id, byKind.get(lookupKind)?.keys() ?? []);
    return suggestion === undefined ? { status: "missing" } : { status: "missing", suggestion };
  };

  // Headings may contain references; their slugs count each reference as its generated text.
  const referenceOf = new Map<Nodes, Reference>();
  for (const ref of references) if (ref.node) referenceOf.set(ref.node, ref);
  const baseText = (node: Nodes): string | undefined => {
    const ref = referenceOf.get(node);
    // A citation's text comes from the CSL processor at render time: a heading's slug takes its keys.
    if (!ref || ref.via === "cite") return undefined;
    if (namesOwnFigure(ref)) return ref.text ?? ownFigure(ref)?.text;
    const resolution = resolveBase(ref);
    return ref.text ?? (resolution.status === "ok" ? generatedText(resolution.target) : undefined);
  };
  const headings = new Map<Paper, HeadingAnchor[]>();
  const headingIds = new Map<Heading, string>();
  for (const paper of series.papers) {
    const anchors = headingAnchors(paper, baseText);
    headings.set(paper, anchors);
    for (const anchor of anchors) headingIds.set(anchor.node, anchor.id);
  }

  const resolveAnchor = (ref: Reference, base: Resolution): Resolution => {
    if (base.status !== "ok") return base;
    if (ref.kind === "finding") {
      const finding: Finding | undefined = ref.anchor === undefined ? undefined : findings.get(ref.id)?.get(ref.anchor)?.[0];
      if (finding) return { status: "ok", target: base.target, anchor: finding };
      const suggestion = ref.anchor === undefined ? undefined : didYouMean(ref.anchor, findings.get(ref.id)?.keys() ?? []);
      return suggestion === undefined ? { status: "anchor-missing", target: base.target } : { status: "anchor-missing", target: base.target, suggestion };
    }
    if (namesOwnFigure(ref)) {
      const figure = ownFigure(ref);
      if (figure) return { status: "ok", target: base.target, anchor: figure };
      const ids = (figures.get(base.target as Paper) ?? []).filter((f) => f.label === ref.via).flatMap((f) => (f.id === undefined ? [] : [f.id]));
      const suggestion = didYouMean(ref.anchor ?? "", ids);
      return suggestion === undefined ? { status: "missing" } : { status: "missing", suggestion };
    }
    if (ref.kind === "paper" && ref.anchor !== undefined) {
      const anchors = [...(headings.get(base.target as Paper) ?? []), ...(figures.get(base.target as Paper) ?? [])];
      const anchor = anchors.find((a) => a.id === ref.anchor);
      if (anchor) return { status: "ok", target: base.target, anchor };
      const suggestion = didYouMean(ref.anchor, anchors.flatMap((a) => (a.id === undefined ? [] : [a.id])));
      return suggestion === undefined ? { status: "anchor-missing", target: base.target } : { status: "anchor-missing", target: base.target, suggestion };
    }
    return base;
  };

  const resolved: ResolvedReference[] = references.map((reference) => {
    const resolution = resolveAnchor(reference, resolveBase(reference));
    const written = namesOwnFigure(reference) ? reference.anchor ?? "" : reference.anchor === undefined ? reference.id : `${reference.id}#${reference.anchor}`;
    const ownText = namesOwnFigure(reference) && resolution.status === "ok" && resolution.anchor && "text" in resolution.anchor ? resolution.anchor.text : undefined;
    const text = reference.text ?? ownText ?? (resolution.status !== "ok" ? written
      : reference.withRole === true && resolution.target.kind === "person" ? personWithRole(resolution.target, partnerName)
        : generatedText(resolution.target, resolution.anchor));
    return { reference, resolution, text };
  });

  const referenceByNode = new Map<Nodes, ResolvedReference>();
  const usedBy = new Map<string, Set<Paper>>();
  const citedBy = new Map<string, Set<Paper>>();
  const mark = (map: Map<string, Set<Paper>>, key: string, paper: Paper): void => {
    const set = map.get(key) ?? new Set<Paper>();
    set.add(paper);
    map.set(key, set);
  };
  for (const entry of resolved) {
    const { reference, resolution } = entry;
    if (reference.node) referenceByNode.set(reference.node, entry);
    const paper = reference.inPaper;
    if (!paper || resolution.status !== "ok") continue;
    if (reference.weight === "cite") mark(citedBy, reference.id, paper);
    if (reference.weight !== "use") continue;
    if (reference.kind === "finding") {
      mark(usedBy, `session:${reference.id}`, paper);
      mark(usedBy, `finding:${reference.id}#${reference.anchor ?? ""}`, paper);
    } else {
      mark(usedBy, `${reference.kind}:${reference.id}`, paper);
    }
  }

  const abbreviations = abbreviationUses(series.papers, referenceByNode);
  const index: SeriesIndex = {
    byKind: byKind as ReadonlyMap<EntityKind, ReadonlyMap<string, readonly Entity[]>>,
    findings,
    papersByNumber: byNumber,
    headings,
    figures,
    figureByNode,
    headingIds,
    references: resolved,
    referenceByNode,
    links: collectLinks(series),
    usedBy,
    citedBy,
    abbreviationFirstUses: abbreviations.firstUses,
    abbreviationsByPaper: abbreviations.byPaper,
  };
  return { index, problems: [] };
}
