import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import { SECTORS, type CaseStudy, type Sector } from "../../model/index.js";
import { caseFacts, joinNodes, linkOrText, outcomesTable, text } from "../blocks.js";
import type { Layout, RenderedFile } from "../layout.js";
import type { Linker } from "../linker.js";
import { renderMarkdown } from "../markdown.js";
import { CASE_INDEX_PAGE, casePage, sectorFragment } from "../paths.js";
import type { SiteModel } from "../site-model.js";
import type { Templates } from "../template.js";
import { sectorLabel } from "../text.js";
import { countNoun } from "../../diagnostics/count-noun.js";

export function renderCasePage(site: SiteModel, layout: Layout, templates: Templates, caseStudy: CaseStudy): RenderedFile {
  const page = casePage(caseStudy);
  const linker = layout.linker(page);
  const shift = caseStudy.body.tree.children.some((n) => n.type === "heading" && n.depth === 1) ? 1 : 0;
  const ctx = layout.context(page, linker, shift);
  const facts: ElementContent[] = [caseFacts(caseStudy, ctx, true)];
  const sessions = caseStudy.sessions.flatMap((ref) => {
    const session = site.session(ref.id);
    // A session this build does not publish is left out, not named.
    if (!session || !site.publication.isSessionPublic(session)) return [];
    const target = site.targetOf(session);
    return [linkOrText(target && linker.href(target), session.title)];
  });
  const contact = caseStudy.contact && site.person(caseStudy.contact.id);
  const extra: ElementContent[] = [];
  if (sessions.length > 0) extra.push(h("div", [h("dt", "Presented at"), h("dd", joinNodes(sessions))]));
  if (contact) extra.push(h("div", [h("dt", "Contact"), h("dd", site.textOf(contact))]));
  const dl = facts[0] as Element;
  dl.children.push(...extra);
  if (caseStudy.outcomes.length > 0) facts.push(outcomesTable(caseStudy.outcomes, "Outcomes"));
  const body = renderMarkdown(caseStudy.body, ctx);
  const cited = site.papersUsing(`case:${caseStudy.id}`).map((paper) => {
    const target = site.targetOf(paper);
    return h("li", [linkOrText(target && linker.href(target), site.textOf(paper))]);
  });
  const draft = caseStudy.status !== "approved" || caseStudy.consent?.obtained !== true;
  const main = templates.fragment("case-study.html", {
    draft: draft ? [h("strong", "Draft"), text(`: this case study is ${caseStudy.status === "approved" ? "awaiting consent" : `at status “${caseStudy.status}”`} and not for publication.`)] : undefined,
    title: caseStudy.title,
    summary: caseStudy.summary,
    facts,
    body,
    cited: cited.length > 0 ? true : undefined,
    "cited-list": cited,
  });
  return layout.render({ path: page, title: `Case study: ${caseStudy.title}`, description: caseStudy.summary, section: "cases", main });
}

/** The case-study library: every case study, then the same grouped by sector and by value, linked from filter chips. */
export function renderCaseIndex(site: SiteModel, layout: Layout, templates: Templates): RenderedFile {
  const linker = layout.linker(CASE_INDEX_PAGE);
  const cases = site.caseStudies;
  const sectors = SECTORS.filter((s) => cases.some((c) => c.sectors.includes(s)));
  const values = site.values.filter((v) => cases.some((c) => c.values.some((r) => r.id === v.id)));
  const byValue = (id: string): CaseStudy[] => cases.filter((c) => c.values.some((r) => r.id === id));
  const chip = (fragment: string, label: string, count: number, filter: string): Element =>
    h("li", [h("a", { href: `#${fragment}`, dataFilter: filter }, [text(label), h("span", { className: ["count"] }, ` (${count})`)])]);
  const main = templates.fragment("case-index.html", {
    intro: `${countNoun(cases.length, "case study", "case studies")} of good practice from the partnership. Choose a sector or a value to see the case studies that match.`,
    "sector-links": sectors.map((s) => chip(sectorFragment(s), sectorLabel(s), cases.filter((c) => c.sectors.includes(s)).length, `sector:${s}`)),
    "value-filter": values.length > 0 ? true : undefined,
    "value-links": values.map((v) => chip(`value-${v.id}`, v.title, byValue(v.id).length, `value:${v.id}`)),
    status: [],
    cards: cases.map((c) => card(linker, c)),
    "sector-groups": sectors.map((s) => group(sectorFragment(s), sectorLabel(s), cases.filter((c) => c.sectors.includes(s)), linker)),
    "value-section": values.length > 0 ? true : undefined,
    "value-groups": values.map((v) => group(`value-${v.id}`, v.title, byValue(v.id), linker)),
  });
  return layout.render({ path: CASE_INDEX_PAGE, title: "Case studies", description: "Good-practice case studies, by sector and by value.", section: "cases", main, script: true });
}

function card(linker: Linker, c: CaseStudy): Element {
  return h("li", { className: ["card"], dataSectors: c.sectors.join(" "), dataValues: c.values.map((v) => v.id).join(" ") }, [
    h("h3", { className: ["card-title"] }, [h("a", { href: linker.href({ page: casePage(c) }) }, c.title)]),
    h("p", { className: ["card-summary"] }, c.summary),
    h("p", { className: ["card-meta"] }, `${c.locality} · ${c.sectors.map((s: Sector) => sectorLabel(s)).join(", ")}`),
    ...(c.status !== "approved" ? [h("p", [h("span", { className: ["badge"] }, "Draft")])] : []),
  ]);
}

function group(id: string, label: string, cases: readonly CaseStudy[], linker: Linker): Element {
  return h("section", { id, className: ["group"], ariaLabelledBy: `${id}-heading` }, [
    h("h3", { id: `${id}-heading` }, label),
    h("ul", cases.map((c) => h("li", [h("a", { href: linker.href({ page: casePage(c) }) }, c.title)]))),
    h("p", { className: ["back"] }, [h("a", { href: "#_filter-heading" }, "Back to the filters")]),
  ]);
}
