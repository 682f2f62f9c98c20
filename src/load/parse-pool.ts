import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { ParseReply, ParseTask } from "./parse-messages.js";

/** How long one file may take to parse, unless PAPERSMITH_PARSE_BUDGET_MS says otherwise. */
export const DEFAULT_PARSE_BUDGET_MS = 10_000;
/** At most this many workers, however many cores: past it, starting them costs more than they save. */
const MAX_WORKERS = 4;
/**
 * Another worker is started only while at least this much text per worker is waiting: each
 * worker loads and warms up the parsers on its own, which costs about as much as parsing this
 * much realistic prose twice, so a small project is quicker with one.
 */
const TEXT_PER_WORKER = 192 * 1024;

/** Each worker's heap, at most: far more than any real paper needs, far less than the machine has. */
export const WORKER_HEAP_MB = 1024;

/**
 * A file's result, serialized by the worker; or what the file went over: its time budget (in
 * milliseconds), or the worker's heap (in megabytes).
 */
export type ParseOutcome =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly budgetMs: number }
  | { readonly ok: false; readonly heapMb: number };

export interface ParsePoolOptions {
  /** How many workers at most (default: one per core, up to four). */
  readonly size?: number;
  /** How long one file may take, in milliseconds, counted from when a worker takes it (default: parseBudgetMs()). */
  readonly budgetMs?: number;
  /** Each worker's heap, in megabytes (default WORKER_HEAP_MB). */
  readonly heapMb?: number;
}

/** The error of a file the pool was closed before it could parse. */
export class PoolClosedError extends Error {
  constructor(file: string) {
    super(`The parse pool was closed before ${file} was parsed.`);
    this.name = "PoolClosedError";
  }
}

/** A queued file and what to tell its caller. */
interface Job {
  readonly task: ParseTask;
  readonly settle: (outcome: ParseOutcome) => void;
  readonly fail: (error: Error) => void;
}

/** A worker, whether it has loaded its code, and the job it is on, if any. */
interface Slot {
  readonly worker: Worker;
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
}

/**
 * Parses source files on every core: a small pool of worker threads, each running the loaders
 * (parse-worker.ts). The main thread stays free meanwhile, so a signal is answered at once, and
 * a file that takes longer than its budget (micromark is quadratic on some inputs) ends its
 * worker and comes back as over budget; the pool starts another worker for the files still
 * waiting. Workers start when the first file comes, so a run whose files are all cached starts
 * none; an idle worker does not keep the process alive.
 */
export class ParsePool {
  readonly #size: number;
  readonly #budgetMs: number;
  readonly #heapMb: number;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  /** The length of the texts in the queue. */
  #queuedText = 0;
  #nextId = 0;
  #closed = false;

  constructor(options: ParsePoolOptions = {}) {
    this.#size = Math.max(1, options.size ?? Math.min(availableParallelism(), MAX_WORKERS));
    this.#budgetMs = options.budgetMs ?? parseBudgetMs();
    this.#heapMb = options.heapMb ?? WORKER_HEAP_MB;
  }

