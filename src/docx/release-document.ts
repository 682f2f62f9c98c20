import { AlignmentType, HeadingLevel, Paragraph, TextRun, type ParagraphChild } from "docx";
import type { Person, Quote } from "../model/index.js";
import { placeAboutPartners } from "../render/about-partners-placement.js";
import { paperPage } from "../render/paths.js";
import { embargoLine, ENDS, findingsOf, NOTES_TO_EDITORS, releaseDate, type PaperWithRelease } from "../render/release.js";
import type { SiteModel } from "../render/site-model.js";
import { formatDate, listText } from "../render/text.js";
import { packDocument } from "./paper-document.js";
import type { CoreProperties } from "./stable-package.js";
import { webLinker } from "./web-links.js";
import { heading, markdownBlocks, type WordBlock } from "./word-blocks.js";
import { BULLET_LIST, WordNotes, type BodyPlace, type WordContext } from "./word-context.js";
import { linkedText, textRun } from "./word-inline.js";

/** "Name, role, organisation": a speaker or contact as the release names them. */
function personLine(site: SiteModel, person: Person): string {
  return [person.name, person.role, person.organisation ? site.organisationName(person.organisation) : undefined]
    .filter((part): part is string => part !== undefined && part !== "").join(", ");
}

function place(key: string, file: string): BodyPlace {
  return { file, key, level: 2, including: new Set() };
}

function quoteBlocks(ctx: WordContext, quote: Quote): WordBlock[] {
  const person = ctx.site.person(quote.by.id);
  return [
    new Paragraph({ spacing: { before: 120 }, children: [textRun(person ? personLine(ctx.site, person) : quote.by.id, { bold: true }), textRun(", said:")] }),
    ...markdownBlocks(quote.text, ctx, { ...place(`q-${quote.id}`, quote.text.range.file), including: new Set([`quote:${quote.id}`]) }, { style: "Quote" }),
  ];
}

function contactBlocks(site: SiteModel, person: Person): WordBlock[] {
  const out: WordBlock[] = [new Paragraph({ spacing: { before: 120 }, children: [textRun(personLine(site, person))] })];
  if (person.email !== undefined) out.push(new Paragraph({ children: [textRun("Email: "), linkedText(`mailto:${person.email}`, person.email)] }));
  if (person.phone !== undefined) out.push(new Paragraph({ children: [textRun(`Phone: ${person.phone}`)] }));
  return out;
}

/**
 * A paper's press release as a Word document (`releases/<number>-<slug>.docx`), in the order
 * of its web page and PDF: embargo line, headline, dateline, standfirst, body, quotes, where
 * to read the paper, ENDS, then the numbered notes to editors. Dated by the release.
 */
export async function releaseDocx(site: SiteModel, paper: PaperWithRelease): Promise<Uint8Array> {
  const { release } = paper;
  const info = site.series.config.series;
  const web = webLinker(site.series.config.build.baseUrl);
  const ctx: WordContext = {
    site, paper, web, notes: new WordNotes(), about: placeAboutPartners(paper.body.tree, "first"),
    headingOffset: 0, lists: { count: 0 }, drawings: { count: 0 },
  };
  const partnerNames = site.partners.map((p) => p.name);
  const date = releaseDate(paper);
  const paperName = `Paper ${paper.number}: ${paper.title}`;
  const paperUrl = web({ page: paperPage(paper) });
  const children: WordBlock[] = [
    new Paragraph({ children: [textRun(embargoLine(paper), { bold: true })] }),
    new Paragraph({ children: [new TextRun({ text: `Press release · ${info.title}`, color: "444444" })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(release.headline)] }),
    new Paragraph({ children: [textRun(formatDate(date), { bold: true })] }),
  ];
  if (release.standfirst) children.push(...markdownBlocks(release.standfirst, ctx, place("standfirst", paper.file)));
  else if (paper.summary !== undefined) children.push(new Paragraph({ children: [textRun(paper.summary, { bold: true })] }));
  const opening: ParagraphChild[] = [
    textRun(`${listText(partnerNames)} today ${partnerNames.length > 1 ? "publish" : "publishes"} `),
    linkedText(paperUrl, paperName), textRun(`, paper ${paper.number} of the series “${info.title}”.`),
  ];
  children.push(new Paragraph({ spacing: { before: 120 }, children: opening }));
  if (release.standfirst && paper.summary !== undefined) children.push(new Paragraph(paper.summary));
  const findings = findingsOf(site, paper);
  if (findings.length > 0) {
    children.push(new Paragraph(findings.length === 1 ? "The paper draws on this finding of the partners' working sessions:" : "The paper draws on these findings of the partners' working sessions:"));
    for (const finding of findings) children.push(new Paragraph({ numbering: { reference: BULLET_LIST, level: 0 }, children: [textRun(site.textOf(finding))] }));
  }
  for (const ref of release.quotes) {
    const quote = site.entity("quote", ref.id);
    if (quote?.kind === "quote") children.push(...quoteBlocks(ctx, quote));
  }
  children.push(paperUrl === undefined
    ? new Paragraph(`The paper, ${paperName}, is published with this release.`)
    : new Paragraph({ children: [textRun("Read the paper: "), linkedText(paperUrl, paperUrl)] }));
  children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240 }, children: [textRun(ENDS, { bold: true })] }));
  children.push(heading(1, NOTES_TO_EDITORS));
  let note = 0;
  const contacts = release.contacts.flatMap((ref) => {
    const person = site.person(ref.id);
    return person ? [person] : [];
  });
  if (contacts.length > 0) {
    children.push(heading(2, `${++note}. ${contacts.length === 1 ? "Press contact" : "Press contacts"}`));
    for (const person of contacts) children.push(...contactBlocks(site, person));
  }
  for (const partner of site.partners) {
    children.push(heading(2, `${++note}. About ${partner.name}`));
    if (partner.about) children.push(...markdownBlocks(partner.about, ctx, { ...place(`about-${partner.id}`, site.series.config.file), including: new Set(["partners"]) }));
    if (partner.url !== undefined) children.push(new Paragraph({ children: [linkedText(partner.url, partner.url)] }));
  }
  const props: CoreProperties = {
    title: release.headline,
    subject: `Press release: ${paperName}`,
    creator: partnerNames.join(", "),
    keywords: [...new Set([info.title, ...partnerNames, "press release"])].join(", "),
    description: paper.summary ?? "",
    language: info.language,
    date,
  };
  return packDocument(props, paper.status === "draft", ctx.notes, children);
}
