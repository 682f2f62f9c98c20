import type { ServerResponse } from "node:http";
import { sseMessage, type PreviewPayload } from "./payload.js";

/** An open page listening on /__papersmith/events. */
interface Client {
  readonly res: ServerResponse;
  /** The site path of the page, as the page reported it. */
  readonly page: string | undefined;
}

/** Keeps proxies and the browser from dropping a quiet connection. */
const HEARTBEAT_MS = 25_000;

/** The open pages and what they are showing; sends them payloads. */
export class EventHub {
  readonly #clients = new Set<Client>();
  readonly #heartbeat: NodeJS.Timeout;

  constructor() {
    this.#heartbeat = setInterval(() => {
      for (const client of this.#clients) client.res.write(": ping\n\n");
    }, HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** Starts the event stream on `res`; `first` payloads follow `connected` (an error still showing). */
  add(res: ServerResponse, page: string | undefined, first: readonly PreviewPayload[]): void {
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    });
    res.write("retry: 1000\n\n");
    const client: Client = { res, page };
    this.#clients.add(client);
    res.on("close", () => this.#clients.delete(client));
    for (const payload of [{ type: "connected" } as const, ...first]) res.write(sseMessage(payload));
  }

  send(payload: PreviewPayload): void {
    const message = sseMessage(payload);
    for (const client of this.#clients) client.res.write(message);
  }

  /** Site paths of the pages open now. */
  openPages(): string[] {
    return [...this.#clients].flatMap((client) => (client.page === undefined ? [] : [client.page]));
  }

  get size(): number {
    return this.#clients.size;
  }

  /** Ends every stream (the server is closing). */
  close(): void {
    clearInterval(this.#heartbeat);
    for (const client of this.#clients) client.res.end();
    this.#clients.clear();
  }
}
