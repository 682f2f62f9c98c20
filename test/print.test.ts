import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import puppeteer from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { printDocuments, type PdfMetadata, type PrintRequest, type PrintResult } from "../src/print/print-documents.js";
import { printEnvironmentStamp } from "../src/print/print-environment.js";
import { checkAndFinish, type FinishInput } from "../src/print/finish-job.js";
import { findBrowser } from "../src/print/find-browser.js";
import { pageBox, printCss, withPrintStyle } from "../src/print/print-css.js";
import { checkContents, fixtureHtml, htmlHeadings, pdfFacts, type PdfFacts } from "./fixtures/print/pdf-facts.js";

const SERIES = "Integrated thinking for integrated care";
const NAMES = ["paper-1", "paper-2", "paper-3", "paper-4", "series"] as const;
type Name = (typeof NAMES)[number];
/** A running header with everything that could break out of a CSS string or a <style>. */
const TRICKY_HEADER = `${SERIES} — "One" workforce \\ </style><b>&amp;`;

const metadata = (name: Name): PdfMetadata => ({
  title: name === "series" ? SERIES : `Paper ${name.slice(-1)}`,
  author: "Primary Care Alliance and Trust Network",
  subject: `Summary of ${name}`,
  keywords: ["integrated care", "values", name],
  language: "en-GB",
  creator: "papersmith 0.1.0",
  date: new Date("2015-03-02T09:30:00Z"),
});

const requests = (dir: string): PrintRequest[] =>
  NAMES.map((name) => ({
    html: fixtureHtml(name),
    outFile: join(dir, `${name}.pdf`),
    metadata: metadata(name),
    runningHeader: name === "paper-3" ? TRICKY_HEADER : `${SERIES} — ${name}`,
    draft: name === "paper-2",
  }));

let dir: string;
let results: PrintResult[];
const bytes = new Map<Name, Uint8Array>();
const facts = new Map<Name, PdfFacts>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "papersmith-print-test-"));
  results = await printDocuments(requests(join(dir, "a")), { format: "A4" });
  for (const name of NAMES) {
    const pdf = new Uint8Array(readFileSync(join(dir, "a", `${name}.pdf`)));
    bytes.set(name, pdf);
    facts.set(name, await pdfFacts(pdf));
  }
}, 60_000);

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const get = <T>(map: Map<Name, T>, name: Name): T => {
  const value = map.get(name);
  if (value === undefined) throw new Error(`no ${name}`);
  return value;
};

