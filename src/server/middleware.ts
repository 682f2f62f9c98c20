import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

export type Next = (error?: unknown) => void;

/** One step of request handling: answers, or passes on with next() (next(error) goes to the error handler). */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void | Promise<void>;

export type ErrorHandler = (error: unknown, req: IncomingMessage, res: ServerResponse) => void;

/** Runs middlewares in order, like connect: the first to answer ends the chain; errors go to `onError`. */
export function chain(middlewares: readonly Middleware[], onError: ErrorHandler): RequestListener {
  return (req, res) => {
    let index = 0;
    const next: Next = (error) => {
      if (error !== undefined) {
        onError(error, req, res);
        return;
      }
      const middleware = middlewares[index++];
      if (middleware === undefined) {
        onError(new Error(`No middleware answered ${req.url ?? ""}`), req, res);
        return;
      }
      try {
        const result = middleware(req, res, next);
        if (result instanceof Promise) result.catch(next);
      } catch (thrown) {
        next(thrown);
      }
    };
    next();
  };
}

/** Sends a whole response (headers only for HEAD), never cached: the preview changes under the browser. */
export function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": String(bytes.byteLength),
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(req.method === "HEAD" ? undefined : bytes);
}

/** The request's path without the query, as sent (not decoded). */
export function rawPath(req: IncomingMessage): string {
  return (req.url ?? "/").split(/[?#]/, 1)[0] ?? "/";
}
