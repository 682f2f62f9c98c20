import { posix } from "node:path";
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { select, selectAll } from "hast-util-select";
import { checkProject } from "../src/check.js";
import type { Series } from "../src/model/index.js";
import { renderSite, type RenderOptions, type RenderedSite } from "../src/render/site.js";
import { fixture } from "./helpers/fixtures.js";

/** The text content of a node. */
export function textOf(node: Root | Element | Root["children"][number]): string {
  if (node.type === "text") return node.value;
  if (node.type === "element" || node.type === "root") return node.children.map((c) => textOf(c)).join("");
  return "";
}

export const SOURCE_DATE = new Date("2015-01-01T00:00:00Z");

/** A rendered project, with its pages parsed for querying. */
export class Rendered {
  private readonly trees = new Map<string, Root>();
  readonly files: ReadonlyMap<string, string | Uint8Array>;

  constructor(readonly site: RenderedSite, readonly errors: number, readonly series: Series) {
    this.files = new Map(site.files.map((f) => [f.path, f.content]));
  }

  get paths(): string[] { return [...this.files.keys()]; }
  get pages(): string[] { return this.paths.filter((p) => p.endsWith(".html")); }

  html(path: string): string {
    const content = this.files.get(path);
    if (typeof content !== "string") throw new Error(`no page ${path} among ${this.paths.join(", ")}`);
    return content;
  }

  tree(path: string): Root {
    let tree = this.trees.get(path);
    if (!tree) { tree = fromHtml(this.html(path)); this.trees.set(path, tree); }
    return tree;
  }

  all(path: string, selector: string): Element[] { return selectAll(selector, this.tree(path)); }
  one(path: string, selector: string): Element {
    const found = select(selector, this.tree(path));
    if (!found) throw new Error(`${path}: nothing matches ${selector}`);
    return found;
  }
  text(path: string, selector: string): string { return textOf(this.one(path, selector)).replace(/\s+/g, " ").trim(); }

  /** Every id on a page. */
  ids(path: string): Set<string> {
    return new Set(this.all(path, "[id]").map((e) => String(e.properties["id"])));
  }
}

/** Loads, resolves and validates a fixture of test/fixtures/render/, then renders it. */
export async function renderFixture(name: string, options: Partial<RenderOptions> = {}): Promise<Rendered> {
  return renderProject(fixture("render", name), options);
}

export async function renderProject(root: string, options: Partial<RenderOptions> = {}): Promise<Rendered> {
  const check = await checkProject(root);
  const site = await renderSite(check.series, check.index, { includeDrafts: false, now: SOURCE_DATE, ...options });
  return new Rendered(site, check.errors, check.series);
}

/** Where a relative href on `page` points: the output path and the fragment. */
export function resolveHref(page: string, href: string): { path: string; fragment?: string } {
  const [path = "", fragment] = href.split("#");
  const target = path === "" ? page : posix.normalize(posix.join(posix.dirname(page), decodeURI(path)));
  return fragment === undefined ? { path: target } : { path: target, fragment: decodeURIComponent(fragment) };
}

export function isExternal(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//");
}
