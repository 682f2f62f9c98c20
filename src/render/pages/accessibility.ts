import { h } from "hastscript";
import type { ElementContent } from "hast";
import { isWebUrl, text } from "../blocks.js";
import type { Layout, RenderedFile } from "../layout.js";
import type { AuditFacts } from "../options.js";
import { ACCESSIBILITY_PAGE } from "../paths.js";
import type { SiteModel } from "../site-model.js";
import type { Templates } from "../template.js";
import { formatDate, listText } from "../text.js";
import { countNoun } from "../../diagnostics/count-noun.js";


/** Who to contact: `accessibility.contact` (an email address or web page becomes a link), else the partners. */
function contactNodes(site: SiteModel): ElementContent[] {
  const contact = site.series.config.accessibility?.contact.trim();
  if (contact !== undefined && contact !== "") {
    if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact)) return [h("a", { href: `mailto:${contact}` }, contact)];
    if (isWebUrl(contact)) return [h("a", { href: contact }, contact)];
    return [text(contact)];
  }
  const partners = site.partners;
  return partners.flatMap((p, i) => {
    const sep = i === 0 ? [] : [text(i === partners.length - 1 ? " or " : ", ")];
    return [...sep, !isWebUrl(p.url) ? text(p.name) : h("a", { href: p.url }, p.name)];
  });
}

/** What the statement says of compliance: only what this build's audit (or its absence) supports. */
function compliance(audit: AuditFacts | undefined, date: string): ElementContent[] {
  if (audit === undefined) {
    return [h("p", "This edition of the website has not been audited for accessibility, so we cannot yet say how far it complies with WCAG 2.2 AA. Until it has been, please tell us about any problem you meet.")];
  }
  const when = date === "" ? "" : ` on ${formatDate(date)}`;
  if (audit.errors === 0 && audit.warnings === 0) {
    return [h("p", `This website is partially compliant with WCAG 2.2 AA. An automated check of all ${countNoun(audit.pages, "page")}${when} found no problems, but automated checks find only some kinds of problem, and the website has not yet had a full manual audit.`)];
  }
  return [h("p", `This website is partially compliant with WCAG 2.2 AA, because of the problems listed below. They were found by an automated check of all ${countNoun(audit.pages, "page")}${when}, which finds only some kinds of problem.`)];
}

function nonAccessible(audit: AuditFacts | undefined): ElementContent[] {
  if (audit === undefined) return [h("p", "We do not know yet of content that is not accessible, because this edition has not been audited.")];
  if (audit.byRule.length === 0) return [h("p", "The automated check found no content that fails WCAG 2.2 AA. The PDFs are described below.")];
  return [
    h("p", `The automated check found ${countNoun(audit.errors, "problem")} that fail WCAG 2.2 AA${audit.warnings > 0 ? ` and ${countNoun(audit.warnings, "lesser problem")}` : ""}:`),
    h("ul", audit.byRule.map(({ rule, count }) => h("li", `${countNoun(count, "problem")} found by the ${rule === "a11y" ? "page" : rule === "pdf-structure" ? "PDF structure" : rule} check`))),
    h("p", "We are fixing them before the next edition of the series."),
  ];
}

function preparation(audit: AuditFacts | undefined, date: string): ElementContent[] {
  const on = date === "" ? "" : ` on ${formatDate(date)}`;
  const method = audit === undefined
    ? "This edition was not tested: it was built without an accessibility audit."
    : `This edition was tested${on} by an automated check of every page (${countNoun(audit.pages, "page")}) with axe-core against WCAG 2.2 A and AA, and of every PDF (${countNoun(audit.pdfs, "PDF")}) for tags, bookmarks, title, language and embedded fonts.`;
  return [h("p", `This statement was prepared${on}, when this edition of the series was built.`), h("p", method)];
}

/** The accessibility statement, with the sections the UK public sector accessibility regulations ask for. */
export function renderAccessibilityPage(site: SiteModel, layout: Layout, templates: Templates): RenderedFile {
  const { audit, statementDate = "" } = site.options;
  const main = templates.fragment("accessibility.html", {
    series: [h("cite", site.series.config.series.title)],
    partners: listText(site.partners.map((p) => p.name)),
    compliance: compliance(audit, statementDate),
    "non-accessible": nonAccessible(audit),
    contacts: contactNodes(site),
    preparation: preparation(audit, statementDate),
  });
  return layout.render({ path: ACCESSIBILITY_PAGE, title: "Accessibility statement", section: "accessibility", main });
}
