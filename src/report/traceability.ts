import type { Paper, Series, SeriesIndex } from "../model/index.js";
import type { Publication } from "../resolve/publication.js";

export interface ValueTrace {
  readonly id: string;
  readonly title: string;
  /** Case studies that list the value in `values`. */
  readonly caseStudies: readonly string[];
  /** Papers (by number) that cite it with `:value`. */
  readonly citedByPapers: readonly number[];
  /** Sessions that discussed it (`values` in front matter or on a finding). */
  readonly sessions: readonly string[];
  readonly covered: boolean;
}

export interface EntityUse {
  readonly id: string;
  readonly usedByPapers: readonly number[];
}

/** The traceability data of `report.json` and `papersmith report`: values × case studies × papers × sessions. */
export interface Traceability {
  readonly values: readonly ValueTrace[];
  readonly caseStudies: readonly (EntityUse & { readonly status: string; readonly values: readonly string[] })[];
  readonly sessions: readonly (EntityUse & { readonly findings: readonly EntityUse[] })[];
  readonly quotes: readonly EntityUse[];
  readonly papers: readonly {
    readonly number: number; readonly title: string; readonly status: string; readonly findings: readonly string[];
    /** The bibliography entries the paper cites with `:cite`, in order of first citation. */
    readonly references: readonly string[];
    /** How many citation keys the paper writes (`:cite[a, b]` is two). */
    readonly citations: number;
  }[];
  readonly uncoveredValues: readonly string[];
  readonly unused: readonly string[];
}

const byNumber = (a: number, b: number): number => a - b;

/** The entries a paper cites (in order of first citation) and how many citation keys it writes that resolve. */
function citationsOf(index: SeriesIndex, paper: Paper): { references: string[]; citations: number } {
  const keys = index.references
    .filter((r) => r.reference.inPaper === paper && r.reference.via === "cite" && r.resolution.status === "ok")
    .map((r) => r.reference.id);
  return { references: keys.filter((v, i, all) => all.indexOf(v) === i), citations: keys.length };
}

/**
 * Computes the traceability data from the resolved project. Deterministic order throughout.
 * With a publication (a build's report), it covers only what that build publishes: its papers,
 * and the case studies, sessions, findings and quotes it shows, and an entry of references.yaml
 * is unused when none of its papers cites it; without one (`papersmith report`), everything.
 */
export function traceability(series: Series, index: SeriesIndex, publication?: Publication): Traceability {
  const inScope = (paper: Paper): boolean => publication === undefined || publication.isPaperBuilt(paper);
  const papersIn = (set: ReadonlySet<Paper> | undefined): number[] => [...(set ?? [])].filter(inScope).map((p) => p.number).sort(byNumber);
  const papersOf = (key: string): number[] => papersIn(index.usedBy.get(key));
  const shownCases = series.caseStudies.filter((s) => publication?.isCasePublic(s) ?? true);
  const shownSessions = series.sessions.filter((s) => publication?.isSessionPublic(s) ?? true);
  const values: ValueTrace[] = (series.charter?.values ?? []).map((value) => {
    const caseStudies = shownCases.filter((s) => s.values.some((v) => v.id === value.id)).map((s) => s.id);
    const citedByPapers = papersIn(index.citedBy.get(value.id));
    const sessions = shownSessions.filter((s) => s.values.some((v) => v.id === value.id) || s.findings.some((f) => f.values.some((v) => v.id === value.id))).map((s) => s.id);
    return { id: value.id, title: value.title, caseStudies, citedByPapers, sessions, covered: caseStudies.length > 0 || citedByPapers.length > 0 };
  });
  const caseStudies = shownCases.map((s) => ({ id: s.id, status: s.status, values: s.values.map((v) => v.id), usedByPapers: papersOf(`case:${s.id}`) }));
  const sessions = shownSessions.map((s) => ({
    id: s.id,
    usedByPapers: papersOf(`session:${s.id}`),
    findings: s.findings.filter((f) => publication?.isFindingPublic(f) ?? true)
      .map((f) => ({ id: f.id, usedByPapers: papersOf(`finding:${s.id}#${f.id}`) })),
  }));
  const quotes = series.quotes.filter((q) => publication?.isQuotePublic(q) ?? true).map((q) => ({ id: q.id, usedByPapers: papersOf(`quote:${q.id}`) }));
  const papers = [...series.papers].filter(inScope).sort((a, b) => a.number - b.number).map((paper) => ({
    number: paper.number,
    title: paper.title,
    status: paper.status,
    findings: index.references
      .filter((r) => r.reference.inPaper === paper && r.reference.kind === "finding" && r.resolution.status === "ok")
      .map((r) => `${r.reference.id}#${r.reference.anchor ?? ""}`)
      .filter((v, i, all) => all.indexOf(v) === i),
    ...citationsOf(index, paper),
  }));
  const cited = new Set(papers.flatMap((p) => p.references));
  const unused = [
    ...caseStudies.filter((c) => c.usedByPapers.length === 0).map((c) => `case:${c.id}`),
    ...quotes.filter((q) => q.usedByPapers.length === 0).map((q) => `quote:${q.id}`),
    ...sessions.filter((s) => s.usedByPapers.length === 0).map((s) => `session:${s.id}`),
    ...sessions.flatMap((s) => s.findings.filter((f) => f.usedByPapers.length === 0).map((f) => `finding:${s.id}#${f.id}`)),
    ...series.bibliography.filter((entry) => !cited.has(entry.id)).map((entry) => `reference:${entry.id}`)
      .filter((v, i, all) => all.indexOf(v) === i),
  ];
  return { values, caseStudies, sessions, quotes, papers, uncoveredValues: values.filter((v) => !v.covered).map((v) => v.id), unused };
}
