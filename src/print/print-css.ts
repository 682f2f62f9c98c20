/**
 * The paged-media CSS the print stage adds to every document: page size and margins, the running
 * header and "Page N of M" footer (none on the cover), page breaks around the cover and the
 * "About" section, the contents' page-number column, font defaults, wide content fitted to the
 * text block (never the page shrunk to it) and the DRAFT watermark.
 */

import { WIDE_TABLE_CLASS } from "../render/figures.js";
import type { PartHeader } from "./print-types.js";

/** Page margins; the content box is the page size less these. */
const MARGIN_MM = { top: 22, right: 20, bottom: 20, left: 20 } as const;
export const PAGE_MARGIN = {
  top: `${MARGIN_MM.top}mm`,
  right: `${MARGIN_MM.right}mm`,
  bottom: `${MARGIN_MM.bottom}mm`,
  left: `${MARGIN_MM.left}mm`,
} as const;
const mmToPx = (mm: number): number => (mm * 96) / 25.4;

/** Page sizes Chromium's `@page { size }` accepts by name, as [width, height] in millimetres. */
const PAGE_SIZES: Readonly<Record<string, readonly [number, number]>> = {
  a3: [297, 420],
  a4: [210, 297],
  a5: [148, 210],
  b4: [250, 353],
  b5: [176, 250],
  letter: [215.9, 279.4],
  legal: [215.9, 355.6],
  ledger: [279.4, 431.8],
};

/** The page box of a `build.pdf.format` such as "A4", "Letter" or "A4 landscape". */
export interface PageBox {
  /** The value for `@page { size }`. */
  readonly size: string;
  /** The content box (page less margins), as CSS lengths. */
  readonly contentWidth: string;
  readonly contentHeight: string;
  /** The content box in whole CSS pixels (for the viewport). */
  readonly viewport: { readonly width: number; readonly height: number };
  /** The landscape page of a `wide` table: its `@page { size }` and its content box's width. */
  readonly wide: { readonly size: string; readonly contentWidth: string };
}

export function pageBox(format: string): PageBox {
  const words = format.trim().toLowerCase().split(/\s+/);
  const name = words[0] ?? "";
  const orientation = words[1];
  const size = PAGE_SIZES[name];
  if (size === undefined || words.length > 2 || (orientation !== undefined && orientation !== "portrait" && orientation !== "landscape")) {
    throw new RangeError(`Unknown PDF page format "${format}": use one of ${Object.keys(PAGE_SIZES).join(", ")}, optionally followed by portrait or landscape.`);
  }
  const [width, height] = orientation === "landscape" ? [size[1], size[0]] : size;
  const longer = Math.max(size[0], size[1]);
  return {
    size: orientation === undefined ? name.toUpperCase() : `${name.toUpperCase()} ${orientation}`,
    contentWidth: `calc(${width}mm - ${PAGE_MARGIN.left} - ${PAGE_MARGIN.right})`,
    contentHeight: `calc(${height}mm - ${PAGE_MARGIN.top} - ${PAGE_MARGIN.bottom})`,
    viewport: { width: Math.round(mmToPx(width - MARGIN_MM.left - MARGIN_MM.right)), height: Math.round(mmToPx(height - MARGIN_MM.top - MARGIN_MM.bottom)) },
    wide: { size: `${name.toUpperCase()} landscape`, contentWidth: `calc(${longer}mm - ${PAGE_MARGIN.left} - ${PAGE_MARGIN.right})` },
  };
}

/**
 * A CSS string literal for any text: quotes, backslashes, line breaks, control characters and
 * the characters that could end a <style> element are written as hex escapes.
 */
