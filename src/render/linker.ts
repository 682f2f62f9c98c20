import { readFileSync } from "node:fs";
import { extname, join } from "node:path";
import type { Element } from "hast";
import type { Node } from "unist";
import { visit } from "unist-util-visit";
import { assetPath, relativeHref, type LinkTarget } from "./paths.js";

const MIME: Readonly<Record<string, string>> = {
  ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
  ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif", ".pdf": "application/pdf",
  ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf",
};

/**
 * Project files the output refers to. The site copies them under assets/; print documents,
 * loaded with no base URL, carry them inline as data: URIs.
 */
export class AssetStore {
  private readonly copies = new Set<string>();
  private readonly inline = new Map<string, string | undefined>();

  constructor(private readonly root: string) {}

  /** Registers a project file for copying and returns its output path. */
  copy(projectPath: string): string {
    this.copies.add(projectPath);
    return assetPath(projectPath);
  }

  /** The file as a data: URI, or undefined when it cannot be read. */
  dataUri(projectPath: string): string | undefined {
    if (!this.inline.has(projectPath)) {
      let uri: string | undefined;
      try {
        const bytes = readFileSync(join(this.root, projectPath));
        const mime = MIME[extname(projectPath).toLowerCase()] ?? "application/octet-stream";
        uri = `data:${mime};base64,${bytes.toString("base64")}`;
      } catch {
        uri = undefined;
      }
      this.inline.set(projectPath, uri);
    }
    return this.inline.get(projectPath);
  }

  /** Every file registered for copying, in code-unit order. */
  copied(): readonly string[] {
    return [...this.copies].sort();
  }
}

const INLINE_PREFIX = "_papersmith-inline/";

/**
 * Replaces image placeholders of a print document (after sanitizing) with data: URIs, and drops
 * every other image source: a print document loads nothing from the network, so a remote image
 * whose server never answers cannot stall a build (papers carry their images in assets/). The
 * image's alt text stays.
 */
export function inlineImages(tree: Node, assets: AssetStore): void {
  visit(tree, "element", (element: Element) => {
    const src = element.properties["src"];
    if (element.tagName !== "img" || typeof src !== "string") return;
    const uri = src.startsWith(INLINE_PREFIX) ? assets.dataUri(decodeURIComponent(src.slice(INLINE_PREFIX.length)))
      : src.startsWith("data:") ? src : undefined;
    if (uri === undefined) delete element.properties["src"];
    else element.properties["src"] = uri;
    delete element.properties["srcSet"];
  });
}

/** Turns link targets and project files into hrefs for one output document. */
export interface Linker {
  /** The href of a page (and fragment), or undefined when the document cannot link there. */
  href(target: LinkTarget): string | undefined;
  /** The src of an image that is a project file (relative to the root). */
  asset(projectPath: string): string | undefined;
  /** The href of a link to a project file that is not a page (a PDF, a spreadsheet). */
  fileHref(projectPath: string): string | undefined;
  /** The id an element gets for `fragment` in this document (print documents prefix them per paper). */
  id(page: string, fragment: string): string;
}

/** Links between site pages: relative, so the site works from disk and under any base. */
export class SiteLinker implements Linker {
  constructor(readonly page: string, private readonly assets: AssetStore) {}

  href(target: LinkTarget): string {
    return relativeHref(this.page, target);
  }

  asset(projectPath: string): string {
    return relativeHref(this.page, { page: this.assets.copy(projectPath) });
  }

  fileHref(projectPath: string): string {
    return this.asset(projectPath);
  }

  id(_page: string, fragment: string): string {
    return fragment;
  }
}

/**
 * Links inside a print document: pages printed in it become fragment links (ids prefixed per
 * paper), other pages become absolute links when the site has an absolute base URL, else none.
 */
export class PrintLinker implements Linker {
  /**
   * @param printed each page in the document, with its id prefix and the id of its start
   * @param baseUrl `build.baseUrl`
   */
  constructor(
    private readonly printed: ReadonlyMap<string, { readonly prefix: string; readonly startId: string }>,
    private readonly baseUrl: string,
    private readonly assets: AssetStore,
  ) {}

  href(target: LinkTarget): string | undefined {
    const here = this.printed.get(target.page);
    if (here) return `#${target.fragment === undefined ? here.startId : here.prefix + target.fragment}`;
    if (!/^https?:\/\//i.test(this.baseUrl)) return undefined;
    const base = this.baseUrl.endsWith("/") ? this.baseUrl : `${this.baseUrl}/`;
    return new URL(relativeHref("index.html", target), base).href;
  }

  /** A placeholder that survives sanitizing; `inlineImages` swaps it for a data: URI. */
  asset(projectPath: string): string {
    return INLINE_PREFIX + encodeURIComponent(projectPath);
  }

  fileHref(projectPath: string): string | undefined {
    return this.href({ page: this.assets.copy(projectPath) });
  }

  id(page: string, fragment: string): string {
    return (this.printed.get(page)?.prefix ?? "") + fragment;
  }
}