describe("printDocuments", () => {
  it("reports every document with its page count", () => {
    expect(results.map((result) => result.outFile)).toEqual(NAMES.map((name) => join(dir, "a", `${name}.pdf`)));
    for (const [i, name] of NAMES.entries()) {
      expect(results[i]?.pages).toBe(get(facts, name).pages);
    }
    for (const name of NAMES.slice(0, 4)) expect(get(facts, name).pages).toBeGreaterThanOrEqual(4);
    expect(get(facts, "series").pages).toBeGreaterThan(get(facts, "paper-1").pages * 2);
  });

  it.each(NAMES)("%s: the outline holds the headings, in order", (name) => {
    expect(get(facts, name).outline).toEqual(htmlHeadings(fixtureHtml(name)));
  });

  it.each(NAMES)("%s: each contents entry shows the page its heading is on", (name) => {
    const { entries } = checkContents(get(facts, name));
    const expected = [...fixtureHtml(name).matchAll(/class="toc-entry"/g)].length;
    expect(entries).toHaveLength(expected);
    for (const entry of entries) expect({ title: entry.title, page: entry.printed }).toEqual({ title: entry.title, page: entry.actual });
    // The check is not vacuous: the entries span several pages.
    expect(new Set(entries.map((entry) => entry.printed)).size).toBeGreaterThan(2);
  });

  it.each(NAMES)("%s: running header and Page N of M on every page but the cover", (name) => {
    const { lines, pages } = get(facts, name);
    const header = name === "paper-3" ? TRICKY_HEADER : `${SERIES} — ${name}`;
    const texts = lines.map((page) => page.map((line) => line.text));
    expect(texts[0]?.some((text) => /^Page \d+ of \d+$/.test(text))).toBe(false);
    expect(texts[0]).not.toContain(header);
    for (let n = 2; n <= pages; n += 1) {
      expect(texts[n - 1]).toContain(`Page ${n} of ${pages}`);
      expect(texts[n - 1]).toContain(header);
    }
  });

  it("puts both logos on the cover, as figures with their alt text", () => {
    for (const name of NAMES) expect(get(facts, name).coverFigures).toEqual(["Primary Care Alliance", "Trust Network"]);
  });

  it("watermarks every page of a draft, and only drafts", () => {
    for (const name of NAMES) {
      const pages = get(facts, name).lines.map((page) => page.some((line) => line.text === "DRAFT"));
      expect(pages.every((marked) => marked === (name === "paper-2"))).toBe(true);
    }
  });

  it("sets the metadata, the language and the producer", async () => {
    for (const name of NAMES) {
      const doc = await PDFDocument.load(get(bytes, name), { updateMetadata: false });
      const expected = metadata(name);
      expect(doc.getTitle()).toBe(expected.title);
      expect(doc.getAuthor()).toBe(expected.author);
      expect(doc.getSubject()).toBe(expected.subject);
      expect(doc.getKeywords()).toBe(expected.keywords.join(", "));
      expect(doc.getCreator()).toBe(expected.creator);
      expect(doc.getProducer()).toBe("papersmith");
      expect(doc.getCreationDate()?.toISOString()).toBe(expected.date.toISOString());
      expect(doc.getModificationDate()?.toISOString()).toBe(expected.date.toISOString());
      expect(doc.catalog.lookup(PDFName.of("Lang"), PDFString).decodeText()).toBe("en-GB");
    }
  });

  it("keeps the PDFs tagged, with every font embedded", () => {
    for (const name of NAMES) {
      const file = join(dir, "a", `${name}.pdf`);
      expect(execFileSync("pdfinfo", [file], { encoding: "utf8" })).toMatch(/^Tagged:\s+yes$/m);
      const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" }).trim().split("\n").slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      for (const row of fonts) expect(row).toMatch(/^\S.*\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/);
      for (const row of fonts) expect(row).toMatch(/Liberation/);
    }
  });

  it("gives byte-identical PDFs when printed again, in another order and pool size", async () => {
    const again = await printDocuments(requests(join(dir, "b")).reverse(), { format: "A4", concurrency: 1 });
    expect(again).toHaveLength(NAMES.length);
    for (const name of NAMES) {
      expect(Buffer.compare(readFileSync(join(dir, "b", `${name}.pdf`)), Buffer.from(get(bytes, name)))).toBe(0);
    }
    const trailer = Buffer.from(get(bytes, "paper-1")).toString("latin1");
    expect(trailer).toMatch(/\/ID\s*\[\s*<([0-9a-f]{32})>\s*<\1>\s*\]/);
  }, 60_000);
});

