import type { Traceability } from "../report/traceability.js";
import type { Layout, RenderedFile } from "./layout.js";
import { renderAccessibilityPage } from "./pages/accessibility.js";
import { renderCaseIndex, renderCasePage } from "./pages/case-studies.js";
import { renderCharterPage } from "./pages/charter.js";
import { renderHomePage } from "./pages/home.js";
import { renderPaperPage } from "./pages/paper.js";
import { renderReleasePage } from "./pages/release.js";
import { renderReportPage } from "./pages/report.js";
import { renderSessionPage } from "./pages/session.js";
import {
  ACCESSIBILITY_PAGE, CASE_INDEX_PAGE, CHARTER_PAGE, HOME_PAGE, REPORT_JSON, REPORT_PAGE, SCRIPT, SEARCH_SCRIPT, STYLESHEET,
  casePage, paperPage, releasePage, sessionPage,
} from "./paths.js";
import { hasRelease } from "./release.js";
import type { SiteModel } from "./site-model.js";
import type { Templates } from "./template.js";
import { fontFaces, themeVariables } from "./theme.js";

/** Renders one file of the site when called (undefined: the site has no such file after all). */
export type FileRenderer = () => RenderedFile | undefined;

/**
 * Every generated file of the site — pages, theme, script and (when asked) the report — by
 * path, in the site's order, each rendered only when called. The build renders them all; the
 * preview renders a page when it is asked for. The one list of what the site holds.
 */
export function sitePlan(site: SiteModel, layout: Layout, templates: Templates, report?: Traceability): Map<string, FileRenderer> {
  const plan = new Map<string, FileRenderer>();
  // A case study or session page never takes a path already planned: check reports an id that
  // would (schema: the case-study list's name; duplicate-id), but a build goes ahead when the
  // project turns those rules down, and the list, or the first entity, then keeps its page.
  const planEntityPage = (path: string, render: FileRenderer): void => {
    if (!plan.has(path)) plan.set(path, render);
  };
  plan.set(HOME_PAGE, () => renderHomePage(site, layout, templates));
  for (const paper of site.papers) plan.set(paperPage(paper), () => renderPaperPage(site, layout, templates, paper));
  // A release is published with its paper and never without it: site.papers holds only what this build publishes.
  for (const paper of site.papers.filter(hasRelease)) plan.set(releasePage(paper), () => renderReleasePage(site, layout, paper));
  if (site.caseStudies.length > 0) plan.set(CASE_INDEX_PAGE, () => renderCaseIndex(site, layout, templates));
  for (const c of site.caseStudies) planEntityPage(casePage(c), () => renderCasePage(site, layout, templates, c));
  for (const s of site.sessions) planEntityPage(sessionPage(s), () => renderSessionPage(site, layout, templates, s));
  plan.set(CHARTER_PAGE, () => renderCharterPage(site, layout, templates));
  plan.set(ACCESSIBILITY_PAGE, () => renderAccessibilityPage(site, layout, templates));
  if (report !== undefined) plan.set(REPORT_PAGE, () => renderReportPage(site, layout, templates, report));
  plan.set(STYLESHEET, () => ({
    path: STYLESHEET,
    content: `${fontFaces(site.series, (file) => layout.linker(STYLESHEET).asset(file))}${themeVariables(site.series)}${templates.text("content.css")}${templates.text("site.css")}`,
  }));
  plan.set(SCRIPT, () => ({ path: SCRIPT, content: templates.text("case-filter.js") }));
  if (site.options.search === true) plan.set(SEARCH_SCRIPT, () => ({ path: SEARCH_SCRIPT, content: templates.text("search.js") }));
  if (report !== undefined) plan.set(REPORT_JSON, () => ({ path: REPORT_JSON, content: `${JSON.stringify(report, null, 2)}\n` }));
  return plan;
}
