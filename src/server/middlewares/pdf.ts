import type { PreviewContext } from "../context.js";
import { send, type Middleware } from "../middleware.js";
import { sitePathOf } from "../request-path.js";
import { PDF_POLICY } from "../security-headers.js";

/**
 * `/pdf/<number>` (and the PDF links of the pages, `/pdf/<number>-<slug>.pdf`, `/pdf/series.pdf`):
 * that PDF of the current render, printed on demand, drafts included.
 */
export function pdfMiddleware(context: PreviewContext): Middleware {
  return async (req, res, next) => {
    const path = sitePathOf(req.url ?? "/");
    const render = context.current();
    if (path === undefined || !path.startsWith("pdf/") || render === undefined) {
      next();
      return;
    }
    const name = path.slice("pdf/".length);
    const pdfPath = /^[1-9]\d*$/.test(name) ? render.pdf.pathOfPaper(Number(name)) : path;
    const pdf = pdfPath === undefined ? undefined : await render.pdf.file(pdfPath);
    if (pdf === undefined) {
      next();
      return;
    }
    const file = pdf.path.slice(pdf.path.lastIndexOf("/") + 1);
    send(req, res, 200, "application/pdf", pdf.content, { "Content-Disposition": `inline; filename="${file}"`, "Content-Security-Policy": PDF_POLICY });
  };
}
