import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Checked, FinishInput } from "./finish-job.js";
import type { FinishReply, FinishRequest } from "./finish-worker.js";

interface Waiting {
  readonly input: FinishInput;
  readonly resolve: (checked: Checked) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Finishes printed PDFs (checkAndFinish) in a worker thread, so that their reading, patching
 * and hashing never holds up the main thread while it drives the browser: each stall there is
 * time both browser pages wait. The worker is started with the printer, so it has loaded its
 * code while the project is checked.
 *
 * The worker is only a way to use the second core: where there is no worker script (running
 * from TypeScript sources under vitest), where it cannot start, or once it has failed, the work
 * is done in this thread — jobs it had not answered included — with the same bytes.
 */
export class PdfFinisher {
  #worker: Worker | undefined;
  readonly #pending = new Map<number, Waiting>();
  #next = 0;

  constructor() {
    const script = new URL("./finish-worker.js", import.meta.url);
    if (!existsSync(fileURLToPath(script))) return;
    try {
      // No inherited Node options: `node --input-type=module -e …` would stop the worker loading.
      this.#worker = new Worker(script, { execArgv: [] });
    } catch {
      return;
    }
    this.#worker.unref();
    this.#worker.on("message", (reply: FinishReply) => {
      const waiting = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) this.#worker?.unref();
      if (waiting === undefined) return;
      if (reply.ok) waiting.resolve(reviveChecked(reply.checked));
      else waiting.reject(new Error(reply.message));
    });
    this.#worker.on("error", () => this.#giveUpWorker());
    this.#worker.on("exit", () => this.#giveUpWorker());
  }

  /** Checks and finishes one printed PDF. */
  finish(input: FinishInput): Promise<Checked> {
    const worker = this.#worker;
    if (worker === undefined) return finishHere(input);
    const id = this.#next++;
    // Referenced only while it has work: an idle worker never keeps the process alive.
    worker.ref();
    return new Promise<Checked>((resolve, reject) => {
      this.#pending.set(id, { input, resolve, reject });
      // The bytes are copied, not handed over: this thread keeps them in case the worker fails.
      const request: FinishRequest = { id, input };
      worker.postMessage(request);
    });
  }

  /** Stops the worker (waiting work is finished in this thread). */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker === undefined) return;
    this.#finishHere();
    await worker.terminate();
  }

  #giveUpWorker(): void {
    if (this.#worker === undefined) return;
    this.#worker = undefined;
    this.#finishHere();
  }

  /** Finishes in this thread whatever the worker had not answered. */
  #finishHere(): void {
    for (const waiting of this.#pending.values()) finishHere(waiting.input).then(waiting.resolve, waiting.reject);
    this.#pending.clear();
  }
}

/** checkAndFinish in this thread, loading its code here only now that it is needed. */
async function finishHere(input: FinishInput): Promise<Checked> {
  const { checkAndFinish } = await import("./finish-job.js");
  return checkAndFinish(input);
}

/** A Uint8Array that came through postMessage is one again; nothing else needs reviving. */
function reviveChecked(checked: Checked): Checked {
  return checked.kind === "done" ? { ...checked, bytes: new Uint8Array(checked.bytes.buffer, checked.bytes.byteOffset, checked.bytes.byteLength) } : checked;
}
