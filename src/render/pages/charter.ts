import { h } from "hastscript";
import { valueMatrix, valuesCharter } from "../blocks.js";
import type { Layout, RenderedFile } from "../layout.js";
import { CHARTER_PAGE } from "../paths.js";
import type { SiteModel } from "../site-model.js";
import type { Templates } from "../template.js";

export function renderCharterPage(site: SiteModel, layout: Layout, templates: Templates): RenderedFile | undefined {
  const charter = site.series.charter;
  if (!charter) return undefined;
  const ctx = layout.context(CHARTER_PAGE);
  ctx.level = 1;
  const main = templates.fragment("charter.html", {
    kicker: site.series.config.series.title,
    title: charter.title,
    charter: [valuesCharter(ctx, true)],
    matrix: site.values.length > 0 ? true : undefined,
    "matrix-table": [valueMatrix(ctx)],
  });
  return layout.render({ path: CHARTER_PAGE, title: charter.title, section: "charter", main: [h("div", { className: ["charter-page"] }, main)] });
}
