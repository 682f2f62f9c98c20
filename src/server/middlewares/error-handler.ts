import type { PreviewContext } from "../context.js";
import type { ErrorHandler } from "../middleware.js";

/** Last in the chain: a failure answers 500 with its message and goes to the terminal too. */
export function errorHandler(context: PreviewContext): ErrorHandler {
  return (error, req, res) => {
    const message = error instanceof Error ? error.message : String(error);
    context.reportFailure(`${req.method ?? "GET"} ${req.url ?? ""}: ${message}`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = `${message}\n`;
    res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Content-Length": String(Buffer.byteLength(body)) });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}
