import type { CaseStudy, Entity, Finding, Paper, Quote, Series, SeriesIndex, Session } from "../model/index.js";

/** What decides what a build publishes. */
export interface PublicationOptions {
  /** `--drafts`: an internal build, which publishes everything (drafts, embargoed papers, unapproved case studies). */
  readonly internal: boolean;
  /** The moment embargoes are judged against (`--now`, else SOURCE_DATE_EPOCH, else the clock). */
  readonly now: Date;
  /** `--paper N`: only these papers are built (all when absent). */
  readonly paperNumbers?: readonly number[];
}

/**
 * What one build publishes: the one answer every renderer, the report and the build summary
 * read, so that no page, PDF or data file can show what another leaves out.
 *
 * A public build publishes its final papers that are out of embargo; the case studies that are
 * approved with consent obtained; the sessions those papers use, and of each session only the
 * findings those papers cite (session notes are working notes between leaders: the rest of
 * them stays internal); the quotes those papers show; the charter and the partners. An internal
 * build (`--drafts`) publishes everything, and every page says so.
 */
export interface Publication {
  readonly internal: boolean;
  /** The papers this build writes, by number (then file). */
  readonly papers: readonly Paper[];
  /** Final papers left out because their embargo has not ended, by number (public builds only). */
  readonly embargoed: readonly Paper[];
  /** Whether a paper's embargo has not ended at the build's moment (an internal build marks it so). */
  isHeld(paper: Paper): boolean;
  /** A paper whose title may appear: published by this build, or by the same build of every paper. */
  isPaperPublic(paper: Paper): boolean;
  isPaperBuilt(paper: Paper): boolean;
  isCasePublic(caseStudy: CaseStudy): boolean;
  isSessionPublic(session: Session): boolean;
  isFindingPublic(finding: Finding): boolean;
  isQuotePublic(quote: Quote): boolean;
  /** Whether an entity may be named (its title, id or summary shown) in this build's output. */
  isPublic(entity: Entity): boolean;
}

/** True when a final paper's embargo has not ended at `now`. */
export function isUnderEmbargo(paper: Paper, now: Date): boolean {
  return paper.embargo !== undefined && now.getTime() < Date.parse(paper.embargo);
}

/** A case study cleared for publication: approved, with consent obtained. */
export function isCaseCleared(caseStudy: CaseStudy): boolean {
  return caseStudy.status === "approved" && caseStudy.consent?.obtained === true;
}

/** Decides what a build publishes (see Publication). */
export function publicationOf(series: Series, index: SeriesIndex, options: PublicationOptions): Publication {
  const internal = options.internal;
  const numbers = options.paperNumbers === undefined ? undefined : new Set(options.paperNumbers);
  const byNumber = (a: Paper, b: Paper): number => a.number - b.number || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  const embargoed = internal ? [] : series.papers.filter((p) => p.status === "final" && isUnderEmbargo(p, options.now)).sort(byNumber);
  const held = new Set(embargoed);
  const publicPapers = new Set(series.papers.filter((p) => internal || (p.status === "final" && !held.has(p))));
  const papers = [...publicPapers].filter((p) => numbers === undefined || numbers.has(p.number)).sort(byNumber);
  const built = new Set(papers);
  const usedByBuilt = (key: string): boolean => [...(index.usedBy.get(key) ?? [])].some((p) => built.has(p));
  const isPaperPublic = (paper: Paper): boolean => publicPapers.has(paper);
  const isCasePublic = (caseStudy: CaseStudy): boolean => internal || isCaseCleared(caseStudy);
  const isSessionPublic = (session: Session): boolean => internal || usedByBuilt(`session:${session.id}`);
  const isFindingPublic = (finding: Finding): boolean => internal || usedByBuilt(`finding:${finding.sessionId}#${finding.id}`);
  const isQuotePublic = (quote: Quote): boolean => internal || usedByBuilt(`quote:${quote.id}`);
  return {
    internal,
    papers,
    embargoed,
    isHeld: (paper) => paper.status === "final" && isUnderEmbargo(paper, options.now),
    isPaperPublic,
    isPaperBuilt: (paper) => built.has(paper),
    isCasePublic,
    isSessionPublic,
    isFindingPublic,
    isQuotePublic,
    isPublic(entity) {
      switch (entity.kind) {
        case "paper": return isPaperPublic(entity);
        case "case": return isCasePublic(entity);
        case "session": return isSessionPublic(entity);
        case "finding": return isFindingPublic(entity);
        case "value":
        case "quote": // a quote shows only where a writer embeds it: in published text, it is published
        case "person":
        case "partner":
        case "glossary":
        case "bibliography":
          return true;
      }
    },
  };
}
