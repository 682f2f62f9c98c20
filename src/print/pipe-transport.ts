import type { Readable, Writable } from "node:stream";
import type { ConnectionTransport } from "puppeteer";

/**
 * The DevTools protocol over Chromium's `--remote-debugging-pipe`: JSON messages, each ended by
 * a NUL byte, written to the browser's fd 3 and read from its fd 4. What puppeteer's own
 * (internal) PipeTransport does for `launch({ pipe: true })`, for a browser papersmith started
 * itself. Messages are handed on one per event-loop turn, as puppeteer expects.
 */
export class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  #pending: Buffer[] = [];
  #closed = false;

  constructor(private readonly toBrowser: Writable, fromBrowser: Readable) {
    fromBrowser.on("data", (chunk: Buffer) => this.#receive(chunk));
    fromBrowser.on("close", () => {
      this.#closed = true;
      this.onclose?.();
    });
    fromBrowser.on("error", () => undefined); // a dying browser; "close" follows
    toBrowser.on("error", () => undefined);
  }

  send(message: string): void {
    if (this.#closed) return;
    this.toBrowser.write(message);
    this.toBrowser.write("\0");
  }

  close(): void {
    this.#closed = true;
  }

  #receive(chunk: Buffer): void {
    if (chunk.indexOf(0) === -1) {
      this.#pending.push(chunk);
      return;
    }
    const buffer = Buffer.concat([...this.#pending, chunk]);
    let start = 0;
    for (let end = buffer.indexOf(0); end !== -1; end = buffer.indexOf(0, start)) {
      const message = buffer.toString("utf8", start, end);
      setImmediate(() => this.onmessage?.(message));
      start = end + 1;
    }
    this.#pending = start < buffer.length ? [buffer.subarray(start)] : [];
  }
}
