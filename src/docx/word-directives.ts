import { BorderStyle, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type ParagraphChild } from "docx";
import type { LeafDirective } from "mdast-util-directive";
import { MAX_BLOCK_NESTING, type CaseStudy, type Outcome, type Quote } from "../model/index.js";
import { ABOUT_PARTNERS_TITLE, type ShownAboutPartners } from "../render/about-partners-placement.js";
import { blockKey, isWebUrl } from "../render/blocks.js";
import { formatDate, sectorLabel } from "../render/text.js";
import { evenColumns, heading, markdownBlocks, simpleTable, type CellText, type WordBlock } from "./word-blocks.js";
import type { BodyPlace, WordContext } from "./word-context.js";
import { linkedText, textRun } from "./word-inline.js";

/** The block directives (`::case-study`, `::quote`, and the listing blocks) as Word blocks, as the site shows them. */
export function blockDirectiveParts(node: LeafDirective, ctx: WordContext, place: BodyPlace, shown?: ShownAboutPartners): WordBlock[] {
  const key = blockKey(node, ctx);
  if (key !== undefined && (place.including.has(key) || place.including.size >= MAX_BLOCK_NESTING)) return [];
  switch (node.name) {
    case "values-charter": return valuesCharter(ctx, place);
    case "about-partners": return aboutPartnersInBody(ctx, place, shown?.headingId !== undefined);
    case "value-matrix": return [valueMatrix(ctx)];
    case "case-study":
    case "quote": {
      const resolved = ctx.site.index.referenceByNode.get(node);
      if (resolved?.resolution.status !== "ok") return [];
      const target = resolved.resolution.target;
      if (target.kind === "case") return ctx.site.publication.isCasePublic(target) ? [caseStudyBox(target, ctx)] : [];
      if (target.kind === "quote") return quoteBlocks(target, ctx, place);
      return [];
    }
    default:
      return [];
  }
}


/** A body nested in a block: its own file and note keys, and the block it is inside. */
function inside(place: BodyPlace, file: string, key: string, block: string): BodyPlace {
  return { file, key: `${place.key}/${key}`, level: place.level, including: new Set([...place.including, block]) };
}

const BOX_BORDER = { style: BorderStyle.SINGLE, size: 8, color: "666666" } as const;

/** `::case-study`: a bordered box with its kind, title, summary, locality, sectors, organisations and outcomes. */
function caseStudyBox(caseStudy: CaseStudy, ctx: WordContext): Table {
  const facts: [string, string][] = [
    ["Locality", caseStudy.locality],
    ["Sectors", caseStudy.sectors.map(sectorLabel).join(", ")],
  ];
  if (caseStudy.organisations.length > 0) facts.push(["Organisations", caseStudy.organisations.map((o) => ctx.site.organisationName(o)).join(", ")]);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ children: [new TextRun({ text: "Case study", bold: true, allCaps: true, size: 18 })] }),
    new Paragraph({ children: [linkedText(ctx.web(ctx.site.targetOf(caseStudy)), caseStudy.title, { bold: true })] }),
    new Paragraph(caseStudy.summary),
    ...facts.map(([term, detail]) => new Paragraph({ children: [new TextRun({ text: `${term}: `, bold: true }), new TextRun(detail)] })),
  ];
  if (caseStudy.outcomes.length > 0) {
    children.push(new Paragraph({ children: [new TextRun({ text: `Outcomes: ${caseStudy.title}`, italics: true })] }), outcomesTable(caseStudy.outcomes));
    children.push(new Paragraph("")); // Word wants a paragraph after a table that ends a cell
  }
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: evenColumns(1),
    borders: { top: BOX_BORDER, bottom: BOX_BORDER, left: BOX_BORDER, right: BOX_BORDER, insideHorizontal: BOX_BORDER, insideVertical: BOX_BORDER },
    rows: [new TableRow({ cantSplit: false, children: [new TableCell({ children, shading: { fill: "F2F2F2" }, margins: { top: 120, bottom: 120, left: 160, right: 160 } })] })],
  });
}

function outcomesTable(outcomes: readonly Outcome[]): Table {
  const withUnit = (value: string | undefined, unit: string | undefined): string =>
    value === undefined ? "—" : unit ? (unit === "%" ? `${value}%` : `${value} ${unit}`) : value;
  return simpleTable(["Measure", "Before", "After"], outcomes.map((o) => [
    [[new TextRun({ text: o.measure, bold: true })]],
    [[new TextRun(withUnit(o.before, o.unit))]],
    [[new TextRun(withUnit(o.after, o.unit))]],
  ]));
}

