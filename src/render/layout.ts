import type { Element, ElementContent, Root } from "hast";
import { h } from "hastscript";
import { toHtml } from "hast-util-to-html";
import { toString } from "mdast-util-to-string";
import type { Paragraph } from "mdast";
import type { MarkdownText, Partner } from "../model/index.js";
import { SiteLinker, type AssetStore, type Linker } from "./linker.js";
import { isWebUrl } from "./blocks.js";
import { renderInlineMarkdown, type BodyContext } from "./markdown.js";
import {
  ACCESSIBILITY_PAGE, CASE_INDEX_PAGE, CHARTER_PAGE, HOME_PAGE, REPORT_PAGE, SCRIPT, SEARCH_SCRIPT, SEARCH_UI_SCRIPT,
  SEARCH_UI_STYLESHEET, STYLESHEET,
} from "./paths.js";
import { sanitizeNodes } from "./sanitize.js";
import { typeset } from "./typography.js";
import type { SiteModel } from "./site-model.js";
import type { Templates } from "./template.js";

export type NavSection = "home" | "papers" | "cases" | "charter" | "sessions" | "accessibility" | "report";

/** One site page: its place, its title, and the contents of its `<main>`. */
export interface PageSpec {
  readonly path: string;
  readonly title: string;
  readonly description?: string;
  readonly section: NavSection;
  readonly main: ElementContent[];
  readonly script?: boolean;
}

/** The output file of a page or asset. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string | Uint8Array;
}

/** Puts page contents into the co-branded layout and serialises them, sanitized. */
export class Layout {
  constructor(
    private readonly site: SiteModel,
    private readonly templates: Templates,
    private readonly assets: AssetStore,
  ) {}

  linker(page: string): SiteLinker {
    return new SiteLinker(page, this.assets);
  }

  /** A fresh context for a body shown on `page` under its h1. */
  context(page: string, linker: Linker = this.linker(page), headingShift = 0, paperHeadings = false): BodyContext {
    return { site: this.site, linker, page, headingShift, paperHeadings, footnotePrefix: "", level: 1 };
  }

  render(spec: PageSpec): RenderedFile {
    const { series } = this.site;
    const linker = this.linker(spec.path);
    const search = this.site.options.search === true;
    const tree = this.templates.fill("layout.html", {
      html: (el) => { el.properties["lang"] = series.config.series.language; },
      title: spec.path === HOME_PAGE ? series.config.series.title : `${spec.title} | ${series.config.series.title}`,
      description: spec.description === undefined ? undefined : (el) => { el.properties["content"] = spec.description; },
      // An internal build is marked on every page, and kept out of search engines should it leak.
      robots: this.site.internal ? true : undefined,
      "internal-banner": this.site.internal ? true : undefined,
      stylesheet: (el) => { el.properties["href"] = linker.href({ page: STYLESHEET }); },
      "search-stylesheet": search ? (el) => { el.properties["href"] = linker.href({ page: SEARCH_UI_STYLESHEET }); } : undefined,
      search: search ? [h("div", { id: "site-search" })] : undefined,
      logos: logoLinks(this.site.partners, linker, "cobrand-logo"),
      "site-title": [h("a", { href: linker.href({ page: HOME_PAGE }) }, series.config.series.title)],
      "site-nav": [this.nav(linker, spec.section)],
      main: spec.main,
      "footer-partners": this.footerPartners(spec.path, linker),
      "footer-links": [
        h("a", { href: linker.href({ page: ACCESSIBILITY_PAGE }) }, "Accessibility statement"),
        ...(this.site.options.report === true ? [{ type: "text", value: " · " } as const, h("a", { href: linker.href({ page: REPORT_PAGE }) }, "Traceability report")] : []),
      ],
      copyright: series.config.series.copyright,
    });
    const html = tree.children.find((n): n is Element => n.type === "element" && n.tagName === "html");
    const body = html?.children.find((n): n is Element => n.type === "element" && n.tagName === "body");
    if (body) {
      body.children = sanitizeNodes(body.children);
      scrollTables(body);
      if (search) markForSearch(body, series.config.build.baseUrl);
      if (spec.script) body.children.push(h("script", { src: linker.href({ page: SCRIPT }), defer: true }), { type: "text", value: "\n" });
      if (search) {
        for (const page of [SEARCH_UI_SCRIPT, SEARCH_SCRIPT]) body.children.push(h("script", { src: linker.href({ page }), defer: true }), { type: "text", value: "\n" });
      }
    }
    if (html) typeset(html);
    return { path: spec.path, content: serialise(tree) };
  }

