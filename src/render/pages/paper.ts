import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import type { HeadingAnchor, Paper } from "../../model/index.js";
import { ABOUT_PARTNERS_TITLE, placeAboutPartners, type AboutPartnersMode } from "../about-partners-placement.js";
import { linkOrText, text } from "../blocks.js";
import { hasNotes, notesHeadingId, NOTES_TITLE } from "../footnotes.js";
import { citesAnything, REFERENCES_TITLE, referencesHeadingId } from "../citations.js";
import { ABBREVIATIONS_TITLE, abbreviationsHeadingId, withAbbreviations } from "../abbreviations.js";
import type { Layout, RenderedFile } from "../layout.js";
import type { Linker } from "../linker.js";
import { renderMarkdown } from "../markdown.js";
import { paperPage, paperPdf, releasePage } from "../paths.js";
import type { SiteModel } from "../site-model.js";
import type { Templates } from "../template.js";
import { formatDate } from "../text.js";

/** How far a paper's headings move down so the title alone is h1 (only when the body uses `#`). */
export function headingShift(site: SiteModel, paper: Paper): number {
  const headings = site.index.headings.get(paper) ?? [];
  return headings.some((hd) => hd.depth === 1) ? 1 : 0;
}

/** A heading as the contents list it: its id in the paper, its text and its Markdown depth. */
export type ContentsHeading = Pick<HeadingAnchor, "id" | "text" | "depth">;

/**
 * The headings of a paper as printed or shown: those the writer wrote, less any left out with
 * their `::about-partners` block, and the headings papersmith adds ("About the partners" in
 * document order, "Abbreviations" and "Notes" last). Ids are those of the paper's own page; a print document
 * prefixes them as it prefixes every id of the paper.
 */
export function paperContents(site: SiteModel, paper: Paper, mode: AboutPartnersMode): ContentsHeading[] {
  const placement = placeAboutPartners(paper.body.tree, mode);
  const shift = headingShift(site, paper);
  const entries: { heading: ContentsHeading; offset: number }[] = [];
  for (const anchor of site.index.headings.get(paper) ?? []) {
    if (!placement.hidden.has(anchor.node)) entries.push({ heading: anchor, offset: anchor.node.position?.start.offset ?? 0 });
  }
  for (const shown of placement.shown.values()) {
    if (shown.headingId !== undefined) entries.push({ heading: { id: shown.headingId, text: ABOUT_PARTNERS_TITLE, depth: 2 - shift }, offset: shown.offset });
  }
  const headings = entries.sort((a, b) => a.offset - b.offset).map((e) => e.heading);
  if (citesAnything(site, paper)) headings.push({ id: referencesHeadingId(""), text: REFERENCES_TITLE, depth: 2 - shift });
  if ((site.index.abbreviationsByPaper.get(paper)?.length ?? 0) > 0) headings.push({ id: abbreviationsHeadingId(""), text: ABBREVIATIONS_TITLE, depth: 2 - shift });
  return hasNotes(paper.body.tree) ? [...headings, { id: notesHeadingId(""), text: NOTES_TITLE, depth: 2 - shift }] : headings;
}

/** The paper's h2 and h3 headings as a nested contents list, ids made by `id`. */
export function tocItems(headings: readonly ContentsHeading[], shift: number, href: (id: string) => string): Element[] {
  const items: Element[] = [];
  let current: Element | undefined;
  for (const heading of headings) {
    const level = heading.depth + shift;
    const link = h("a", { href: href(heading.id) }, heading.text);
    if (level === 2) {
      current = h("li", [link]);
      items.push(current);
    } else if (level === 3) {
      if (current === undefined) { items.push(h("li", [link])); continue; }
      let sub = current.children.find((c): c is Element => c.type === "element" && c.tagName === "ol");
      if (!sub) { sub = h("ol"); current.children.push(sub); }
      sub.children.push(h("li", [link]));
    }
  }
  return items;
}

/** Authors as "Name, Role" joined. */
export function authorNames(site: SiteModel, paper: Paper): string[] {
  return paper.authors.flatMap((ref) => {
    const person = site.person(ref.id);
    return person ? [site.textOf(person)] : [];
  });
}

export function renderPaperPage(site: SiteModel, layout: Layout, templates: Templates, paper: Paper): RenderedFile {
  const page = paperPage(paper);
  const linker = layout.linker(page);
  const shift = headingShift(site, paper);
  const ctx = layout.context(page, linker, shift, true);
  ctx.level = 1;
  const body = withAbbreviations(renderMarkdown(paper.body, ctx), site, paper, ctx.footnotePrefix);
  const toc = tocItems(paperContents(site, paper, "all"), shift, (id) => `#${id}`);
  const draft = paper.status === "draft";
  const authors = authorNames(site, paper);
  const meta: ElementContent[] = [
    h("div", [h("dt", "Published"), h("dd", [h("time", { dateTime: paper.date }, formatDate(paper.date))])]),
  ];
  // One author to a line: "Name, Role" pairs joined by commas would read as one list of names.
  if (authors.length > 0) meta.push(h("div", [h("dt", authors.length === 1 ? "Author" : "Authors"), h("dd", h("ul", { className: ["author-list"] }, authors.map((author) => h("li", author))))]));
  if (draft) meta.push(h("div", [h("dt", "Status"), h("dd", "Draft")]));
  const index = site.papers.indexOf(paper);
  const previous = index > 0 ? site.papers[index - 1] : undefined;
  const next = site.papers[index + 1];
  const main = templates.fragment("paper.html", {
    kicker: `Paper ${paper.number} · ${site.series.config.series.title}`,
    draft: draft ? true : undefined,
    title: paper.title,
    subtitle: paper.subtitle,
    meta,
    summary: paper.summary,
    pdf: site.pdfLinks ? [h("a", { href: linker.href({ page: paperPdf(paper) }), className: ["button"] }, `Download Paper ${paper.number} as PDF`)] : undefined,
    release: paper.release ? [h("a", { href: linker.href({ page: releasePage(paper) }) }, `Press release: ${paper.release.headline}`)] : undefined,
    toc: toc.length > 0 ? true : undefined,
    "toc-list": toc,
    body,
    pager: previous || next ? [pager(site, linker, previous, next)] : undefined,
  });
  return layout.render({
    path: page,
    title: `${draft ? "DRAFT: " : ""}Paper ${paper.number}: ${paper.title}`,
    ...(paper.summary === undefined ? {} : { description: paper.summary }),
    section: "papers",
    main,
  });
}

function pager(site: SiteModel, linker: Linker, previous: Paper | undefined, next: Paper | undefined): Element {
  const item = (paper: Paper, rel: string, label: string): Element =>
    h("li", { className: [rel] }, [
      linkOrText(linker.href({ page: paperPage(paper) }), [h("span", { className: ["pager-label"] }, label), text(" "), h("span", site.textOf(paper))]),
    ]);
  return h("ul", [
    ...(previous ? [item(previous, "previous", "Previous:")] : []),
    ...(next ? [item(next, "next", "Next:")] : []),
  ]);
}
