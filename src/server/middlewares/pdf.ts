import type { PreviewContext } from "../context.js";
import { send, type Middleware } from "../middleware.js";
import { sitePathOf } from "../request-path.js";
import { PDF_POLICY } from "../security-headers.js";

/**
 * `/pdf/<number>` (and the PDF links of the pages, `/pdf/<number>-<slug>.pdf`, `/pdf/series.pdf`):
 * prints that document of the current render on demand, drafts included.
 */
export function pdfMiddleware(context: PreviewContext): Middleware {
  return async (req, res, next) => {
    const path = sitePathOf(req.url ?? "/");
    const pages = context.current();
    if (path === undefined || !path.startsWith("pdf/") || pages === undefined) {
      next();
      return;
    }
    const name = path.slice("pdf/".length);
    const docs = pages.printDocuments();
    const doc = /^[1-9]\d*$/.test(name) ? docs.find((d) => d.paper?.number === Number(name)) : docs.find((d) => d.path === path);
    if (doc === undefined) {
      next();
      return;
    }
    const bytes = await context.pdf.pdf(pages, doc);
    const file = doc.path.slice(doc.path.lastIndexOf("/") + 1);
    send(req, res, 200, "application/pdf", bytes, { "Content-Disposition": `inline; filename="${file}"`, "Content-Security-Policy": PDF_POLICY });
  };
}
