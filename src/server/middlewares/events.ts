import type { PreviewContext } from "../context.js";
import { EVENTS_PATH } from "../client.js";
import { rawPath, type Middleware } from "../middleware.js";
import { sitePathOf } from "../request-path.js";

/** `/__papersmith/events?page=/papers/1-x.html`: the Server-Sent Events stream of an open page. */
export function eventsMiddleware(context: PreviewContext): Middleware {
  return (req, res, next) => {
    if (rawPath(req) !== EVENTS_PATH) {
      next();
      return;
    }
    const page = new URL(req.url ?? "/", "http://localhost").searchParams.get("page");
    context.hub.add(res, page === null ? undefined : sitePathOf(page), context.greeting());
  };
}