describe("finishing Chromium's PDFs", () => {
  const raw = new Map<Name, Uint8Array>();
  let reprinted: Uint8Array;
  const box = pageBox("A4");

  beforeAll(async () => {
    const profile = mkdtempSync(join(tmpdir(), "papersmith-raw-print-"));
    const browser = await puppeteer.launch({
      executablePath: findBrowser(undefined)!, headless: true, pipe: true, userDataDir: profile,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    try {
      const page = await browser.newPage();
      for (const name of NAMES) {
        await page.setContent(withPrintStyle(fixtureHtml(name), printCss(box, `${SERIES} — ${name}`, false)), { waitUntil: "load" });
        raw.set(name, await page.pdf({ tagged: true, outline: true, printBackground: true, preferCSSPageSize: true }));
      }
      // Once more, after the others: other DOM node numbers, so other structure ids.
      await page.setContent(withPrintStyle(fixtureHtml("paper-1"), printCss(box, `${SERIES} — paper-1`, false)), { waitUntil: "load" });
      reprinted = await page.pdf({ tagged: true, outline: true, printBackground: true, preferCSSPageSize: true });
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 60_000);

  /** What a reader sees of a finished PDF: the checks of finishPdf's every job. */
  async function seen(pdf: Uint8Array) {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const ids: string[] = [];
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      const id = object instanceof PDFDict && object.has(PDFName.of("S")) ? object.get(PDFName.of("ID")) : undefined;
      if (id instanceof PDFString || id instanceof PDFHexString) ids.push(id.decodeText());
    }
    const titles: string[] = [];
    const walk = (item: PDFDict | undefined): void => {
      for (; item !== undefined; item = item.lookupMaybe(PDFName.of("Next"), PDFDict)) {
        titles.push(item.lookup(PDFName.of("Title"), PDFString, PDFHexString).decodeText());
        walk(item.lookupMaybe(PDFName.of("First"), PDFDict));
      }
    };
    walk(doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict)?.lookupMaybe(PDFName.of("First"), PDFDict));
    return {
      pages: doc.getPageCount(), title: doc.getTitle(), author: doc.getAuthor(), subject: doc.getSubject(), keywords: doc.getKeywords(),
      creator: doc.getCreator(), producer: doc.getProducer(), created: doc.getCreationDate()?.toISOString(), modified: doc.getModificationDate()?.toISOString(),
      language: doc.catalog.lookup(PDFName.of("Lang"), PDFString).decodeText(),
      displayTitle: doc.catalog.lookup(PDFName.of("ViewerPreferences"), PDFDict).get(PDFName.of("DisplayDocTitle"))?.toString(),
      id: doc.context.trailerInfo.ID?.toString(), ids: ids.sort(), titles, objects: doc.context.enumerateIndirectObjects().length,
    };
  }

  const input = (name: Name, pdf: Uint8Array, numbers: Record<string, number> = {}): FinishInput => ({
    raw: pdf, numbers, anchors: {}, headings: htmlHeadings(fixtureHtml(name)), metadata: { ...metadata(name), title: `${metadata(name).title} — «tricky» (one) \\ two` },
    fingerprint: `fingerprint of ${name}`, reprintsLeft: true,
  });

  it("sets the metadata, language, outline titles, structure ids and trailer /ID, and loses nothing Chromium wrote", async () => {
    let ids = 0;
    for (const name of NAMES) {
      const pdf = get(raw, name);
      const finished = await checkAndFinish(input(name, pdf));
      if (finished.kind !== "done") throw new Error(`${name} asked for a reprint`);
      const facts = await seen(finished.bytes);
      expect(facts.pages, name).toBe(finished.pages);
      expect(facts.title, name).toBe(`${metadata(name).title} — «tricky» (one) \\ two`);
      expect(facts.producer, name).toBe("papersmith");
      expect(facts.created, name).toBe(metadata(name).date.toISOString());
      expect(facts.displayTitle, name).toBe("true");
      expect(facts.id, name).toMatch(/^\[ <([0-9a-f]{32})> <\1> \]$/);
      // Structure ids renumbered in order, whatever DOM node numbers Chromium made them from.
      ids += facts.ids.length;
      expect(facts.ids, name).toEqual(facts.ids.map((_, i) => `node${String(i + 1).padStart(8, "0")}`));
      // Every bookmark has its heading's text (Chromium's drop the space where a heading wraps).
      expect(facts.titles, name).toEqual(htmlHeadings(fixtureHtml(name)));
      // Nothing of what Chromium wrote is lost: same text on every page, still tagged.
      const [file, rawFile] = [join(dir, `finished-${name}.pdf`), join(dir, `raw-${name}.pdf`)];
      writeFileSync(file, finished.bytes);
      writeFileSync(rawFile, pdf);
      expect(execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }), name).toBe(execFileSync("pdftotext", [rawFile, "-"], { encoding: "utf8" }));
      expect(execFileSync("pdfinfo", [file], { encoding: "utf8" }), name).toMatch(/^Tagged:\s+yes$/m);
    }
    expect(ids).toBeGreaterThan(0); // the check is not vacuous
  });

  it("asks for a reprint with the pages the contents' targets landed on, and finishes once they are right", async () => {
    for (const name of NAMES) {
      const pdf = get(raw, name);
      const targets = [...new Set(fixtureHtml(name).match(/data-target="[^"]+"/g) ?? [])].map((m) => m.slice(13, -1));
      expect(targets.length, name).toBeGreaterThan(0);
      // Every estimate wrong: each is corrected to where its target landed.
      const wrong = Object.fromEntries(targets.map((target) => [target, 99]));
      const checked = await checkAndFinish(input(name, pdf, wrong));
      if (checked.kind !== "reprint") throw new Error(`${name} finished with wrong numbers`);
      expect(Object.keys(checked.numbers).sort(), name).toEqual([...targets].sort());
      for (const page of Object.values(checked.numbers)) expect(page, name).toBeLessThan(99);
      expect((await checkAndFinish(input(name, pdf, checked.numbers))).kind, name).toBe("done");
    }
  });

  it("gives the same bytes for two prints of one document that differ in Chromium's node ids", async () => {
    const first = get(raw, "paper-1");
    expect(Buffer.compare(Buffer.from(first), Buffer.from(reprinted))).not.toBe(0);
    const [a, b] = [await checkAndFinish(input("paper-1", first)), await checkAndFinish(input("paper-1", reprinted))];
    expect(a.kind).toBe("done");
    expect(a).toEqual(b);
  });
});

describe("print environment stamp (what, besides the document, decides a PDF's bytes)", () => {
  it("changes when a font is added to a font folder, and with the browser", async () => {
    const CHROMIUM = "/usr/bin/chromium";
    const home = mkdtempSync(join(tmpdir(), "papersmith-stamp-home-"));
    const saved = process.env.HOME;
    process.env.HOME = home;
    try {
      const before = await printEnvironmentStamp(CHROMIUM);
      expect(await printEnvironmentStamp(CHROMIUM)).toBe(before);
      mkdirSync(join(home, ".local/share/fonts/new-family"), { recursive: true });
      const after = await printEnvironmentStamp(CHROMIUM);
      expect(after).not.toBe(before);
      await new Promise((resolve) => setTimeout(resolve, 50)); // past the file system's clock tick
      writeFileSync(join(home, ".local/share/fonts/new-family/New.ttf"), "not really a font");
      expect(await printEnvironmentStamp(CHROMIUM)).not.toBe(after);
      expect(await printEnvironmentStamp(process.execPath)).not.toBe(await printEnvironmentStamp(CHROMIUM));
    } finally {
      process.env.HOME = saved;
      rmSync(home, { recursive: true, force: true });
    }
  });
});

/** Ten columns of long words, far wider than an A4 text block, as the renderer marks a table from the sources. */
const WIDE_WORDS = ["Interdisciplinary", "Commissioning", "Accountability", "Responsibilities", "Neighbourhoods", "Multiprofessional", "Reconfiguration", "Intermediate", "Rehabilitation", "Sustainability"];
const WIDE_TABLE = (() => {
  const words = WIDE_WORDS;
  const row = (cell: (word: string) => string): string => `<tr>${words.map(cell).join("")}</tr>`;
  const body = row((word) => `<td>${word}Arrangements</td>`).repeat(3);
  return `<table data-source="papers/04-wide.md:12:1:16:40"><thead>${row((word) => `<th>${word}</th>`)}</thead><tbody>${body}</tbody></table>`;
})();
const WIDE_IMAGE = `<p><img data-source="papers/04-wide.md:18:1:18:43" alt="A very wide diagram" src="data:image/svg+xml;base64,${Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="200" viewBox="0 0 1400 200"><rect width="1400" height="200" fill="#cde"/></svg>`,
).toString("base64")}"></p>`;

