import type { ElementContent } from "hast";
import { h } from "hastscript";
import { aboutPartners, linkOrText, text } from "../blocks.js";
import type { Layout, RenderedFile } from "../layout.js";
import { CHARTER_PAGE, CASE_INDEX_PAGE, HOME_PAGE, paperPage, paperPdf } from "../paths.js";
import type { SiteModel } from "../site-model.js";
import type { Templates } from "../template.js";
import { formatDate, listText } from "../text.js";
import { countNoun } from "../../diagnostics/count-noun.js";

/** "14 January 2015, 00:01 UTC". */
function embargoText(moment: string): string {
  return `${formatDate(moment.slice(0, 10))}, ${moment.slice(11, 16)} UTC`;
}

export function renderHomePage(site: SiteModel, layout: Layout, templates: Templates): RenderedFile {
  const linker = layout.linker(HOME_PAGE);
  const { series } = site;
  const charter = series.charter;
  const papers: ElementContent[] = site.papers.map((paper) => {
    const draft = paper.status === "draft";
    // Only an internal build shows a paper still under embargo: it says so on the card.
    const held = site.publication.isHeld(paper) ? `Embargoed until ${embargoText(paper.embargo ?? "")}` : undefined;
    const badges = [...(draft ? ["Draft"] : []), ...(held === undefined ? [] : [held])];
    return h("li", { className: ["card", ...(draft || held !== undefined ? ["is-draft"] : [])] }, [
      h("p", { className: ["card-kicker"] }, [text(`Paper ${paper.number}`), ...badges.flatMap((b) => [text(" "), h("span", { className: ["badge"] }, b)])]),
      h("h3", { className: ["card-title"] }, [h("a", { href: linker.href({ page: paperPage(paper) }) }, paper.title)]),
      ...(paper.subtitle ? [h("p", { className: ["card-subtitle"] }, paper.subtitle)] : []),
      ...(paper.summary ? [h("p", { className: ["card-summary"] }, paper.summary)] : []),
      h("p", { className: ["card-meta"] }, [
        h("time", { dateTime: paper.date }, formatDate(paper.date)),
        ...(site.pdfLinks ? [text(" · "), h("a", { href: linker.href({ page: paperPdf(paper) }) }, [text("PDF"), h("span", { className: ["visually-hidden"] }, ` of Paper ${paper.number}`)])] : []),
      ]),
    ]);
  });
  const ctx = layout.context(HOME_PAGE, linker);
  ctx.level = 2;
  const partnerNames = listText(site.partners.map((p) => p.name));
  const main = templates.fragment("home.html", {
    kicker: `A series from ${partnerNames}`,
    title: series.config.series.title,
    subtitle: series.config.series.subtitle,
    papers: papers.length > 0 ? papers : undefined,
    "no-papers": papers.length === 0 ? true : undefined,
    charter: charter ? true : undefined,
    "charter-title": charter?.title,
    values: charter?.values.map((value) => {
      const target = site.targetOf(value);
      return h("li", [linkOrText(target && linker.href(target), value.title)]);
    }),
    "charter-link": (el) => { el.properties["href"] = linker.href({ page: CHARTER_PAGE }); },
    cases: site.caseStudies.length > 0 ? true : undefined,
    "cases-intro": `${countNoun(site.caseStudies.length, "case study shows", "case studies show")} the values at work in services across the country.`,
    "cases-link": (el) => { el.properties["href"] = linker.href({ page: CASE_INDEX_PAGE }); },
    about: [aboutPartners(ctx)],
  });
  return layout.render({
    path: HOME_PAGE,
    title: series.config.series.title,
    ...(series.config.series.subtitle === undefined ? {} : { description: series.config.series.subtitle }),
    section: "home",
    main,
  });
}
