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
}

/**
 * Readies a loaded document for printing: makes sure the print CSS is there, adds the watermark,
 * waits for fonts, and fills the contents' page numbers (given, or else estimated from layout).
 * Returns the numbers filled in.
 */
export async function prepareAndMeasure(args: PrepareArgs): Promise<Record<string, number>> {
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

  const spans = Array.from(document.querySelectorAll<HTMLElement>(".toc-page[data-target]"));
  if (spans.length === 0) return {};
  if (args.numbers !== undefined) {
    fillInPage(spans, args.numbers);
    return args.numbers;
  }

  const body = document.body;
  const restore: Array<[Element, string | null]> = [[body, body.getAttribute("style")]];
  const forced = new Set(["page", "left", "right", "recto", "verso", "always"]);
  for (const element of Array.from(body.querySelectorAll<HTMLElement>("*"))) {
    const computed = getComputedStyle(element);
    const named = computed.getPropertyValue("page") !== "" && computed.getPropertyValue("page") !== "auto";
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
  for (const span of spans) {
    const target = span.dataset["target"];
    if (target === undefined || target in pages) continue;
    const element = document.getElementById(target);
    const rect = element?.getClientRects()[0];
    if (rect === undefined) continue;
    pages[target] = Math.floor((rect.left - box.left + gap / 2) / stride) + 1;
  }

  for (const [element, value] of restore) {
    if (value === null) element.removeAttribute("style");
    else element.setAttribute("style", value);
  }
  fillInPage(spans, pages);
  return pages;

  function fillInPage(list: HTMLElement[], numbers: Record<string, number>): void {
    for (const span of list) {
      const page = numbers[span.dataset["target"] ?? ""];
      span.textContent = page === undefined ? "" : String(page);
    }
  }
}
