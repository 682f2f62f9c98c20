import { h } from "hastscript";
import type { Layout, RenderedFile } from "../layout.js";
import { releasePage, releasePdf } from "../paths.js";
import { releaseArticle, type PaperWithRelease } from "../release.js";
import type { SiteModel } from "../site-model.js";

/** A paper's press release as a web page (`releases/<number>-<slug>.html`). */
export function renderReleasePage(site: SiteModel, layout: Layout, paper: PaperWithRelease): RenderedFile {
  const page = releasePage(paper);
  const ctx = layout.context(page);
  ctx.level = 1;
  const article = releaseArticle(ctx, paper, (id) => id);
  return layout.render({
    path: page,
    title: `Press release: ${paper.release.headline}`,
    ...(paper.summary === undefined ? {} : { description: paper.summary }),
    section: "papers",
    main: [h("div", { className: ["release-page", "prose"] }, [
      ...(site.pdfLinks ? [h("p", { className: ["paper-download"] }, [h("a", { href: ctx.linker.href({ page: releasePdf(paper) }), className: ["button"] }, "Download this press release as PDF")])] : []),
      article,
    ])],
  });
}
