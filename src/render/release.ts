import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import type { Finding, Paper, PaperRelease, Person, Quote } from "../model/index.js";
import { isWebUrl, linkOrText, text } from "./blocks.js";
import { enterBlock, nestedContext, renderMarkdown, type BodyContext } from "./markdown.js";
import { paperPage } from "./paths.js";
import type { SiteModel } from "./site-model.js";
import { formatDate, listText } from "./text.js";

/** The heading of a release's notes, and the word that closes its story. */
export const NOTES_TO_EDITORS = "Notes to editors";
export const ENDS = "ENDS";

/** A paper with its press release: what the release pages and documents are made for. */
export type PaperWithRelease = Paper & { readonly release: PaperRelease };

/** Whether a paper has a press release. */
export function hasRelease(paper: Paper): paper is PaperWithRelease {
  return paper.release !== undefined;
}

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/**
 * The release's first line: "EMBARGOED UNTIL 00:01, 14 November 2014" for a paper with
 * `embargo:` (UK time, as the partners' press offices write it), else "FOR IMMEDIATE RELEASE".
 * It depends on the sources alone, never on the build's moment: the release says what it said
 * when it was sent, and the same sources give the same bytes.
 */
export function embargoLine(paper: Paper): string {
  if (paper.embargo === undefined) return "FOR IMMEDIATE RELEASE";
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London", year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(new Date(paper.embargo));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? "";
  const month = MONTHS[Number(part("month")) - 1] ?? "";
  return `EMBARGOED UNTIL ${part("hour")}:${part("minute")}, ${Number(part("day"))} ${month} ${part("year")}`;
}

/** The release's date (YYYY-MM-DD): its own, else the paper's. */
export function releaseDate(paper: PaperWithRelease): string {
  return paper.release.date ?? paper.date;
}

/** The findings a paper uses that this build publishes, in the sessions' and findings' order. */
export function findingsOf(site: SiteModel, paper: Paper): Finding[] {
  return site.series.sessions
    .flatMap((session) => session.findings)
    .filter((finding) => site.index.usedBy.get(`finding:${finding.sessionId}#${finding.id}`)?.has(paper) === true)
    .filter((finding) => site.publication.isFindingPublic(finding));
}

/** "Name, role, organisation": a speaker or contact as a release names them. */
function personLine(ctx: BodyContext, person: Person): string {
  return [person.name, person.role, person.organisation ? ctx.site.organisationName(person.organisation) : undefined]
    .filter((part): part is string => part !== undefined && part !== "").join(", ");
}

function quoteBlock(ctx: BodyContext, quote: Quote): Element {
  const person = ctx.site.person(quote.by.id);
  const speaker = person ? personLine(ctx, person) : quote.by.id;
  return h("figure", { className: ["release-quote"] }, [
    h("figcaption", [h("cite", { className: ["quote-speaker"] }, speaker), text(", said:")]),
    h("blockquote", renderMarkdown(quote.text, nestedContext(enterBlock(ctx, `quote:${quote.id}`), `rq-${quote.id}`))),
  ]);
}

function contactItem(ctx: BodyContext, person: Person): Element {
  const lines: ElementContent[] = [h("span", { className: ["contact-name"] }, personLine(ctx, person))];
  // people.yaml contact fields are published on purpose: they are the press office's own.
  if (person.email !== undefined) lines.push(h("br"), text("Email: "), h("a", { href: `mailto:${person.email}` }, person.email));
  if (person.phone !== undefined) lines.push(h("br"), text("Phone: "), h("a", { href: `tel:${person.phone.replace(/[^\d+]/g, "")}` }, person.phone));
  return h("li", lines);
}

/**
 * The press release of a paper, as one article: embargo line, headline, dateline, standfirst,
 * body (the paper's summary, its findings' titles and a link to it), the quotes with each
 * speaker's name, role and organisation, "ENDS", then the numbered notes to editors: the press
 * contacts, then each partner's "About" text. The web page and the print document both show it.
 */
