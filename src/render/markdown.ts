import { posix } from "node:path";
import type { ElementContent, Element, Root as HastRoot } from "hast";
import type { Heading, Image, Link, Root } from "mdast";
import type { ContainerDirective, LeafDirective, TextDirective } from "mdast-util-directive";
import { toString } from "mdast-util-to-string";
import GithubSlugger from "github-slugger";
import remarkRehype, { defaultHandlers, type Options as ToHastOptions } from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import type { MarkdownText } from "../model/index.js";
import type { Linker } from "./linker.js";
import type { SiteModel } from "./site-model.js";
import { placeAboutPartners, type AboutPartnersMode } from "./about-partners-placement.js";
import { blockDirective, findingSection } from "./blocks.js";
import { figureOrTableElement } from "./figures.js";
import { footnoteOptions, notesHeadingId } from "./footnotes.js";
import { referenceNode } from "./references.js";
import { projectPath, throughOutsideLink } from "../resolve/project-path.js";

type Handlers = NonNullable<ToHastOptions["handlers"]>;

/** Everything rendering one Markdown body needs to know about where it goes. */
export interface BodyContext {
  readonly site: SiteModel;
  readonly linker: Linker;
  /** The page the body is shown on (the key for ids in print documents). */
  readonly page: string;
  /** Added to every heading depth (a body written with `#` headings sits under the page's h1). */
  readonly headingShift: number;
  /** Paper bodies take heading ids from the index; other bodies get local slugs. */
  readonly paperHeadings: boolean;
  /** Prefix for footnote ids, unique per body in a document. */
  readonly footnotePrefix: string;
  /** The level of the heading the content currently sits under; blocks put their headings one below. */
  level: number;
  /** Which `::about-partners` blocks show (default `all`): a print document has exactly one "About the partners". */
  readonly aboutPartners?: AboutPartnersMode;
  /** A print document's body: a reference there prints the page it leads to. */
  readonly inPrint?: boolean;
  /**
   * The blocks being rendered around this body ("charter", "partners", "quote:<id>"). A block
   * directive naming one of them, or any block below MAX_BLOCK_NESTING of them, renders as
   * nothing: check reports both, and this keeps rendering finite if one is ever rendered anyway.
   */
  readonly including?: ReadonlySet<string>;
}

/** A body context for Markdown nested inside another body (a quote's text, a statement). */
export function nestedContext(ctx: BodyContext, key: string): BodyContext {
  return { ...ctx, paperHeadings: false, footnotePrefix: `${ctx.footnotePrefix}${key}-` };
}

/** A body context inside the block `key`, so a directive naming that block again renders as nothing. */
export function enterBlock(ctx: BodyContext, key: string): BodyContext {
  return { ...ctx, including: new Set([...(ctx.including ?? []), key]) };
}

