import type { Element, Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import type { SourcePosition, SourceRange } from "../model/index.js";
import { fileStart } from "../diagnostics/position-range.js";

/** Where an element found in the browser sits in the page's HTML file, as written. */
export interface ElementLocator {
  /** Element-child indices from the document element down to the element (empty: the document element). */
  readonly path: readonly number[];
  /** The local names along the path, from the document element down, to verify the walk. */
  readonly names: readonly string[];
  /** The element's outer HTML as axe reports it: a fallback when the path leads elsewhere. */
  readonly html: string;
}

/**
 * Positions elements in one HTML file. The browser and hast-util-from-html both parse by the HTML
 * standard, so an element's path of child indices is the same in both; elements a script added
 * (whose path does not match) are found by their opening tag in the text, or else the problem
 * goes at the start of the file.
 */
export class HtmlFile {
  private tree: Root | undefined;

  constructor(readonly file: string, readonly text: string) {}

  range(locator: ElementLocator): SourceRange {
    const start = this.byPath(locator) ?? this.byText(locator.html);
    if (start === undefined) return fileStart(this.file);
    return { file: this.file, start: this.position(start), end: this.position(openingTagEnd(this.text, start)) };
  }

  /** The offset of the element's `<`, by walking its path through the parsed file. */
  private byPath(locator: ElementLocator): number | undefined {
    this.tree ??= fromHtml(this.text);
    let node: Element | undefined = elementChildren(this.tree.children)[0];
    if (node === undefined || node.tagName !== locator.names[0]) return undefined;
    for (const [depth, index] of locator.path.entries()) {
      node = elementChildren(node.children)[index];
      if (node === undefined || node.tagName !== locator.names[depth + 1]) return undefined;
    }
    return node.position?.start.offset;
  }

  /** The offset of the element's opening tag, found once and only once in the text. */
  private byText(html: string): number | undefined {
    const opening = /^<[^>]+>/.exec(html)?.[0];
    if (opening === undefined) return undefined;
    const at = this.text.indexOf(opening);
    return at >= 0 && this.text.indexOf(opening, at + 1) < 0 ? at : undefined;
  }

  private position(offset: number): SourcePosition {
    const before = this.text.slice(0, offset);
    const lineStart = before.lastIndexOf("\n") + 1;
    return { line: before.split("\n").length, column: offset - lineStart + 1 };
  }
}

function elementChildren(children: readonly (RootContent | Element["children"][number])[]): Element[] {
  return children.filter((c): c is Element => c.type === "element");
}

/** Just past the `>` of the tag opening at `offset` (quotes respected), or the end of its line. */
function openingTagEnd(text: string, offset: number): number {
  let quote: string | undefined;
  for (let i = offset + 1; i < text.length; i += 1) {
    const c = text[i];
    if (quote !== undefined) { if (c === quote) quote = undefined; continue; }
    if (c === "\"" || c === "'") quote = c;
    else if (c === ">") return i + 1;
    else if (c === "\n") return i;
  }
  return text.length;
}
