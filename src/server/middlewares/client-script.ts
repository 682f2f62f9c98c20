import { CLIENT_PATH, clientScript } from "../client.js";
import { rawPath, send, type Middleware } from "../middleware.js";

/** Serves the live-reload client that every previewed page loads (same origin, not inline). */
export function clientScriptMiddleware(): Middleware {
  const script = clientScript();
  return (req, res, next) => {
    if (rawPath(req) !== CLIENT_PATH) {
      next();
      return;
    }
    send(req, res, 200, "text/javascript; charset=utf-8", script);
  };
}
