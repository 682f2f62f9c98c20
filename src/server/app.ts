import type { RequestListener } from "node:http";
import type { PreviewContext } from "./context.js";
import { chain } from "./middleware.js";
import { clientScriptMiddleware } from "./middlewares/client-script.js";
import { errorHandler } from "./middlewares/error-handler.js";
import { eventsMiddleware } from "./middlewares/events.js";
import { allowReadsOnly } from "./middlewares/methods.js";
import { notFoundMiddleware } from "./middlewares/not-found.js";
import { ownHostOnly } from "./middlewares/own-host.js";
import { pdfMiddleware } from "./middlewares/pdf.js";
import { securityHeaders } from "./middlewares/security-headers.js";
import { siteFilesMiddleware } from "./middlewares/site-files.js";

/**
 * The preview's request handling: every middleware, in order, in this one place; errors last.
 * The Host check comes first, so nothing else runs for a request meant for another site.
 */
export function createApp(context: PreviewContext): RequestListener {
  return chain([
    ownHostOnly(context.host),
    securityHeaders,
    allowReadsOnly,
    clientScriptMiddleware(),
    eventsMiddleware(context),
    pdfMiddleware(context),
    siteFilesMiddleware(context),
    notFoundMiddleware(context),
  ], errorHandler(context));
}
