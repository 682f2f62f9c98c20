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
    const query = new URL(req.url ?? "/", "http://localhost").searchParams;
    const page = query.get("page");
    const render = query.get("render");
    const served = render === null || !/^\d+$/.test(render) ? undefined : Number(render);
    context.hub.add(res, page === null ? undefined : sitePathOf(page), context.greeting(served));
  };
}
