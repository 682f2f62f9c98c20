/**
 * Functions that run inside the browser page (passed to page.evaluate, so each is
 * self-contained: no imports, no outer variables).
 *
 * Chromium has no API that says on which printed page an element lands, and `target-counter()`
 * is not supported, so the contents' page numbers are estimated from layout: the document is laid
 * out once more as a multi-column box whose columns have exactly the size of a page's content box
 * (multi-column and page fragmentation share Chromium's block-fragmentation engine), with every
 * forced page break turned into a column break. An element's column is then its page. The print
 * stage checks the estimate against the printed PDF's destinations and reprints only on a miss.
 */

export interface PrepareArgs {
  /** The print CSS; added here only if the <style> put into the HTML (see withPrintStyle) is missing. */
  readonly css: string;
  readonly styleId: string;
  /** When set, a watermark element with this class and the text DRAFT is added to the body. */
  readonly draftClass: string | undefined;
  readonly contentWidth: string;
  readonly contentHeight: string;
  /** Page numbers already known (a corrected reprint): filled in without measuring. */
  readonly numbers: Record<string, number> | undefined;
  /** The class that fits a table wider than the text block to it (see printCss). */
  readonly fitClass: string;
  /** The class of a `wide` table's block, printed on a landscape page whose text block is `wideContentWidth` wide. */
  readonly wideClass: string;
  readonly wideContentWidth: string;
  /** The figures and tables with ids: other PDFs may print their pages, as they do headings'. */
  readonly figureSelector: string;
  /** The class of the spans after in-document references that show their target's page. */
  readonly refPageClass: string;
  /** The class of the spans that show a page of another PDF, and those pages, by "path#id". */
  readonly crossPageClass: string;
  readonly crossPages: Readonly<Record<string, number>>;
}

/** A table or image wider than the text block, by its `data-source` ("file:line:column:endLine:endColumn"). */
export interface MeasuredOverflow {
  readonly source: string;
  readonly kind: "table" | "image";
  /** Its own width, in CSS pixels, before it was fitted. */
  readonly width: number;
  /** The text block's width, in CSS pixels. */
  readonly limit: number;
}

export interface Prepared {
  /** The contents' page numbers filled in, by target id. */
  readonly numbers: Record<string, number>;
  /** The estimated page of each heading, figure and table with an id: where other PDFs' references to it lead. */
  readonly anchors: Record<string, number>;
  /** The text of every h1–h6, in document order (Chromium's bookmarks drop spaces at line wraps). */
  readonly headings: string[];
  /** Tables and images from the sources that were wider than the text block, in document order. */
  readonly overflows: MeasuredOverflow[];
}

/**
 * Readies a loaded document for printing: makes sure the print CSS is there, adds the watermark,
 * waits for fonts, fits content wider than the text block, fills the page numbers of the contents
 * and of in-document references (given, or else estimated from layout), and reads the headings'
 * text.
 */
