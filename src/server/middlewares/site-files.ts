import { extname } from "node:path";
import type { PreviewContext } from "../context.js";
import { injectClient } from "../inject-client.js";
import { send, type Middleware } from "../middleware.js";
import { sitePathOf } from "../request-path.js";
import { FILE_POLICY } from "../security-headers.js";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif", ".pdf": "application/pdf",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * The built site, from memory: only files of the last good render (pages, the stylesheet, and
 * project files that pages show, then the other outputs' files) are served, never the project
 * folder, and no folder listings. Pages of the site get the preview client; every other file is
 * sandboxed (FILE_POLICY).
 */
export function siteFilesMiddleware(context: PreviewContext): Middleware {
  return async (req, res, next) => {
    const path = sitePathOf(req.url ?? "/");
    const render = context.current();
    const file = path === undefined || render === undefined ? undefined : await render.file(path);
    if (path === undefined || render === undefined || file === undefined) {
      next();
      return;
    }
    const type = TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
    // A project's own HTML file that a page links to is a file like a logo, not a page of the site.
    if (!type.startsWith("text/html") || !render.html.pagePaths().includes(path) || typeof file.content !== "string") {
      send(req, res, 200, type, file.content, { "Content-Security-Policy": FILE_POLICY });
      return;
    }
    send(req, res, 200, type, injectClient(file.content, context.render()));
  };
}
