import { createHash } from "node:crypto";
import { posix } from "node:path";
import { slug } from "github-slugger";
import { CASE_STUDY_LIST_NAME, type CaseStudy, type CharterValue, type Finding, type Paper, type Session } from "../model/index.js";

/** Where each kind of page lives in the output, relative to outDir with `/` separators. */
export const HOME_PAGE = "index.html";
export const CHARTER_PAGE = "charter.html";
export const ACCESSIBILITY_PAGE = "accessibility.html";
export const CASE_INDEX_PAGE = `case-studies/${CASE_STUDY_LIST_NAME}.html`;
export const REPORT_PAGE = "report.html";
export const REPORT_JSON = "report.json";
export const STYLESHEET = "assets/papersmith.css";
export const SCRIPT = "assets/papersmith.js";
/** The site search: papersmith's start-up script, and the folder of the index and Pagefind's UI. */
export const SEARCH_SCRIPT = "assets/search.js";
export const SEARCH_DIR = "pagefind";
export const SEARCH_UI_SCRIPT = `${SEARCH_DIR}/pagefind-ui.js`;
export const SEARCH_UI_STYLESHEET = `${SEARCH_DIR}/pagefind-ui.css`;

/** Ids papersmith itself uses on every page; slugs are lowercase, so these cannot collide. */
export const MAIN_ID = "_main";

/** A page and an optional fragment on it. */
export interface LinkTarget {
  readonly page: string;
  readonly fragment?: string;
}

/**
 * The most UTF-8 bytes a slug or id takes in a file name. File systems refuse names over 255
 * bytes, and some tools whole paths over 260 characters; this leaves room for the paper number,
 * the extension and a deep output folder.
 */
export const MAX_NAME_BYTES = 80;

/** Hex digits of the full name's SHA-256 kept after a cut: distinct long names stay distinct. */
const HASH_DIGITS = 8;

/**
 * A slug or id as it goes into a file name: unchanged up to MAX_NAME_BYTES, else cut at a
 * character boundary and followed by `-` and the first hex digits of the SHA-256 of the whole,
 * so any title or id that checks also builds, under a name that is the same on every build.
 */
export function fileNamePart(name: string): string {
  if (Buffer.byteLength(name, "utf8") <= MAX_NAME_BYTES) return name;
  const hash = createHash("sha256").update(name, "utf8").digest("hex").slice(0, HASH_DIGITS);
  const room = MAX_NAME_BYTES - HASH_DIGITS - 1;
  let kept = "";
  let bytes = 0;
  for (const char of name) {
    const size = Buffer.byteLength(char, "utf8");
    if (bytes + size > room) break;
    kept += char;
    bytes += size;
  }
  return `${kept.replace(/-+$/, "")}-${hash}`;
}

/** The paper's slug: github-slugger over its title ("paper" when the title has no letters), capped for file names. */
export function paperSlug(paper: Paper): string {
  return fileNamePart(slug(paper.title) || "paper");
}

/** A file of the paper's, `<folder>/<n>-<slug>.<extension>`: every output of a paper is named so. */
function paperFile(folder: string, paper: Paper, extension: string): string {
  return `${folder}/${paper.number}-${paperSlug(paper)}.${extension}`;
}

export function paperPage(paper: Paper): string {
  return paperFile("papers", paper, "html");
}

export function paperPdf(paper: Paper): string {
  return paperFile("pdf", paper, "pdf");
}

/** The paper's Word document (`build --docx`), named as its PDF is. */
export function paperDocx(paper: Paper): string {
  return paperFile("docx", paper, "docx");
}

/** The paper's press release (`release:`), as a web page, a PDF and a Word document, all named as its PDF is. */
export function releasePage(paper: Paper): string {
  return paperFile("releases", paper, "html");
}

export function releasePdf(paper: Paper): string {
  return paperFile("releases", paper, "pdf");
}

export function releaseDocx(paper: Paper): string {
  return paperFile("releases", paper, "docx");
}

export const SERIES_PDF = "pdf/series.pdf";

/** A case study's page, named by its id (capped like a slug: ids have no length limit). */
export function casePage(caseStudy: CaseStudy): string {
  return `case-studies/${fileNamePart(caseStudy.id)}.html`;
}

/** A session's page, named by its id (capped like a slug). */
export function sessionPage(session: Session): string {
  return `sessions/${fileNamePart(session.id)}.html`;
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
  return out === STYLESHEET || out === SCRIPT || out === SEARCH_SCRIPT ? `assets/files/${inner}` : out;
}
