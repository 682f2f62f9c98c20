import type { Element, ElementContent, Root } from "hast";
import { h } from "hastscript";
import type { Paper } from "../model/index.js";
import { ABOUT_PARTNERS_TITLE, placeAboutPartners } from "./about-partners-placement.js";
import { aboutPartners } from "./blocks.js";
import { logoLinks, serialise } from "./layout.js";
import { inlineImages, PrintLinker, type AssetStore } from "./linker.js";
import { withoutNoteBackLinks } from "./footnotes.js";
import { withAbbreviations } from "./abbreviations.js";
import { renderMarkdown, type BodyContext } from "./markdown.js";
import { headingShift, paperContents } from "./pages/paper.js";
import { paperPage, paperPdf, releasePage, releasePdf, SERIES_PDF } from "./paths.js";
import { hasRelease, releaseArticle, releaseDate, type PaperWithRelease } from "./release.js";
import { coverAuthors } from "./print-cover.js";
import { numberLinks } from "./print-links.js";
import { addPageReferences, crossTargets } from "./print-page-refs.js";
import { markSources } from "./print-sources.js";
import { sanitizeNodes } from "./sanitize.js";
import { typeset } from "./typography.js";
import type { SiteModel } from "./site-model.js";
import type { SlotValue, Templates } from "./template.js";
import { fontFaces, themeVariables } from "./theme.js";
import { formatDate, listText } from "./text.js";

/** A standalone HTML document for the PDF printer (loaded with setContent, so images are inline). */
export interface PrintDocument {
  /** The PDF path relative to outDir, e.g. "pdf/1-shared-values.pdf". */
  readonly path: string;
  readonly html: string;
  /** The paper printed; absent for the combined series document. */
  readonly paper?: Paper;
  readonly title: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  /** The date the PDF's metadata carries (YYYY-MM-DD): the paper's own, or the newest of the series' papers. */
  readonly date: string;
  /** Places in other PDFs whose pages it prints ("pdf/2-outcomes.pdf#next-steps"). */
  readonly crossTargets: readonly string[];
  /** Printed for an internal build (`--drafts`): it may hold what the public one does not, and says so on every page. */
  readonly internal: boolean;
  /** The running header, when not the series and the paper's title (a press release's). */
  readonly runningHeader?: string;
  /** The papers of the whole-series document: the id of each one's article, and the running header of its pages. */
  readonly parts?: readonly { readonly id: string; readonly runningHeader: string }[];
}

/** The id of the about section's heading in templates/print.html. */
const ABOUT_ID = "_about-heading";

interface Part {
  readonly paper: Paper;
  readonly prefix: string;
  readonly startId: string;
}

/** The print documents to render, each as a function that renders it (so a caller can render them one at a time). */
export interface PrintPlan {
  /** One per paper built, in the papers' order, then the whole series (its final papers) when `combined`. */
  readonly documents: readonly (() => PrintDocument)[];
  /** Whether the last of `documents` is the whole series (`build.pdf.combined`). */
  readonly combined: boolean;
  /** The PDF path of each of `documents`, known before any is rendered. */
  readonly paths: readonly string[];
}

/**
 * One document per paper built, then one per press release of those papers, and the whole
 * series (final papers) last when `build.pdf.combined`.
 */
export function printPlan(site: SiteModel, templates: Templates, assets: AssetStore): PrintPlan {
  const documents = site.papers.map((paper) => () => printDocument(site, templates, assets, [{ paper, prefix: "", startId: "_paper" }], false));
  const releases = site.papers.filter(hasRelease);
  for (const paper of releases) documents.push(() => releaseDocument(site, templates, assets, paper));
  const finals = site.papers.filter((p) => p.status === "final");
  const combined = site.series.config.build.pdf.combined && site.options.paperNumbers === undefined && finals.length > 0;
  if (combined) {
    documents.push(() => printDocument(site, templates, assets, finals.map((paper) => ({ paper, prefix: `p${paper.number}-`, startId: `p${paper.number}` })), true));
  }
  const paths = [...site.papers.map(paperPdf), ...releases.map(releasePdf), ...(combined ? [SERIES_PDF] : [])];
  return { documents, combined, paths };
}