/** `::quote`: the text indented in Word's Quote style, then the speaker's name, role and organisation (and where and when). */
function quoteBlocks(quote: Quote, ctx: WordContext, place: BodyPlace): WordBlock[] {
  const nested = inside(place, quote.text.range.file, `q-${quote.id}`, `quote:${quote.id}`);
  const text = markdownBlocks(quote.text, ctx, nested, { style: "Quote" });
  const person = ctx.site.person(quote.by.id);
  const details: string[] = [];
  if (person?.role) details.push(person.role);
  if (person?.organisation) details.push(ctx.site.organisationName(person.organisation));
  const attribution: ParagraphChild[] = [textRun("— "), textRun(person?.name ?? "", { bold: true })];
  if (details.length > 0) attribution.push(textRun(`, ${details.join(", ")}`));
  const sourceSession = quote.source === undefined ? undefined : ctx.site.session(quote.source);
  const source: ParagraphChild[] = [];
  if (sourceSession) source.push(linkedText(ctx.web(ctx.site.targetOf(sourceSession)), ctx.site.textOf(sourceSession)));
  else if (quote.source !== undefined) source.push(textRun(quote.source));
  if (quote.date !== undefined) source.push(textRun(source.length > 0 ? `, ${formatDate(quote.date)}` : formatDate(quote.date)));
  if (source.length > 0) attribution.push(textRun(" ("), ...source, textRun(")"));
  return [...text, new Paragraph({ style: "QuoteAttribution", children: attribution })];
}

/** `::values-charter`: the charter's preamble, then its values numbered, each title in bold over its statement. */
function valuesCharter(ctx: WordContext, place: BodyPlace): WordBlock[] {
  const charter = ctx.site.series.charter;
  if (!charter) return [];
  const parts: WordBlock[] = [];
  if (charter.preamble) parts.push(...markdownBlocks(charter.preamble, ctx, inside(place, charter.preamble.range.file, "preamble", "charter")));
  charter.values.forEach((value, at) => {
    parts.push(new Paragraph({
      keepNext: true,
      children: [textRun(`${at + 1}. `, { bold: true }), linkedText(ctx.web(ctx.site.targetOf(value)), value.title, { bold: true })],
    }));
    parts.push(...markdownBlocks(value.statement, ctx, inside(place, value.statement.range.file, `v-${value.id}`, "charter")));
  });
  return parts;
}

/**
 * `::about-partners`: each partner's "About" text under a heading of its own, under an "About
 * the partners" heading when the writer's own heading does not stand right before it.
 */
function aboutPartnersInBody(ctx: WordContext, place: BodyPlace, addHeading: boolean): WordBlock[] {
  const parts: WordBlock[] = [];
  if (addHeading) {
    place.level = 1;
    parts.push(heading(1, ABOUT_PARTNERS_TITLE));
  }
  const level = Math.min(6, place.level + 1);
  for (const partner of ctx.site.partners) {
    parts.push(heading(level, `About ${partner.name}`));
    if (partner.about) parts.push(...markdownBlocks(partner.about, ctx, inside(place, partner.about.range.file, `about-${partner.id}`, "partners")));
    if (isWebUrl(partner.url)) {
      parts.push(new Paragraph({ children: [linkedText(partner.url, partner.url.replace(/^https?:\/\//, "").replace(/\/$/, ""))] }));
    }
  }
  return parts;
}

/** `::value-matrix`: each value against the approved case studies that demonstrate it and the papers of the build that cite it. */
function valueMatrix(ctx: WordContext): Table {
  const items = (entries: readonly { title: string; href: string | undefined }[]): CellText =>
    entries.length === 0 ? [[textRun("None yet", { italics: true })]] : entries.map((e) => [linkedText(e.href, e.title)]);
  return simpleTable(["Value", "Case studies", "Papers"], ctx.site.values.map((value) => [
    [[linkedText(ctx.web(ctx.site.targetOf(value)), `${value.number}. ${value.title}`, { bold: true })]],
    items(ctx.site.casesDemonstrating(value).map((c) => ({ title: c.title, href: ctx.web(ctx.site.targetOf(c)) }))),
    items(ctx.site.papersUsing(`value:${value.id}`).map((p) => ({ title: ctx.site.textOf(p), href: ctx.web(ctx.site.targetOf(p)) }))),
  ]));
}
