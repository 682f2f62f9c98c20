import { ExternalHyperlink, FootnoteReferenceRun, ImageRun, TextRun, type ParagraphChild } from "docx";
import type { FootnoteDefinition, Image, Link, PhrasingContent, Root } from "mdast";
import type { TextDirective } from "mdast-util-directive";
import { toString } from "mdast-util-to-string";
import { CONTINUE, EXIT, visit } from "unist-util-visit";
import { localPath } from "../render/markdown.js";
import { INLINE_REFERENCES, referenceText } from "../render/references.js";
import { abbreviationText } from "../render/abbreviations.js";
import { citationText } from "../render/citations.js";
import { readWordImage, shownSize, SVG_FALLBACK_PNG } from "./image-file.js";
import type { BodyPlace, WordContext } from "./word-context.js";

/** How a run of text is set. */
export interface RunStyle {
  readonly bold?: boolean;
  readonly italics?: boolean;
  readonly strike?: boolean;
  readonly code?: boolean;
}

/** The character style of code (its name is the one pandoc and other readers take for code). */
export const CODE_STYLE = "VerbatimChar";

/** Turns the block content of a footnote into the paragraphs of a Word note. */
export type NoteMaker = (definition: FootnoteDefinition) => import("docx").Paragraph[];

/** The Markdown body a phrase belongs to: its tree (for its footnotes), and how notes are made. */
export interface PhraseSource {
  readonly tree: Root;
  readonly place: BodyPlace;
  readonly note: NoteMaker;
}

/** A run of plain text in a style. */
export function textRun(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text,
    ...(style.code === true ? { style: CODE_STYLE } : {}),
    ...(style.bold === true ? { bold: true } : {}),
    ...(style.italics === true ? { italics: true } : {}),
    ...(style.strike === true ? { strike: true } : {}),
  });
}

/** A hyperlink to a web address around text, or the text alone when there is no address. */
export function linkedText(href: string | undefined, text: string, style: RunStyle = {}): ParagraphChild {
  if (href === undefined) return textRun(text, style);
  return new ExternalHyperlink({ link: href, children: [hyperlinkRun(text, style)] });
}

function hyperlinkRun(text: string, style: RunStyle): TextRun {
  return new TextRun({
    text,
    style: "Hyperlink",
    ...(style.bold === true ? { bold: true } : {}),
    ...(style.italics === true ? { italics: true } : {}),
    ...(style.strike === true ? { strike: true } : {}),
  });
}

/** Markdown phrasing as Word runs: emphasis, links, references as their link text, notes and images. */
export function phrasing(nodes: readonly PhrasingContent[], ctx: WordContext, source: PhraseSource, style: RunStyle = {}): ParagraphChild[] {
  return nodes.flatMap((node) => phrase(node, ctx, source, style));
}

function phrase(node: PhrasingContent, ctx: WordContext, source: PhraseSource, style: RunStyle): ParagraphChild[] {
  switch (node.type) {
    case "text":
      return node.value === "" ? [] : [textRun(node.value.replace(/\n/g, " "), style)];
    case "emphasis":
      return phrasing(node.children, ctx, source, { ...style, italics: true });
    case "strong":
      return phrasing(node.children, ctx, source, { ...style, bold: true });
    case "delete":
      return phrasing(node.children, ctx, source, { ...style, strike: true });
    case "inlineCode":
      return [textRun(node.value, { ...style, code: true })];
    case "break":
      return [new TextRun({ break: 1 })];
    case "link":
      return linkRuns(node, ctx, source, style);
    case "linkReference":
      return phrasing(node.children, ctx, source, style);
    case "image":
      return imageRuns(node, ctx, source.place);
    case "imageReference":
      return node.alt ? [textRun(node.alt, style)] : [];
    case "footnoteReference": {
      const definition = findDefinition(source.tree, node.identifier);
      if (definition === undefined) return [];
      const number = ctx.notes.number(`${source.place.key}\0${node.identifier}`, () => source.note(definition));
      return [new FootnoteReferenceRun(number)];
    }
    case "textDirective":
      return referenceRuns(node, ctx, source, style);
    default:
      return []; // raw HTML is dropped, as on the web
  }
}