function printDocument(site: SiteModel, templates: Templates, assets: AssetStore, parts: readonly Part[], combined: boolean): PrintDocument {
  const { series } = site;
  const info = series.config.series;
  const printed = new Map(parts.map((p) => [paperPage(p.paper), { prefix: p.prefix, startId: p.startId }]));
  const linker = new PrintLinker(printed, series.config.build.baseUrl, assets);
  const toc: Element[] = [];
  const main: ElementContent[] = [];
  const wholePapers = new Set(parts.map((p) => p.startId));
  for (const part of parts) {
    const page = paperPage(part.paper);
    const shift = headingShift(site, part.paper);
    const aboutMode = combined ? "none" : "first";
    const ctx: BodyContext = { site, linker, page, headingShift: shift, paperHeadings: true, footnotePrefix: part.prefix, level: 1, aboutPartners: aboutMode, inPrint: true };
    const body = withAbbreviations(withoutNoteBackLinks(renderMarkdown(part.paper.body, ctx)), site, part.paper, part.prefix);
    markSources(body, part.paper.body.range.file);
    addPageReferences(body, wholePapers);
    const links = numberLinks(body, part.prefix);
    if (links !== undefined) body.push(links);
    if (combined) {
      toc.push(tocEntry(part.startId, `Paper ${part.paper.number}: ${part.paper.title}`, 1));
      const authors = coverAuthors(site, part.paper);
      main.push(h("article", { className: ["paper"], id: part.startId }, [
        h("h1", { className: ["paper-title"] }, `Paper ${part.paper.number}: ${part.paper.title}`),
        ...(part.paper.subtitle ? [h("p", { className: ["paper-subtitle"] }, part.paper.subtitle)] : []),
        // Who wrote it and when, as its own PDF's cover says.
        ...(authors.length > 0 ? [h("ul", { className: ["cover-authors", "paper-authors"], ariaLabel: "Authors" }, authors)] : []),
        ...(part.paper.date ? [h("p", { className: ["paper-date"] }, [h("time", { dateTime: part.paper.date }, formatDate(part.paper.date))])] : []),
        ...body,
      ]));
    } else {
      main.push(h("div", { className: ["paper-body"], id: part.startId }, body));
    }
    for (const heading of paperContents(site, part.paper, aboutMode)) {
      const level = heading.depth + shift;
      if (level === 2 || (level === 3 && !combined)) toc.push(tocEntry(part.prefix + heading.id, heading.text, level));
    }
  }
  // The partners close the document unless the paper shows them where its writer put them.
  const aboutPage = combined || placeAboutPartners(parts[0]!.paper.body.tree, "first").shown.size === 0;
  if (aboutPage) toc.push(tocEntry(ABOUT_ID, ABOUT_PARTNERS_TITLE, combined ? 1 : 2));
  const first = parts[0]!.paper;
  const aboutCtx: BodyContext = { site, linker, page: "", headingShift: 0, paperHeadings: false, footnotePrefix: "about-fn-", level: combined ? 1 : 2 };
  const partnerNames = site.partners.map((p) => p.name);
  const latest = parts.map((p) => p.paper.date).sort().at(-1) ?? first.date;
  const title = combined ? info.title : `Paper ${first.number}: ${first.title}`;
  const subject = combined ? info.subtitle ?? info.title : first.summary ?? first.subtitle ?? info.title;
  const keywords = unique([
    info.title, ...partnerNames,
    ...site.values.filter((v) => parts.some((p) => site.index.citedBy.get(v.id)?.has(p.paper))).map((v) => v.title),
  ]);
  const tree = templates.fill("print.html", {
    ...headSlots(site, templates, assets, { title, subject, keywords }),
    cover: combined ? (el) => { el.properties["className"] = ["cover", "cover-series-doc"]; } : true,
    logos: logoLinks(site.partners, linker, "cover-logo"),
    series: combined ? listText(partnerNames) : info.title,
    number: combined ? papersLabel(parts.map((p) => p.paper.number)) : `Paper ${first.number}`,
    "cover-title": combined ? (el) => { el.tagName = "p"; el.children = [{ type: "text", value: info.title }]; } : first.title,
    subtitle: combined ? info.subtitle : first.subtitle,
    summary: combined ? undefined : first.summary,
    authors: combined ? undefined : nonEmpty(coverAuthors(site, first)),
    date: [h("time", { dateTime: latest }, formatDate(latest))],
    // An internal build's PDFs can differ from the public ones (drafts listed, uncleared case
    // studies shown) even when their paper is final: each says on its cover what it is.
    draft: !combined && first.status === "draft" ? true
      : site.internal ? (el) => { el.children = [{ type: "text", value: "Internal build: not for publication" }]; } : undefined,
    toc: toc.length > 0 ? true : undefined,
    "toc-list": toc,
    main,
    about: aboutPage ? true : undefined,
    "about-title": combined ? (el) => { el.tagName = "h1"; } : true,
    partners: aboutPage ? [aboutPartners(aboutCtx)] : undefined,
    copyright: info.copyright,
  });
  finishPrintTree(tree, assets);
  return {
    path: combined ? SERIES_PDF : paperPdf(first),
    html: serialise(tree),
    ...(combined ? {} : { paper: first }),
    title,
    subject,
    keywords,
    date: latest,
    crossTargets: crossTargets(tree),
    internal: site.internal,
    ...(combined ? { parts: parts.map((part) => ({ id: part.startId, runningHeader: `${info.title} — ${part.paper.title}` })) } : {}),
  };
}