export async function prepareAndMeasure(args: PrepareArgs): Promise<Prepared> {
  if (document.getElementById(args.styleId) === null) {
    const style = document.createElement("style");
    style.id = args.styleId;
    style.textContent = args.css;
    (document.head ?? document.documentElement).append(style);
  }
  if (args.draftClass !== undefined) {
    const mark = document.createElement("div");
    mark.className = args.draftClass;
    mark.setAttribute("aria-hidden", "true");
    mark.textContent = "DRAFT";
    document.body.append(mark);
  }
  await document.fonts.ready;

  const overflows = fitWideContent();
  const headings = Array.from(document.querySelectorAll<HTMLElement>("h1, h2, h3, h4, h5, h6"), (heading) =>
    heading.innerText.replace(/\s+/g, " ").trim(),
  );
  // Pages in other PDFs are known before printing (or the reference goes without one).
  for (const span of Array.from(document.querySelectorAll<HTMLElement>(`.${args.crossPageClass}[data-target]`))) {
    const page = args.crossPages[span.dataset["target"] ?? ""];
    if (page === undefined) span.parentElement?.remove();
    else span.textContent = String(page);
  }
  const spans = Array.from(document.querySelectorAll<HTMLElement>(`.toc-page[data-target], .${args.refPageClass}[data-target]`));
  // A reference's number sits in running text: laid out with a stand-in of two digits, the
  // estimate sees lines about as long as they will be printed.
  for (const span of spans) if (span.classList.contains(args.refPageClass)) span.textContent = "00";
  const targets = spans.map((span) => span.dataset["target"] ?? "");
  const headingIds = Array.from(document.querySelectorAll<HTMLElement>("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]"), (heading) => heading.id);
  const figureIds = Array.from(document.querySelectorAll<HTMLElement>(args.figureSelector), (figure) => figure.id);
  const placeIds = [...headingIds, ...figureIds];
  const estimated = estimatePages(args.numbers === undefined ? [...targets, ...placeIds] : placeIds);
  const numbers = spans.length === 0 ? {} : (args.numbers ?? pick(estimated, targets));
  const anchors = pick(estimated, placeIds);
  for (const span of spans) {
    const page = numbers[span.dataset["target"] ?? ""];
    span.textContent = page === undefined ? "" : String(page);
    // A reference whose target is not in the document says nothing rather than "(see p. )".
    if (page === undefined && span.classList.contains(args.refPageClass)) span.parentElement?.remove();
  }
  return { numbers, anchors, headings, overflows };

  function pick(pages: Record<string, number>, ids: readonly string[]): Record<string, number> {
    const picked: Record<string, number> = {};
    for (const id of ids) {
      const page = pages[id];
      if (page !== undefined) picked[id] = page;
    }
    return picked;
  }

  /**
   * Chromium shrinks every page when anything is wider than the page, so nothing may be: each
   * table wider than the text block gets the fit class (smaller type, words broken anywhere),
   * and a fixed layout if it is still too wide; images already scale to the block (max-width).
   * Those that carry their source position are reported.
   */
  function fitWideContent(): MeasuredOverflow[] {
    const measure = (width: string): number => {
      const probe = document.createElement("div");
      probe.style.cssText = `position: absolute; visibility: hidden; width: ${width}; height: 0;`;
      document.body.append(probe);
      const measured = probe.getBoundingClientRect().width;
      probe.remove();
      return measured;
    };
    const portrait = measure(args.contentWidth);
    const landscape = measure(args.wideContentWidth);
    const left = document.body.getBoundingClientRect().left;
    const found: MeasuredOverflow[] = [];
    for (const element of Array.from(document.body.querySelectorAll<HTMLElement>("table, img"))) {
      // A `wide` table has the landscape page's text block; it is laid out in that width when printed.
      const limit = element.closest(`.${args.wideClass}`) === null ? portrait : landscape;
      const tooWide = (candidate: Element): boolean => candidate.getBoundingClientRect().right - left > limit + 1;
      const source = element.dataset["source"];
      if (element instanceof HTMLImageElement) {
        if (source !== undefined && element.naturalWidth > limit + 1) found.push({ source, kind: "image", width: element.naturalWidth, limit: Math.round(limit) });
        continue;
      }
      if (!tooWide(element)) continue;
      const width = Math.round(element.getBoundingClientRect().width);
      element.classList.add(args.fitClass);
      if (tooWide(element)) element.style.setProperty("table-layout", "fixed");
      if (source !== undefined) found.push({ source, kind: "table", width, limit: Math.round(limit) });
    }
    return found;
  }

  /** Lays the body out as columns of one page's content box each; a target's column is its page. */
  function estimatePages(targets: readonly string[]): Record<string, number> {
    const body = document.body;
    const restore: Array<[Element, string | null]> = [[body, body.getAttribute("style")]];
    const forced = new Set(["page", "left", "right", "recto", "verso", "always"]);
    for (const element of Array.from(body.querySelectorAll<HTMLElement>("*"))) {
      const computed = getComputedStyle(element);
      const page = computed.getPropertyValue("page");
      const named = page !== "" && page !== "auto";
      const before = named || forced.has(computed.breakBefore);
      const after = named || forced.has(computed.breakAfter);
      if (!before && !after) continue;
      restore.push([element, element.getAttribute("style")]);
      if (before) element.style.setProperty("break-before", "column", "important");
      if (after) element.style.setProperty("break-after", "column", "important");
    }
    const gap = 200;
    for (const [name, value] of [
      ["box-sizing", "content-box"],
      ["width", args.contentWidth],
      ["height", args.contentHeight],
      ["column-width", args.contentWidth],
      ["column-gap", `${gap}px`],
      ["column-fill", "auto"],
      ["overflow", "visible"],
    ] as const) {
      body.style.setProperty(name, value, "important");
    }

    const box = body.getBoundingClientRect();
    const stride = box.width + gap;
    const pages: Record<string, number> = {};
    for (const target of targets) {
      if (target === "" || target in pages) continue;
      const rect = document.getElementById(target)?.getClientRects()[0];
      if (rect === undefined) continue;
      pages[target] = Math.floor((rect.left - box.left + gap / 2) / stride) + 1;
    }

    for (const [element, value] of restore) {
      if (value === null) element.removeAttribute("style");
      else element.setAttribute("style", value);
    }
    return pages;
  }
}
