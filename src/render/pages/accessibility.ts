import { h } from "hastscript";
import type { ElementContent } from "hast";
import { isWebUrl, text } from "../blocks.js";
import type { Layout, RenderedFile } from "../layout.js";
import { ACCESSIBILITY_PAGE } from "../paths.js";
import type { SiteModel } from "../site-model.js";
import type { Templates } from "../template.js";
import { listText } from "../text.js";

export function renderAccessibilityPage(site: SiteModel, layout: Layout, templates: Templates): RenderedFile {
  const partners = site.partners;
  const contacts: ElementContent[] = partners.flatMap((p, i) => {
    const sep = i === 0 ? [] : [text(i === partners.length - 1 ? " or " : ", ")];
    return [...sep, !isWebUrl(p.url) ? text(p.name) : h("a", { href: p.url }, p.name)];
  });
  const main = templates.fragment("accessibility.html", {
    series: [h("cite", site.series.config.series.title)],
    partners: listText(partners.map((p) => p.name)),
    contacts,
  });
  return layout.render({ path: ACCESSIBILITY_PAGE, title: "Accessibility statement", section: "accessibility", main });
}