  /** Loads one file with the loader of `kind` in a worker; rejects only when the loader throws (a bug). */
  parse(kind: string, file: string, text: string): Promise<ParseOutcome> {
    if (this.#closed) return Promise.reject(new PoolClosedError(file));
    return new Promise((settle, fail) => {
      this.#queue.push({ task: { id: this.#nextId++, kind, file, text }, settle, fail });
      this.#queuedText += text.length;
      this.#dispatch();
    });
  }

  /** Ends every worker. Files not parsed yet fail with a PoolClosedError. */
  async close(): Promise<void> {
    this.#closed = true;
    const slots = this.#slots.splice(0);
    const unfinished = [...this.#queue.splice(0), ...slots.flatMap((slot) => this.#release(slot) ?? [])];
    this.#queuedText = 0;
    for (const job of unfinished) job.fail(new PoolClosedError(job.task.file));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  /** Gives queued jobs to idle workers, starting workers up to the pool's size. */
  #dispatch(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.find((candidate) => candidate.job === undefined) ?? this.#startWorker();
      if (slot === undefined) return;
      const job = this.#queue.shift()!;
      this.#queuedText -= job.task.text.length;
      slot.job = job;
      if (slot.ready) this.#startClock(slot);
      slot.worker.ref();
      slot.worker.postMessage(job.task);
    }
  }

  /** A new worker, when the pool has room for one and enough text is waiting to be worth its start (see TEXT_PER_WORKER). */
  #startWorker(): Slot | undefined {
    if (this.#slots.length >= this.#size) return undefined;
    if (this.#slots.length > 0 && this.#queuedText < TEXT_PER_WORKER * this.#slots.length) return undefined;
    const worker = newWorker(workerScript(), this.#heapMb);
    const slot: Slot = { worker, ready: false };
    worker.on("message", (reply: ParseReply) => {
      if (!("ready" in reply)) return this.#finished(slot, reply);
      slot.ready = true;
      if (slot.job !== undefined) this.#startClock(slot);
    });
    worker.on("error", (error) => this.#crashed(slot, error));
    this.#slots.push(slot);
    return slot;
  }

  /** Starts the budget of the slot's job: from when its worker, code loaded, can take it. */
  #startClock(slot: Slot): void {
    slot.timer = setTimeout(() => this.#overBudget(slot), this.#budgetMs);
  }

  #finished(slot: Slot, reply: Exclude<ParseReply, { ready: true }>): void {
    const job = this.#release(slot);
    if (job === undefined || job.task.id !== reply.id) return;
    if ("bytes" in reply) job.settle({ ok: true, bytes: reply.bytes });
    else job.fail(new Error(`Loading ${job.task.file} failed in a parse worker:\n${reply.failure}`));
    this.#dispatch();
  }

  /** The file took too long: its worker is ended (a parse cannot be interrupted otherwise). */
  #overBudget(slot: Slot): void {
    const job = this.#release(slot);
    this.#remove(slot);
    void slot.worker.terminate();
    job?.settle({ ok: false, budgetMs: this.#budgetMs });
    this.#dispatch();
  }

  /**
   * A worker died on its own. Out of its heap on a file: that file is over budget, the others
   * go on; anything else fails that file (a bug).
   * Before it was ready, its code could not load: so would any other worker's, and every file fails.
   */
  #crashed(slot: Slot, error: Error): void {
    const job = this.#release(slot);
    this.#remove(slot);
    if (job !== undefined && (error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY") job.settle({ ok: false, heapMb: this.#heapMb });
    else if (job !== undefined) job.fail(new Error(`A parse worker stopped while loading ${job.task.file}: ${error.message}`));
    if (!slot.ready) {
      for (const waiting of this.#queue.splice(0)) waiting.fail(new Error(`The parse workers cannot start: ${error.message}`));
      this.#queuedText = 0;
      return;
    }
    this.#dispatch();
  }

  /** Frees the slot and returns the job it held; an idle worker no longer keeps the process alive. */
  #release(slot: Slot): Job | undefined {
    const job = slot.job;
    clearTimeout(slot.timer);
    delete slot.job;
    delete slot.timer;
    slot.worker.unref();
    return job;
  }

  #remove(slot: Slot): void {
    const at = this.#slots.indexOf(slot);
    if (at >= 0) this.#slots.splice(at, 1);
  }
}

/**
 * A parse worker with Node's options of the process, except those that only describe how the
 * main script was given (`--input-type`, which a worker started from a file refuses). A worker
 * also refuses V8's options (`node --max-semi-space-size=64 …`); those are the whole process's
 * and hold in the worker anyway, so then it is started with none.
 */
function newWorker(script: URL, heapMb: number): Worker {
  const start = (execArgv: string[]): Worker => new Worker(script, { execArgv, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  try {
    return start(process.execArgv.filter((arg) => !arg.startsWith("--input-type")));
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ERR_WORKER_INVALID_EXEC_ARGV") throw error;
    return start([]);
  }
}

/**
 * The worker's script: beside this module when it runs compiled (lib/load/, or the bundle,
 * which has parse-worker.js as an entry point beside its chunks). Run from its TypeScript
 * source (the tests), the workers run the compiled lib/, which `npm test` compiles first:
 * worker threads cannot load TypeScript.
 */
function workerScript(): URL {
  const beside = new URL("./parse-worker.js", import.meta.url);
  if (!import.meta.url.endsWith(".ts")) return beside;
  const compiled = new URL("../../lib/load/parse-worker.js", import.meta.url);
  if (!existsSync(compiled)) throw new Error("papersmith is not compiled: run `npm run compile` before running it from its source.");
  return compiled;
}

let shared: ParsePool | undefined;

/**
 * The process's parse pool, started on first use: every load that is not handed a pool of its own uses it, so loads after the first (the
 * preview's rebuilds, a test's many projects) find its workers started. Idle, they do not keep
 * the process alive.
 */
export function sharedParsePool(): ParsePool {
  shared ??= new ParsePool();
  return shared;
}

/** Ends the shared pool's workers, freeing their memory (a build does so before it prints); the next load starts a new one. */
export async function closeSharedParsePool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}

/**
 * How long one file may take to parse, in milliseconds: PAPERSMITH_PARSE_BUDGET_MS when it is a
 * positive whole number (a slow machine may need more; the tests need less), else the default.
 */
export function parseBudgetMs(env: NodeJS.ProcessEnv = process.env): number {
  const given = env["PAPERSMITH_PARSE_BUDGET_MS"];
  return given !== undefined && /^[1-9]\d*$/.test(given) ? Number(given) : DEFAULT_PARSE_BUDGET_MS;
}
