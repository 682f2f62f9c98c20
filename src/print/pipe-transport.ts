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
  #onclose: (() => void) | undefined;
  #pending: Buffer[] = [];
  #closed = false;

  constructor(private readonly toBrowser: Writable, fromBrowser: Readable) {
    // A browser that exited at once may have had its pipe closed already, before this was made.
    this.#closed = fromBrowser.destroyed || fromBrowser.readableEnded;
    fromBrowser.on("data", (chunk: Buffer) => this.#receive(chunk));
    fromBrowser.on("close", () => {
      this.#closed = true;
      this.#onclose?.();
    });
    fromBrowser.on("error", () => undefined); // a dying browser; "close" follows
    toBrowser.on("error", () => undefined);
  }

  get onclose(): () => void {
    return this.#onclose ?? (() => undefined);
  }

  /**
   * A browser that exits at once closes the pipe before puppeteer listens: it is told then, or
   * else its first command would wait for the protocol timeout.
   */
  set onclose(listener: () => void) {
    this.#onclose = listener;
    // (puppeteer sets it to undefined once it has closed the connection)
    if (this.#closed && typeof listener === "function") setImmediate(listener);
  }

  send(message: string): void {
    if (this.#closed) return;
    // One write with its NUL, not two: each write to the pipe is a syscall that wakes the browser.
    this.toBrowser.write(`${message}\0`);
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
