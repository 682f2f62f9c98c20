import { posix } from "node:path";
import { slug } from "github-slugger";
import type { CaseStudy, CharterValue, Finding, Paper, Session } from "../model/index.js";

/** Where each kind of page lives in the output, relative to outDir with `/` separators. */
export const HOME_PAGE = "index.html";
export const CHARTER_PAGE = "charter.html";
export const ACCESSIBILITY_PAGE = "accessibility.html";
export const CASE_INDEX_PAGE = "case-studies/index.html";
export const REPORT_PAGE = "report.html";
export const REPORT_JSON = "report.json";
export const STYLESHEET = "assets/papersmith.css";
export const SCRIPT = "assets/papersmith.js";

/** Ids papersmith itself uses on every page; slugs are lowercase, so these cannot collide. */
export const MAIN_ID = "_main";

/** A page and an optional fragment on it. */
export interface LinkTarget {
  readonly page: string;
  readonly fragment?: string;
}

/** The paper's slug: github-slugger over its title ("paper" when the title has no letters). */
export function paperSlug(paper: Paper): string {
  return slug(paper.title) || "paper";
}

export function paperPage(paper: Paper): string {
  return `papers/${paper.number}-${paperSlug(paper)}.html`;
}

export function paperPdf(paper: Paper): string {
  return `pdf/${paper.number}-${paperSlug(paper)}.pdf`;
}

export const SERIES_PDF = "pdf/series.pdf";

export function casePage(caseStudy: CaseStudy): string {
  return `case-studies/${caseStudy.id}.html`;
}

export function sessionPage(session: Session): string {
  return `sessions/${session.id}.html`;
}

export function valueFragment(value: CharterValue): string {
  return `value-${value.id}`;
}

export function findingFragment(finding: Finding): string {
  return `finding-${finding.id}`;
}

export function sectorFragment(sector: string): string {
  return `sector-${sector}`;
}

/** The href of `target` from the page `from`, both relative to outDir: works from disk and under any base. */
export function relativeHref(from: string, target: LinkTarget): string {
  const fragment = target.fragment === undefined ? "" : `#${encodeURIComponent(target.fragment)}`;
  if (target.page === from) return fragment === "" ? posix.basename(from) : fragment;
  const rel = posix.relative(posix.dirname(from), target.page);
  return encodeURI(rel) + fragment;
}

/** Where a project file (relative to the root) is copied in the output. */
export function assetPath(projectPath: string): string {
  const inner = projectPath.startsWith("assets/") ? projectPath.slice("assets/".length) : projectPath;
  const out = `assets/${inner}`;
  return out === STYLESHEET || out === SCRIPT ? `assets/files/${inner}` : out;
}