/** The size of most of a document's text (its body text), in points. */
function bodyTextSize(pdf: PdfFacts): number {
  const counts = new Map<number, number>();
  for (const line of pdf.lines.flat()) {
    const size = Math.round(line.size * 100) / 100;
    counts.set(size, (counts.get(size) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

describe("content wider than the text block", () => {
  let wide: PdfFacts;
  let result: PrintResult;

  beforeAll(async () => {
    const html = fixtureHtml("paper-1").replace("<main>", `<main>${WIDE_TABLE}${WIDE_IMAGE}`);
    const outFile = join(dir, "wide", "paper-1-wide.pdf");
    mkdirSync(join(dir, "wide"), { recursive: true });
    [result] = (await printDocuments([{ html, outFile, metadata: metadata("paper-1"), runningHeader: SERIES, draft: false }], { format: "A4" })) as [PrintResult];
    wide = await pdfFacts(new Uint8Array(readFileSync(outFile)));
  }, 60_000);

  it("never shrinks the page: the body text is the size it is in the same paper without them", () => {
    const normal = bodyTextSize(get(facts, "paper-1"));
    expect(normal).toBeGreaterThan(9);
    expect(bodyTextSize(wide)).toBeCloseTo(normal, 1);
  });

  it("prints every column of the table on the page, none cut off at its edge", () => {
    const text = wide.lines.flat().map((line) => line.text).join(" ");
    for (const word of WIDE_WORDS) expect(text).toContain(word.slice(0, 7));
  });

  it("reports the table and the image by their source, with their widths", () => {
    expect(result.overflows.map(({ source, kind }) => ({ source, kind }))).toEqual([
      { source: "papers/04-wide.md:12:1:16:40", kind: "table" },
      { source: "papers/04-wide.md:18:1:18:43", kind: "image" },
    ]);
    for (const overflow of result.overflows) {
      expect(overflow.limit).toBe(643);
      expect(overflow.width).toBeGreaterThan(overflow.limit);
    }
    expect(result.overflows[1]?.width).toBe(1400);
  });
});