/** The footnote a reference names: the first definition with its label, wherever it was written (in a list, a quote). */
function findDefinition(tree: Root, identifier: string): FootnoteDefinition | undefined {
  let found: FootnoteDefinition | undefined;
  visit(tree, "footnoteDefinition", (node) => {
    if (node.identifier !== identifier) return CONTINUE;
    found = node;
    return EXIT;
  });
  return found;
}

/**
 * An inline reference as the text the site shows for it (or `{text="..."}`), linked to its web
 * page when the site's address is known. A `:name` that is no reference shows as written.
 */
function referenceRuns(node: TextDirective, ctx: WordContext, source: PhraseSource, style: RunStyle): ParagraphChild[] {
  if (node.name === "abbr") return [textRun(abbreviationText(node, ctx.site), style)];
  if (node.name === "cite") return [textRun(citationText(node, ctx.site), style)];
  if (!INLINE_REFERENCES.has(node.name)) {
    const hasAttributes = node.attributes !== null && node.attributes !== undefined && Object.keys(node.attributes).length > 0;
    if (node.children.length === 0 && !hasAttributes) return [textRun(`:${node.name}`, style)];
    return [textRun(`:${node.name}[`, style), ...phrasing(node.children, ctx, source, style), textRun("]", style)];
  }
  const override = node.attributes?.["text"];
  const custom = typeof override === "string" && override.trim() !== "" ? override : undefined;
  const resolved = ctx.site.index.referenceByNode.get(node);
  if (resolved === undefined || resolved.resolution.status !== "ok") return [textRun(custom ?? toString(node), style)];
  const { target, anchor } = resolved.resolution;
  return [linkedText(ctx.web(ctx.site.targetOf(target, anchor)), referenceText(node, resolved, ctx.site).text, style)];
}

/**
 * A Markdown link: to its address when it is one on the web; to the web page of a project file
 * that has one (a paper, a case study) or of a place in this paper, when the site's address is
 * known; otherwise its text alone.
 */
function linkRuns(node: Link, ctx: WordContext, source: PhraseSource, style: RunStyle): ParagraphChild[] {
  const href = linkHref(node.url, ctx, source.place.file);
  const runs = phrasing(node.children, ctx, source, style);
  if (href === undefined) return runs;
  const text = toString(node);
  return text === "" ? runs : [linkedText(href, text, style)];
}

function linkHref(url: string, ctx: WordContext, file: string): string | undefined {
  if (/^(https?:|mailto:)/i.test(url)) return url;
  const paperPage = ctx.site.pageOfFile(ctx.paper.file);
  if (url.startsWith("#")) return paperPage === undefined ? undefined : ctx.web({ page: paperPage, fragment: url.slice(1) });
  const local = localPath(file, url, ctx.site.series.outside);
  if (local?.path === undefined) return undefined;
  const page = ctx.site.pageOfFile(local.path);
  if (page === undefined) return undefined;
  return ctx.web(local.fragment === undefined ? { page } : { page, fragment: local.fragment });
}

/**
 * An image of the project, with its alt text, at its own size (scaled to the text width); an
 * SVG goes in as SVG, with a plain grey picture for Word versions that cannot draw one. An image
 * that cannot be read, or is of a kind Word cannot show, leaves its alt text in brackets.
 */
function imageRuns(node: Image, ctx: WordContext, place: BodyPlace): ParagraphChild[] {
  const local = localPath(place.file, node.url, ctx.site.series.outside);
  const image = local?.path === undefined ? undefined : readWordImage(ctx.site.series.root, local.path);
  const alt = node.alt ?? "";
  if (image === undefined) return [textRun(`[Image: ${alt === "" ? "not shown" : alt}]`, { italics: true })];
  const transformation = shownSize(image);
  ctx.drawings.count += 1;
  const altText = { id: String(ctx.drawings.count), name: alt === "" ? "Image" : alt, description: alt, ...(node.title ? { title: node.title } : {}) };
  if (image.type === "svg") {
    return [new ImageRun({ type: "svg", data: image.data, transformation, altText, fallback: { type: "png", data: SVG_FALLBACK_PNG } })];
  }
  return [new ImageRun({ type: image.type, data: image.data, transformation, altText })];
}
