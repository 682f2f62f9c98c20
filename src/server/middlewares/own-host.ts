import type { IncomingMessage } from "node:http";
import { send, type Middleware } from "../middleware.js";
import { isOwnHost, ownOrigin, type Arrival } from "../own-host.js";
import { applySecurityHeaders } from "../security-headers.js";

/**
 * First in the chain, against DNS rebinding: a hostile page that points its own name at
 * 127.0.0.1 becomes same-origin with the preview, but its requests still say its name in Host.
 * Only requests naming this server (see isOwnHost) go on; the rest get 421 and a short text,
 * never a page, a PDF or the event stream.
 */
export function ownHostOnly(boundHost: string): Middleware {
  return (req, res, next) => {
    const arrival: Arrival = { boundHost, localAddress: req.socket.localAddress, localPort: req.socket.localPort };
    if (hostHeaders(req) === 1 && isOwnHost(req.headers.host, arrival)) {
      next();
      return;
    }
    applySecurityHeaders(res);
    const body = `Misdirected request: this preview answers only at its own address, ${ownOrigin(arrival)}/\n`;
    send(req, res, 421, "text/plain; charset=utf-8", body, { Connection: "close" });
  };
}

/** Node keeps the first of several Host headers; a request with two is refused rather than guessed at. */
function hostHeaders(req: IncomingMessage): number {
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]?.toLowerCase() === "host") count += 1;
  return count;
}