export function releaseArticle(ctx: BodyContext, paper: PaperWithRelease, headingId: (id: string) => string): Element {
  const { site } = ctx;
  const { release } = paper;
  const series = site.series.config.series;
  const partnerNames = site.partners.map((p) => p.name);
  const date = releaseDate(paper);
  const paperHref = ctx.linker.href({ page: paperPage(paper) });
  const paperName = `Paper ${paper.number}: ${paper.title}`;

  const standfirst: ElementContent[] = release.standfirst
    ? renderMarkdown(release.standfirst, nestedContext(ctx, "standfirst"))
    : paper.summary !== undefined ? [h("p", paper.summary)] : [];
  const body: ElementContent[] = [];
  body.push(h("p", [
    text(`${listText(partnerNames)} today ${partnerNames.length > 1 ? "publish" : "publishes"} `),
    linkOrText(paperHref, paperName), text(`, paper ${paper.number} of the series “${series.title}”.`),
  ]));
  // The summary is the standfirst unless the release has its own.
  if (release.standfirst && paper.summary !== undefined) body.push(h("p", paper.summary));
  const findings = findingsOf(site, paper);
  if (findings.length > 0) {
    body.push(h("p", findings.length === 1 ? "The paper draws on this finding of the partners' working sessions:" : "The paper draws on these findings of the partners' working sessions:"));
    body.push(h("ul", { className: ["release-findings"] }, findings.map((finding) => h("li", site.textOf(finding)))));
  }
  const quotes = release.quotes.flatMap((ref) => {
    const entity = site.entity("quote", ref.id);
    return entity?.kind === "quote" ? [quoteBlock(ctx, entity)] : [];
  });
  const link: ElementContent[] = paperHref !== undefined
    ? [h("p", { className: ["release-link"] }, [text("Read the paper: "), h("a", { href: paperHref }, isWebUrl(paperHref) ? paperHref : paperName)])]
    : [h("p", { className: ["release-link"] }, `The paper, ${paperName}, is published with this release.`)];

  const contacts = release.contacts.flatMap((ref) => {
    const person = site.person(ref.id);
    return person ? [contactItem(ctx, person)] : [];
  });
  const notes: Element[] = [];
  if (contacts.length > 0) {
    notes.push(h("li", { className: ["release-note"] }, [
      h("h3", { id: headingId("press-contacts") }, contacts.length === 1 ? "Press contact" : "Press contacts"),
      h("ul", { className: ["release-contacts"] }, contacts),
    ]));
  }
  const about = { ...enterBlock(ctx, "partners"), level: 3 };
  for (const partner of site.partners) {
    notes.push(h("li", { className: ["release-note"] }, [
      h("h3", { id: headingId(`about-${partner.id}`) }, `About ${partner.name}`),
      ...(partner.about ? renderMarkdown(partner.about, nestedContext(about, `about-${partner.id}`)) : []),
      ...(isWebUrl(partner.url) ? [h("p", { className: ["partner-url"] }, [h("a", { href: partner.url }, partner.url)])] : []),
    ]));
  }

  return h("article", { className: ["press-release"] }, [
    h("p", { className: ["release-embargo"] }, h("strong", embargoLine(paper))),
    h("p", { className: ["release-kind"] }, `Press release · ${series.title}`),
    h("h1", { id: headingId("release-headline") }, release.headline),
    h("p", { className: ["release-dateline"] }, [h("time", { dateTime: date }, formatDate(date))]),
    h("div", { className: ["release-standfirst"] }, standfirst),
    ...body,
    ...quotes,
    ...link,
    h("p", { className: ["release-ends"] }, h("strong", ENDS)),
    h("section", { className: ["release-notes"], ariaLabelledBy: headingId("notes-to-editors") }, [
      h("h2", { id: headingId("notes-to-editors") }, NOTES_TO_EDITORS),
      h("ol", { className: ["release-notes-list"] }, notes),
    ]),
  ]);
}
