import {
  AlignmentType, Document, Header, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun, type ILevelsOptions,
} from "docx";
import type { Paper } from "../model/index.js";
import { placeAboutPartners } from "../render/about-partners-placement.js";
import { headingShift } from "../render/pages/paper.js";
import type { SiteModel } from "../render/site-model.js";
import { formatDate } from "../render/text.js";
import { CODE_STYLE } from "./word-inline.js";
import { coreXml, stablePackage, type CoreProperties } from "./stable-package.js";
import { webLinker } from "./web-links.js";
import { CODE_BLOCK_STYLE, heading, markdownBlocks, type WordBlock } from "./word-blocks.js";
import { REFERENCES_TITLE, referencesText } from "../render/citations.js";
import { BULLET_LIST, NUMBERED_LIST, WordNotes, type WordContext } from "./word-context.js";

/** The header of every page of a draft's Word document. */
export const DRAFT_HEADER = "DRAFT — not for publication";

const BULLETS = ["•", "◦", "▪"];

/** Word list levels: a bullet or number (decimal, then letters, then roman) indented a half inch per level. */
function listLevels(numbered: boolean): ILevelsOptions[] {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: numbered ? [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level % 3]! : LevelFormat.BULLET,
    text: numbered ? `%${level + 1}.` : BULLETS[level % 3]!,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

/** "Name, Role, Organisation" for each author; never an id. */
function authorLines(site: SiteModel, paper: Paper): string[] {
  return paper.authors.flatMap((ref) => {
    const person = site.person(ref.id);
    if (person === undefined) return [];
    const organisation = person.organisation === undefined ? undefined : site.organisationName(person.organisation);
    return [[person.name, person.role, organisation].filter((part) => part !== undefined && part !== "").join(", ")];
  });
}

/** What the document's properties say: as the paper's PDF metadata, dated by the paper. */
function properties(site: SiteModel, paper: Paper): CoreProperties {
  const info = site.series.config.series;
  const partnerNames = site.partners.map((p) => p.name);
  const cited = site.values.filter((v) => site.index.citedBy.get(v.id)?.has(paper)).map((v) => v.title);
  return {
    title: `Paper ${paper.number}: ${paper.title}`,
    subject: paper.summary ?? paper.subtitle ?? info.title,
    creator: partnerNames.join(", "),
    keywords: [...new Set([info.title, ...partnerNames, ...cited])].join(", "),
    description: paper.summary ?? "",
    language: info.language,
    date: paper.date,
  };
}

/**
 * One paper as a Word document (see docs/reference.md#outputs): its title, subtitle, authors,
 * date and summary, then its body in Word's own heading, list, table, quote and note styles; a
 * draft says so at the top of every page. The same paper gives the same bytes.
 */
export async function paperDocx(site: SiteModel, paper: Paper): Promise<Uint8Array> {
  const shift = headingShift(site, paper);
  const ctx: WordContext = {
    site,
    paper,
    web: webLinker(site.series.config.build.baseUrl),
    notes: new WordNotes(),
    about: placeAboutPartners(paper.body.tree, "first"),
    headingOffset: shift - 1,
    lists: { count: 0 },
    drawings: { count: 0 },
  };
  const body = markdownBlocks(paper.body, ctx, { file: paper.file, key: "body", level: 0, including: new Set() });
  const draft = paper.status === "draft";
  return packDocument(properties(site, paper), draft, ctx.notes, [...frontMatter(site, paper, draft), ...body, ...referencesBlocks(site, paper)]);
}

/**
 * A Word document in papersmith's styles and lists, with its properties, its notes and, on a
 * draft, "DRAFT — not for publication" at the top of every page; dated by `props.date`, so
 * the same input gives the same bytes.
 */
export async function packDocument(props: CoreProperties, draft: boolean, notes: WordNotes, children: WordBlock[]): Promise<Uint8Array> {
  const doc = new Document({
    title: props.title,
    subject: props.subject,
    creator: props.creator,
    keywords: props.keywords,
    description: props.description,
    lastModifiedBy: props.creator,
    styles: {
      default: { document: { run: { language: { value: props.language }, font: "Calibri", size: 22 } } },
      paragraphStyles: [
        { id: "Subtitle", name: "Subtitle", basedOn: "Normal", next: "Normal", quickFormat: true, run: { size: 28, color: "444444" } },
        { id: "Quote", name: "Quote", basedOn: "Normal", next: "Normal", quickFormat: true, run: { italics: true }, paragraph: { indent: { left: 720, right: 720 } } },
        { id: "QuoteAttribution", name: "Quote Attribution", basedOn: "Normal", next: "Normal", paragraph: { indent: { left: 720, right: 720 }, spacing: { after: 240 } } },
        { id: "DraftMark", name: "Draft Mark", basedOn: "Normal", run: { bold: true, color: "B00020" }, paragraph: { alignment: AlignmentType.CENTER } },
        { id: CODE_BLOCK_STYLE, name: "Source Code", basedOn: "Normal", run: { font: "Consolas", size: 20 }, paragraph: { spacing: { before: 120, after: 120 } } },
      ],
      characterStyles: [{ id: CODE_STYLE, name: "Verbatim Char", run: { font: "Consolas", size: 20 } }],
    },
    numbering: { config: [{ reference: BULLET_LIST, levels: listLevels(false) }, { reference: NUMBERED_LIST, levels: listLevels(true) }] },
    footnotes: notes.all(),
    sections: [{
      ...(draft ? { headers: { default: new Header({ children: [new Paragraph({ style: "DraftMark", children: [new TextRun(DRAFT_HEADER)] })] }) } } : {}),
      children,
    }],
  });
  const packed = await Packer.toBuffer(doc, false, [{ path: "docProps/core.xml", data: coreXml(props) }]);
  return stablePackage(packed, props.date);
}

/** The paper's References at its end, each entry as the CSL processor writes it in text; none when it cites nothing. */
function referencesBlocks(site: SiteModel, paper: Paper): WordBlock[] {
  const entries = referencesText(site, paper);
  if (entries.length === 0) return [];
  return [heading(1, REFERENCES_TITLE), ...entries.map((entry) => new Paragraph({ spacing: { after: 120 }, children: [new TextRun(entry)] }))];
}

/** The paper's opening: series and number, title, subtitle, authors, date, status and summary. */
function frontMatter(site: SiteModel, paper: Paper, draft: boolean): WordBlock[] {
  const authors = authorLines(site, paper);
  const parts: WordBlock[] = [
    new Paragraph({ children: [new TextRun({ text: `Paper ${paper.number} · ${site.series.config.series.title}`, color: "444444" })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(paper.title)] }),
  ];
  if (paper.subtitle) parts.push(new Paragraph({ style: "Subtitle", children: [new TextRun(paper.subtitle)] }));
  if (authors.length > 0) {
    parts.push(new Paragraph({ children: [new TextRun({ text: authors.length === 1 ? "Author" : "Authors", bold: true })] }));
    for (const author of authors) parts.push(new Paragraph(author));
  }
  parts.push(new Paragraph({ children: [new TextRun({ text: "Published: ", bold: true }), new TextRun(formatDate(paper.date))] }));
  if (draft) parts.push(new Paragraph({ children: [new TextRun({ text: "Status: ", bold: true }), new TextRun("Draft")] }));
  if (paper.summary) parts.push(new Paragraph({ spacing: { before: 240, after: 240 }, children: [new TextRun({ text: paper.summary, italics: true })] }));
  return parts;
}
