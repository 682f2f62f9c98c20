import { send, type Middleware } from "../middleware.js";

/** The preview only reads: anything but GET and HEAD gets 405. */
export const allowReadsOnly: Middleware = (req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") {
    next();
    return;
  }
  send(req, res, 405, "text/plain; charset=utf-8", "Method not allowed\n", { Allow: "GET, HEAD" });
};