/** Renders a Markdown text to hast. Raw HTML is dropped; the page is sanitized again as a whole. */
export function renderMarkdown(md: MarkdownText, ctx: BodyContext): ElementContent[] {
  const file = md.range.file;
  const slugger = new GithubSlugger();
  const about = placeAboutPartners(md.tree, ctx.aboutPartners ?? "all");
  const handlers: Handlers = {
    heading: (state, node: Heading) => {
      if (about.hidden.has(node)) return undefined;
      const level = Math.min(6, Math.max(1, node.depth + ctx.headingShift));
      ctx.level = level;
      const raw = ctx.paperHeadings ? ctx.site.index.headingIds.get(node) : slugger.slug(toString(node));
      const element: Element = {
        type: "element",
        tagName: `h${level}`,
        properties: raw ? { id: ctx.linker.id(ctx.page, raw) } : {},
        children: state.all(node),
      };
      state.patch(node, element);
      return state.applyData(node, element);
    },
    textDirective: (state, node: TextDirective) => referenceNode(node, state.all(node), ctx),
    leafDirective: (_state, node: LeafDirective) => (about.hidden.has(node) ? undefined : blockDirective(node, ctx, about.shown.get(node))),
    containerDirective: (state, node: ContainerDirective) => {
      if (node.name === "finding") return findingSection(node, () => state.all(node), ctx);
      const figure = ctx.site.index.figureByNode.get(node);
      if (figure) return figureOrTableElement(node, figure, (parent) => state.all(parent), ctx);
      return { type: "element", tagName: "div", properties: {}, children: state.all(node) };
    },
    image: (state, node: Image) => {
      const element = defaultHandlers.image(state, node);
      const local = localPath(file, node.url, ctx.site.series.outside);
      if (local !== undefined) {
        const src = local.path === undefined ? undefined : ctx.linker.asset(local.path);
        if (src === undefined) delete element.properties["src"];
        else element.properties["src"] = src;
      }
      return element;
    },
    link: (state, node: Link) => {
      const element = defaultHandlers.link(state, node);
      const href = localHref(file, node.url, ctx);
      if (href === null) return { type: "element", tagName: "span", properties: {}, children: element.children };
      if (href !== undefined) element.properties["href"] = href;
      return element;
    },
  };
  const processor = unified().use(remarkRehype, { handlers, ...footnoteOptions(ctx.footnotePrefix) });
  const tree = processor.runSync(stripFrontmatter(md.tree)) as HastRoot;
  const labelId = notesHeadingId(ctx.footnotePrefix);
  visit(tree, "element", (element) => {
    if (element.properties["id"] === "footnote-label") element.properties["id"] = labelId;
    const describedBy = element.properties["ariaDescribedBy"];
    if (Array.isArray(describedBy)) element.properties["ariaDescribedBy"] = describedBy.map((d) => (d === "footnote-label" ? labelId : d));
  });
  return tree.children.filter((n): n is ElementContent => n.type !== "doctype");
}

/** A Markdown field shown inline: a single paragraph's contents, or the blocks as they are. */
export function renderInlineMarkdown(md: MarkdownText, ctx: BodyContext): ElementContent[] {
  const nodes = renderMarkdown(md, ctx).filter((n) => !(n.type === "text" && n.value.trim() === ""));
  const only = nodes[0];
  return nodes.length === 1 && only?.type === "element" && only.tagName === "p" ? only.children : nodes;
}

function stripFrontmatter(tree: Root): Root {
  return tree.children.some((n) => n.type === "yaml") ? { ...tree, children: tree.children.filter((n) => n.type !== "yaml") } : tree;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** A relative URL resolved against the file it was written in; path undefined when it leaves the project. */
export function localPath(file: string, url: string, outside: ReadonlySet<string>): { path?: string; fragment?: string } | undefined {
  if (url === "" || SCHEME.test(url) || url.startsWith("/") || url.startsWith("#")) return undefined;
  const hash = url.indexOf("#");
  const fragment = hash < 0 ? undefined : url.slice(hash + 1);
  const inProject = projectPath(url, posix.dirname(file));
  // A file reached through a symbolic link out of the project is never read (link-broken says so).
  const path = inProject === undefined || throughOutsideLink(inProject, outside) ? undefined : inProject;
  return { ...(path === undefined ? {} : { path }), ...(fragment === undefined ? {} : { fragment }) };
}

/** The href of a Markdown link: a page for an entity's file, an asset for any other project file. null: no link. */
function localHref(file: string, url: string, ctx: BodyContext): string | null | undefined {
  if (url.startsWith("#")) return `#${ctx.linker.id(ctx.page, url.slice(1))}`;
  const local = localPath(file, url, ctx.site.series.outside);
  if (local === undefined) return undefined;
  if (local.path === undefined) return null;
  if (local.path === file && local.fragment !== undefined) return `#${ctx.linker.id(ctx.page, local.fragment)}`;
  const page = ctx.site.pageOfFile(local.path);
  if (page !== undefined) {
    return ctx.linker.href(local.fragment === undefined ? { page } : { page, fragment: local.fragment }) ?? null;
  }
  if (local.path.endsWith(".md")) return null;
  return ctx.linker.fileHref(local.path) ?? null;
}
