import type { Element, ElementContent } from "hast";
import type { ContainerDirective, LeafDirective } from "mdast-util-directive";
import { h } from "hastscript";
import { MAX_BLOCK_NESTING, type CaseStudy, type Outcome, type Quote } from "../model/index.js";
import { ABOUT_PARTNERS_TITLE, type ShownAboutPartners } from "./about-partners-placement.js";
import { enterBlock, nestedContext, renderMarkdown, type BodyContext } from "./markdown.js";
import { findingFragment, sectorFragment, CASE_INDEX_PAGE } from "./paths.js";
import { formatDate, sectorLabel } from "./text.js";
import type { SiteModel } from "./site-model.js";

/** A heading one level below the content it sits in. */
function subHeading(ctx: BodyContext, children: ElementContent[] | string, props: Record<string, string | string[]> = {}): Element {
  return h(`h${Math.min(6, ctx.level + 1)}`, props, children);
}

/** A link when the target has an href in this document, else a span. */
export function linkOrText(href: string | undefined, children: ElementContent[] | string, className?: string[]): Element {
  const props = className ? { className } : {};
  return href === undefined ? h("span", props, children) : h("a", { ...props, href }, children);
}

/** The block directives of see docs/reference.md#references (`::case-study`, `::quote`, and the listing blocks). */
export function blockDirective(node: LeafDirective, ctx: BodyContext, placed?: ShownAboutPartners): ElementContent | undefined {
  const key = blockKey(node, ctx);
  if (key !== undefined && ctx.including !== undefined && (ctx.including.has(key) || ctx.including.size >= MAX_BLOCK_NESTING)) return undefined;
  switch (node.name) {
    case "values-charter": return valuesCharter(ctx);
    case "about-partners": return aboutPartnersInBody(ctx, placed?.headingId);
    case "value-matrix": return valueMatrix(ctx);
    case "case-study":
    case "quote": {
      const resolved = ctx.site.index.referenceByNode.get(node);
      if (resolved?.resolution.status !== "ok") return undefined;
      const target = resolved.resolution.target;
      // Outside final papers (which cannot embed one), an uncleared case study is left out of public output.
      if (target.kind === "case") return ctx.site.publication.isCasePublic(target) ? caseStudyBox(target, ctx) : undefined;
      if (target.kind === "quote") return quoteFigure(target, ctx);
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The block a directive renders that holds Markdown of its own (see BodyContext.including), so
 * that a block including itself is caught; the Word writer keys its blocks the same way.
 */
export function blockKey(node: LeafDirective, ctx: { readonly site: SiteModel }): string | undefined {
  if (node.name === "values-charter") return "charter";
  if (node.name === "about-partners") return "partners";
  if (node.name !== "quote") return undefined;
  const resolved = ctx.site.index.referenceByNode.get(node);
  return resolved?.resolution.status === "ok" ? `quote:${resolved.resolution.target.id}` : undefined;
}

/** `::case-study`: title, summary, locality, sectors and outcomes, in an aside. */
export function caseStudyBox(caseStudy: CaseStudy, ctx: BodyContext): Element {
  const target = ctx.site.targetOf(caseStudy);
  const href = target === undefined ? undefined : ctx.linker.href(target);
  return h("aside", { className: ["case-study-box"], ariaLabel: `Case study: ${caseStudy.title}` }, [
    h("p", { className: ["box-kind"] }, "Case study"),
    subHeading(ctx, [linkOrText(href, caseStudy.title)], { className: ["box-title"] }),
    h("p", { className: ["box-summary"] }, caseStudy.summary),
    caseFacts(caseStudy, ctx, false),
    ...(caseStudy.outcomes.length > 0 ? [outcomesTable(caseStudy.outcomes, `Outcomes: ${caseStudy.title}`)] : []),
  ]);
}

/** Locality, sectors, organisations (and on the full page, values and themes) as a description list. */
export function caseFacts(caseStudy: CaseStudy, ctx: BodyContext, full: boolean): Element {
  const rows: Element[] = [];
  const add = (term: string, ...details: ElementContent[]): void => {
    rows.push(h("div", [h("dt", term), h("dd", details)]));
  };
  add("Locality", { type: "text", value: caseStudy.locality });
  add("Sectors", ...joinNodes(caseStudy.sectors.map((s) =>
    full ? linkOrText(ctx.linker.href({ page: CASE_INDEX_PAGE, fragment: sectorFragment(s) }), sectorLabel(s)) : text(sectorLabel(s)))));
  if (caseStudy.organisations.length > 0) {
    add("Organisations", text(caseStudy.organisations.map((o) => ctx.site.organisationName(o)).join(", ")));
  }
  if (full) {
    const values = caseStudy.values.flatMap((ref) => {
      const value = ctx.site.value(ref.id);
      if (!value) return [];
      const target = ctx.site.targetOf(value);
      return [linkOrText(target && ctx.linker.href(target), value.title)];
    });
    if (values.length > 0) add("Values", ...joinNodes(values));
    if (caseStudy.themes.length > 0) add("Themes", text(caseStudy.themes.join(", ")));
  }
  return h("dl", { className: ["facts"] }, rows);
}

/** An outcomes table: measure by before and after, with caption and header scopes. */
export function outcomesTable(outcomes: readonly Outcome[], caption: string): Element {
  // The unit goes only after a number: "n/a" or "not measured" stands as written.
  const withUnit = (value: string | undefined, unit: string | undefined): string =>
    value === undefined ? "—" : unit && /^[-+−]?[\d.,]+$/.test(value.trim()) ? (unit === "%" ? `${value}%` : `${value} ${unit}`) : value;
  return h("table", { className: ["outcomes"] }, [
    h("caption", caption),
    h("thead", [h("tr", [h("th", { scope: "col" }, "Measure"), h("th", { scope: "col" }, "Before"), h("th", { scope: "col" }, "After")])]),
    h("tbody", outcomes.map((o) =>
      h("tr", [h("th", { scope: "row" }, o.measure), h("td", withUnit(o.before, o.unit)), h("td", withUnit(o.after, o.unit))]))),
  ]);
}

/** `::quote`: the text in a blockquote, the speaker's name, role and organisation in a caption. */
export function quoteFigure(quote: Quote, ctx: BodyContext): Element {
  const person = ctx.site.person(quote.by.id);
  const details: string[] = [];
  if (person?.role) details.push(person.role);
  if (person?.organisation) details.push(ctx.site.organisationName(person.organisation));
  const caption: ElementContent[] = [h("cite", { className: ["quote-speaker"] }, person?.name ?? quote.by.id)];
  if (details.length > 0) caption.push(text(`, ${details.join(", ")}`));
  const sourceSession = quote.source === undefined ? undefined : ctx.site.session(quote.source);
  const source: ElementContent[] = [];
  if (sourceSession) {
    const target = ctx.site.targetOf(sourceSession);
    source.push(linkOrText(target && ctx.linker.href(target), ctx.site.textOf(sourceSession)));
  } else if (quote.source !== undefined) {
    source.push(text(quote.source));
  }
  if (quote.date !== undefined) source.push(text(source.length > 0 ? `, ${formatDate(quote.date)}` : formatDate(quote.date)));
  if (source.length > 0) caption.push(h("span", { className: ["quote-source"] }, [text(" ("), ...source, text(")")]));
  return h("figure", { className: ["pull-quote"] }, [
    h("blockquote", renderMarkdown(quote.text, nestedContext(enterBlock(ctx, `quote:${quote.id}`), `q-${quote.id}`))),
    h("figcaption", caption),
  ]);
}

/** `::values-charter`: the charter's preamble and its values, numbered. */
export function valuesCharter(ctx: BodyContext, withIds = false): Element {
  const charter = ctx.site.series.charter;
  if (!charter) return h("div", { className: ["values-charter"] });
  const inner = enterBlock(ctx, "charter");
  return h("div", { className: ["values-charter"] }, [
    ...(charter.preamble ? [h("div", { className: ["charter-preamble"] }, renderMarkdown(charter.preamble, nestedContext(inner, "preamble")))] : []),
    h("ol", { className: ["charter-values"] }, charter.values.map((value) => {
      const target = ctx.site.targetOf(value);
      const title = withIds ? text(value.title) : linkOrText(target && ctx.linker.href(target), value.title);
      return h("li", withIds ? { id: ctx.linker.id(ctx.page, target?.fragment ?? value.id) } : {}, [
        h("p", { className: ["value-title"] }, [h("strong", [title])]),
        h("div", { className: ["value-statement"] }, renderMarkdown(value.statement, nestedContext(inner, `v-${value.id}`))),
      ]);
    })),
  ]);
}

/**
 * `::about-partners` where the writer put it: under the writer's heading right before it, else
 * under an "About the partners" heading of the page's section level, with the id given.
 */
function aboutPartnersInBody(ctx: BodyContext, headingId: string | undefined): ElementContent {
  if (headingId === undefined) return aboutPartners(ctx);
  ctx.level = 2;
  const block = aboutPartners(ctx);
  return h("section", { className: ["about-partners-section"], ariaLabelledBy: ctx.linker.id(ctx.page, headingId) }, [
    h("h2", { id: ctx.linker.id(ctx.page, headingId) }, ABOUT_PARTNERS_TITLE),
    block,
  ]);
}

/** `::about-partners`: each partner's "About" text under its own heading. */
export function aboutPartners(ctx: BodyContext): Element {
  const inner = enterBlock(ctx, "partners");
  return h("div", { className: ["about-partners"] }, ctx.site.partners.map((partner) => {
    const body = partner.about ? renderMarkdown(partner.about, nestedContext(inner, `about-${partner.id}`)) : [];
    const link = !isWebUrl(partner.url) ? [] : [h("p", { className: ["partner-url"] }, [h("a", { href: partner.url }, partner.url.replace(/^https?:\/\//, "").replace(/\/$/, ""))])];
    return h("section", { className: ["about-partner"], ariaLabel: `About ${partner.name}` }, [
      subHeading(ctx, `About ${partner.name}`),
      ...body,
      ...link,
    ]);
  }));
}

/** `::value-matrix`: each value against the approved case studies that demonstrate it and the papers that cite it. */
export function valueMatrix(ctx: BodyContext): Element {
  const values = ctx.site.values;
  const cell = (items: readonly { title: string; href: string | undefined }[]): Element =>
    h("td", items.length === 0 ? [h("span", { className: ["none"] }, "None yet")] : [h("ul", items.map((i) => h("li", [linkOrText(i.href, i.title)])))]);
  return h("table", { className: ["value-matrix"] }, [
    h("caption", "Values, the case studies that demonstrate them and the papers that cite them"),
    h("thead", [h("tr", [h("th", { scope: "col" }, "Value"), h("th", { scope: "col" }, "Case studies"), h("th", { scope: "col" }, "Papers")])]),
    h("tbody", values.map((value) => {
      const valueTarget = ctx.site.targetOf(value);
      const cases = ctx.site.casesDemonstrating(value).map((c) => {
        const t = ctx.site.targetOf(c);
        return { title: c.title, href: t && ctx.linker.href(t) };
      });
      const papers = ctx.site.papersUsing(`value:${value.id}`).map((p) => {
        const t = ctx.site.targetOf(p);
        return { title: ctx.site.textOf(p), href: t && ctx.linker.href(t) };
      });
      return h("tr", [
        h("th", { scope: "row" }, [linkOrText(valueTarget && ctx.linker.href(valueTarget), `${value.number}. ${value.title}`)]),
        cell(cases),
        cell(papers),
      ]);
    })),
  ]);
}

/** A `:::finding` of a session body, as a section with its own id and heading. */
export function findingSection(node: ContainerDirective, children: () => ElementContent[], ctx: BodyContext): Element {
  const finding = ctx.site.findingOf(node);
  const rawId = finding?.id ?? (typeof node.attributes?.["id"] === "string" ? node.attributes["id"] : undefined);
  // Named by its title, else by its place in the session: an id is internal and never published.
  const title = typeof node.attributes?.["title"] === "string" ? node.attributes["title"].trim() : "";
  const place = finding === undefined ? undefined : ctx.site.session(finding.sessionId)?.findings.indexOf(finding);
  const label = title !== "" ? title : place === undefined || place < 0 ? "Finding" : `Finding ${place + 1}`;
  const headingLevel = Math.min(6, ctx.level + 1);
  const body = children();
  const values = (finding?.values ?? []).flatMap((ref) => {
    const value = ctx.site.value(ref.id);
    if (!value) return [];
    const target = ctx.site.targetOf(value);
    return [linkOrText(target && ctx.linker.href(target), value.title)];
  });
  const id = rawId === undefined ? undefined : ctx.linker.id(ctx.page, finding ? findingFragment(finding) : `finding-${rawId}`);
  return h("section", { className: ["finding"], ...(id === undefined ? {} : { id }), ariaLabel: label }, [
    h(`h${headingLevel}`, { className: ["finding-title"] }, label),
    ...body,
    ...(values.length > 0 ? [h("p", { className: ["finding-values"] }, [text("Values: "), ...joinNodes(values)])] : []),
  ]);
}

/** An http(s) URL: the only kind shown as a partner's address. */
export function isWebUrl(url: string | undefined): url is string {
  return url !== undefined && /^https?:\/\//i.test(url);
}

export function text(value: string): ElementContent {
  return { type: "text", value };
}

/** Nodes separated by ", ". */
export function joinNodes(nodes: readonly ElementContent[]): ElementContent[] {
  return nodes.flatMap((n, i) => (i === 0 ? [n] : [text(", "), n]));
}