/**
 * A press release as a print document: the partners' logos, then the release (see
 * releaseArticle) on one or two A4 pages, with no cover and no contents.
 */
function releaseDocument(site: SiteModel, templates: Templates, assets: AssetStore, paper: PaperWithRelease): PrintDocument {
  const { series } = site;
  const info = series.config.series;
  const page = releasePage(paper);
  const linker = new PrintLinker(new Map([[page, { prefix: "", startId: "release-headline" }]]), series.config.build.baseUrl, assets);
  const ctx: BodyContext = { site, linker, page, headingShift: 0, paperHeadings: false, footnotePrefix: "release-fn-", level: 1, inPrint: true };
  const article = releaseArticle(ctx, paper, (id) => id);
  const partnerNames = site.partners.map((p) => p.name);
  const title = paper.release.headline;
  const subject = `Press release: Paper ${paper.number}: ${paper.title}`;
  const keywords = unique([info.title, ...partnerNames, "press release"]);
  const date = releaseDate(paper);
  const tree = templates.fill("release-print.html", {
    ...headSlots(site, templates, assets, { title, subject, keywords }),
    logos: logoLinks(site.partners, linker, "release-logo"),
    main: [article],
    copyright: info.copyright,
  });
  finishPrintTree(tree, assets);
  return {
    path: releasePdf(paper), html: serialise(tree), paper, title, subject, keywords, date,
    crossTargets: [], runningHeader: `${info.title} — Press release`,
    // A final paper's release goes out before its embargo lifts, from an internal build: its
    // embargo line is its marking. A draft's release is marked as the draft's PDFs are.
    internal: site.internal && paper.status === "draft",
  };
}

/**
 * The head of a print document (templates/print.html and release-print.html share it): language,
 * title, the PDF's metadata and the whole style, fonts embedded.
 */
function headSlots(site: SiteModel, templates: Templates, assets: AssetStore, meta: { readonly title: string; readonly subject: string; readonly keywords: readonly string[] }): Record<string, SlotValue> {
  const { series } = site;
  return {
    html: (el) => { el.properties["lang"] = series.config.series.language; },
    title: meta.title,
    author: (el) => { el.properties["content"] = listText(site.partners.map((p) => p.name)); },
    description: (el) => { el.properties["content"] = meta.subject; },
    keywords: (el) => { el.properties["content"] = meta.keywords.join(", "); },
    style: [{ type: "text", value: `${fontFaces(series, (file) => assets.dataUri(file))}${themeVariables(series)}${templates.text("content.css")}${templates.text("print.css")}` }],
  };
}

/** A filled print document made safe and self-contained: body sanitized, images inline, text typeset. */
function finishPrintTree(tree: Root, assets: AssetStore): void {
  const html = tree.children.find((n): n is Element => n.type === "element" && n.tagName === "html");
  const body = html?.children.find((n): n is Element => n.type === "element" && n.tagName === "body");
  if (body) {
    body.children = sanitizeNodes(body.children);
    inlineImages(body, assets);
  }
  if (html) typeset(html);
}

function tocEntry(id: string, text: string, level: number): Element {
  return h("li", { className: [`toc-level-${level}`] }, [
    h("a", { className: ["toc-entry"], href: `#${id}`, dataLevel: String(level) }, [
      { type: "text", value: text },
      h("span", { className: ["toc-page"], dataTarget: id }),
    ]),
  ]);
}

/** "Papers 1–4" for a run of three or more numbers, else "Papers 1 and 2" or "Papers 1, 2 and 4". */
function papersLabel(numbers: readonly number[]): string {
  if (numbers.length === 1) return `Paper ${numbers[0]}`;
  const run = numbers.length > 2 && numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1);
  return run ? `Papers ${numbers[0]}–${numbers.at(-1)}` : `Papers ${listText(numbers.map(String))}`;
}

function nonEmpty<T>(items: readonly T[]): readonly T[] | undefined {
  return items.length > 0 ? items : undefined;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