export function cssString(text: string): string {
  const escaped = text.replace(/[\u0000-\u001f\u007f"\\<>&\u2028\u2029]/g, (ch) =>
    ch === "\u0000" ? "\\fffd " : `\\${ch.charCodeAt(0).toString(16)} `,
  );
  return `"${escaped}"`;
}

const FONT_STACK = `"Liberation Sans", Arial, Helvetica, "DejaVu Sans", "Noto Sans", sans-serif`;
const MARGIN_BOX_TEXT = `font-family: ${FONT_STACK}; font-size: 8.5pt; color: #4a4a4a;`;

/** The class the print stage gives a table wider than the text block (page-layout.ts). */
export const FIT_CLASS = "papersmith-fit";

/** The class of the watermark element added to draft documents. */
export const DRAFT_CLASS = "papersmith-draft";

/**
 * The print CSS of a document whose pages carry `runningHeader`, or each part's own (`parts`: the
 * pages of the element with that id, as a named page of its own).
 */
export function printCss(box: PageBox, runningHeader: string, draft: boolean, parts: readonly PartHeader[] = []): string {
  return `
@page {
  size: ${box.size};
  margin: ${PAGE_MARGIN.top} ${PAGE_MARGIN.right} ${PAGE_MARGIN.bottom} ${PAGE_MARGIN.left};
  @top-center { content: ${cssString(runningHeader)}; ${MARGIN_BOX_TEXT} vertical-align: bottom; padding-bottom: 4mm; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); ${MARGIN_BOX_TEXT} vertical-align: top; padding-top: 4mm; }
}
@page wide {
  size: ${box.wide.size};
}
@page cover {
  @top-center { content: none; }
  @bottom-center { content: none; }
}
:where(html) { font-family: ${FONT_STACK}; }
html, body { margin: 0; }
.cover { page: cover; break-after: page; }
.${WIDE_TABLE_CLASS} { page: wide; }
.about, main h1 { break-before: page; }
h1, h2, h3, h4, h5, h6 { break-after: avoid; break-inside: avoid; }
table, figure, blockquote, img, svg { break-inside: avoid; }
p, li { orphans: 2; widows: 2; }
main { overflow-wrap: break-word; }
img { max-width: 100%; height: auto; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; }
sup.link-number { line-height: 0; }
.links li { overflow-wrap: anywhere; }
table.${FIT_CLASS} { width: 100%; font-size: 0.8em; }
table.${FIT_CLASS} th, table.${FIT_CLASS} td { overflow-wrap: anywhere; hyphens: auto; padding-left: 0.3em; padding-right: 0.3em; }
.toc a.toc-entry { display: flex; align-items: baseline; align-items: last baseline; color: inherit; text-decoration: none; }
.toc a.toc-entry::after { content: ""; order: 1; flex: 1 1 auto; margin: 0 0.4em; border-bottom: 1px dotted #8a8a8a; min-width: 1em; }
.toc .toc-page { order: 2; flex: none; min-width: 2em; text-align: right; font-variant-numeric: tabular-nums; }
${parts.map((part, at) => `@page papersmith-part-${at + 1} { @top-center { content: ${cssString(part.header)}; } }
[id=${cssString(part.id)}] { page: papersmith-part-${at + 1}; }`).join("\n")}
${draft ? DRAFT_CSS : ""}`;
}

const DRAFT_CSS = `
.${DRAFT_CLASS} {
  position: fixed; top: 50%; left: 50%; z-index: 2147483647; pointer-events: none;
  transform: translate(-50%, -50%) rotate(-35deg);
  font-family: ${FONT_STACK}; font-size: 110pt; font-weight: 700; letter-spacing: 0.1em;
  color: rgba(176, 0, 32, 0.14); white-space: nowrap;
}`;

/** The id of the print <style> element. */
export const PRINT_STYLE_ID = "papersmith-print";

/**
 * The document with the print CSS as the last thing in its <head>, so the first layout is
 * already the print layout (adding it after loading costs a second layout). The CSS never
 * contains "<" (cssString escapes it), so it cannot end the element early.
 */
export function withPrintStyle(html: string, css: string): string {
  if (css.includes("<")) throw new Error("print CSS must not contain '<'");
  const style = `<style id="${PRINT_STYLE_ID}">${css}</style>`;
  const headEnd = /<\/head\s*>/i.exec(html);
  if (headEnd !== null) return html.slice(0, headEnd.index) + style + html.slice(headEnd.index);
  const bodyStart = /<body[\s>]/i.exec(html);
  if (bodyStart !== null) return html.slice(0, bodyStart.index) + style + html.slice(bodyStart.index);
  return style + html;
}
