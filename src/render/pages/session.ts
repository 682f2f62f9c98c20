import type { ElementContent } from "hast";
import { h } from "hastscript";
import type { Session } from "../../model/index.js";
import { joinNodes, linkOrText } from "../blocks.js";
import type { Layout, RenderedFile } from "../layout.js";
import { renderMarkdown } from "../markdown.js";
import { sessionPage } from "../paths.js";
import type { SiteModel } from "../site-model.js";
import type { Templates } from "../template.js";
import { formatDate, sectorLabel } from "../text.js";
import type { BodyContext } from "../markdown.js";

/**
 * A public build's view of a session: only the findings its papers cite. Session notes are
 * working notes between leaders; what the papers draw on is published, the rest stays internal.
 */
function publishedFindings(site: SiteModel, session: Session, ctx: BodyContext): ElementContent[] {
  const findings = site.publishedFindings(session);
  const intro = h("p", { className: ["session-scope"] }, findings.length === 0
    ? "The notes of this working session are not published; the papers below draw on it."
    : `The ${findings.length === 1 ? "finding" : "findings"} of this working session that the published papers cite. The rest of the session’s notes are not published.`);
  const tree = { type: "root" as const, children: findings.map((f) => f.node) };
  return [intro, ...renderMarkdown({ ...session.body, tree }, ctx)];
}

/** A session's notes, with each finding as a section that `:finding[...]` links to. */
export function renderSessionPage(site: SiteModel, layout: Layout, templates: Templates, session: Session): RenderedFile {
  const page = sessionPage(session);
  const linker = layout.linker(page);
  const shift = session.body.tree.children.some((n) => n.type === "heading" && n.depth === 1) ? 1 : 0;
  const ctx = layout.context(page, linker, shift);
  const facts: ElementContent[] = [h("div", [h("dt", "Date"), h("dd", [h("time", { dateTime: session.date }, formatDate(session.date))])])];
  if (session.location) facts.push(h("div", [h("dt", "Location"), h("dd", session.location)]));
  if (session.sectors.length > 0) facts.push(h("div", [h("dt", "Sectors"), h("dd", session.sectors.map(sectorLabel).join(", "))]));
  const attendees = session.attendees.flatMap((ref) => { const p = site.person(ref.id); return p ? [site.textOf(p)] : []; });
  if (attendees.length > 0) facts.push(h("div", [h("dt", "Attendees"), h("dd", [h("ul", attendees.map((a) => h("li", a)))])]));
  const values = session.values.flatMap((ref) => {
    const value = site.value(ref.id);
    if (!value) return [];
    const target = site.targetOf(value);
    return [linkOrText(target && linker.href(target), value.title)];
  });
  if (values.length > 0) facts.push(h("div", [h("dt", "Values discussed"), h("dd", joinNodes(values))]));
  const body = site.internal ? renderMarkdown(session.body, ctx) : publishedFindings(site, session, ctx);
  const cited = site.papersUsing(`session:${session.id}`).map((paper) => {
    const target = site.targetOf(paper);
    return h("li", [linkOrText(target && linker.href(target), site.textOf(paper))]);
  });
  const main = templates.fragment("session.html", {
    title: session.title,
    facts,
    body,
    cited: cited.length > 0 ? true : undefined,
    "cited-list": cited,
  });
  return layout.render({ path: page, title: session.title, section: "sessions", main });
}
