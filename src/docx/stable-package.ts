import { unzipSync, zipSync, type Zippable } from "fflate";

/** What a Word document's core properties (docProps/core.xml) say. */
export interface CoreProperties {
  readonly title: string;
  readonly subject: string;
  readonly creator: string;
  readonly keywords: string;
  readonly description: string;
  readonly language: string;
  /** The document's date, `YYYY-MM-DD`: its created and modified times, and its zip entries' times. */
  readonly date: string;
}

/**
 * docProps/core.xml as papersmith writes it: the docx package stamps created and modified with the
 * clock, so its own is replaced by this one, dated by the paper.
 */
export function coreXml(properties: CoreProperties): string {
  const moment = `${properties.date}T00:00:00Z`;
  const element = (name: string, value: string): string => (value === "" ? "" : `<${name}>${escapeXml(value)}</${name}>`);
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"',
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    element("dc:title", properties.title),
    element("dc:subject", properties.subject),
    element("dc:creator", properties.creator),
    element("cp:keywords", properties.keywords),
    element("dc:description", properties.description),
    element("dc:language", properties.language),
    element("cp:lastModifiedBy", properties.creator),
    "<cp:revision>1</cp:revision>",
    `<dcterms:created xsi:type="dcterms:W3CDTF">${moment}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${moment}</dcterms:modified>`,
    "</cp:coreProperties>",
  ].join("");
}

function escapeXml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

/** A relationship id the docx package made at random (its own numbered ones are `rId<digits>`). */
const RANDOM_ID = /\bId="(rId(?!\d+")[^"]+)"/g;

/**
 * The package again, so that the same document gives the same bytes: the relationship ids the
 * docx package draws at random (for hyperlinks) become numbered ones in the order they appear,
 * and every zip entry, in the package's own order, carries the document's date as its time
 * (never the clock).
 */
export function stablePackage(packed: Uint8Array, date: string): Uint8Array {
  const files = unzipSync(packed);
  const paths = Object.keys(files);
  const decoder = new TextDecoder();
  const renamed = new Map<string, string>();
  for (const path of paths.filter((p) => p.endsWith(".rels")).sort()) {
    for (const match of decoder.decode(files[path]).matchAll(RANDOM_ID)) {
      if (!renamed.has(match[1]!)) renamed.set(match[1]!, `rIdLink${renamed.size + 1}`);
    }
  }
  const encoder = new TextEncoder();
  const mtime = zipTime(date);
  const out: Zippable = {};
  for (const path of paths) {
    let data = files[path]!;
    if (renamed.size > 0 && /\.(xml|rels)$/.test(path)) {
      const text = decoder.decode(data);
      const replaced = text.replace(/"(rId[^"]+)"/g, (whole, id: string) => {
        const stable = renamed.get(id);
        return stable === undefined ? whole : `"${stable}"`;
      });
      if (replaced !== text) data = encoder.encode(replaced);
    }
    out[path] = [data, { mtime, level: 6 }];
  }
  return zipSync(out);
}

/**
 * A zip entry's time is a DOS date and time without a zone, which fflate takes from a Date's
 * local-time fields: a Date whose local fields are the date's midnight makes the document the
 * same in every time zone.
 */
function zipTime(date: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  // A zip's times start in 1980; a paper's date is checked to be a date, so this is a fallback only.
  if (match === null || Number(match[1]) < 1980) return new Date(1980, 0, 1);
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}