  private nav(linker: SiteLinker, current: NavSection): Element {
    const items: [NavSection, string, string][] = [["home", "Home", HOME_PAGE], ["papers", "Papers", HOME_PAGE]];
    if (this.site.caseStudies.length > 0) items.push(["cases", "Case studies", CASE_INDEX_PAGE]);
    if (this.site.series.charter) items.push(["charter", this.site.series.charter.title, CHARTER_PAGE]);
    return h("ul", items.map(([section, label, page]) => {
      const target = section === "papers" ? { page, fragment: "papers" } : { page };
      const isCurrent = section === current && !(section === "papers" && current === "home");
      return h("li", [h("a", { href: linker.href(target), ...(isCurrent ? { ariaCurrent: "page" } : {}) }, label)]);
    }));
  }

  /** Each partner's name and the first paragraph of its About text: the short form. */
  private footerPartners(page: string, linker: SiteLinker): ElementContent[] {
    return this.site.partners.map((partner) => {
      const first = partner.about?.tree.children.find((n): n is Paragraph => n.type === "paragraph");
      const name = !isWebUrl(partner.url) ? h("strong", partner.name) : h("a", { href: partner.url }, [h("strong", partner.name)]);
      const short: MarkdownText | undefined = partner.about && first ? { ...partner.about, tree: { type: "root", children: [first] } } : undefined;
      const text = short ? renderInlineMarkdown(short, { ...this.context(page, linker), footnotePrefix: `fn-footer-${partner.id}-` }) : [];
      return h("div", { className: ["footer-partner"] }, [h("p", [name]), ...(text.length > 0 ? [h("p", text)] : [])]);
    });
  }
}

/** The partners' logos, in order, each linking to its partner when it has a url. */
export function logoLinks(partners: readonly Partner[], linker: Linker, className: string): ElementContent[] {
  return partners.map((partner) => {
    const src = linker.asset(partner.logo);
    const img = h("img", { src, alt: partner.logoAlt, className: [className] });
    return !isWebUrl(partner.url) ? h("span", { className: ["logo"] }, [img]) : h("a", { className: ["logo"], href: partner.url }, [img]);
  });
}

/**
 * Puts each table of the page that is not in a scrolling box already into one, so that a table
 * wider than a phone's screen scrolls by itself instead of the whole page (WCAG 1.4.10). The box
 * can take the keyboard's focus, to scroll it without a mouse, and is named by the caption.
 */
function scrollTables(parent: Element): void {
  parent.children = parent.children.map((child) => {
    if (child.type !== "element") return child;
    const classes = child.properties["className"];
    if (Array.isArray(classes) && classes.includes("table-scroll")) return child;
    if (child.tagName !== "table") {
      scrollTables(child);
      return child;
    }
    const caption = child.children.find((c): c is Element => c.type === "element" && c.tagName === "caption");
    const captionText = caption === undefined ? "" : toString(caption).trim();
    const name = captionText === "" ? "Table" : /^Table\b/.test(captionText) ? captionText : `Table: ${captionText}`;
    return h("div", { className: ["table-scroll"], role: "region", ariaLabel: name, tabIndex: 0 }, [child]);
  });
}

/**
 * After sanitizing (which drops data attributes): the search indexes each page's `<main>` only,
 * and the search box learns the site's base URL, which it puts before each result's path.
 */
function markForSearch(body: Element, baseUrl: string): void {
  const visit = (node: Element): void => {
    if (node.tagName === "main") node.properties["dataPagefindBody"] = true;
    if (node.properties["id"] === "site-search") node.properties["dataBaseUrl"] = baseUrl;
    if (node.tagName === "main") return;
    for (const child of node.children) if (child.type === "element") visit(child);
  };
  visit(body);
}

export function serialise(tree: Root): string {
  const html = toHtml(tree, { allowDangerousHtml: false, closeSelfClosing: false });
  return html.endsWith("\n") ? html : `${html}\n`;
}
