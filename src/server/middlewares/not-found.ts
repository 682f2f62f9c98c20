import type { PreviewContext } from "../context.js";
import { injectClient } from "../inject-client.js";
import { send, type Middleware } from "../middleware.js";

/**
 * Everything else is 404 — traversal attempts, project files, folders. The page carries the
 * preview client, so it reloads by itself when the page appears (or shows why it cannot).
 */
export function notFoundMiddleware(context: PreviewContext): Middleware {
  return (req, res) => {
    const waiting = context.current() === undefined;
    const text = waiting
      ? "The project has not built without errors yet. Fix the problems shown and save."
      : "There is no such page in the preview.";
    const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Not found | papersmith preview</title></head>\n<body><main><h1>Not found</h1><p>${text}</p><p><a href="/">Go to the series home</a></p></main></body></html>\n`;
    send(req, res, 404, "text/html; charset=utf-8", injectClient(html, context.render()));
  };
}
