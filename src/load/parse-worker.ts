/**
 * The parse pool's worker (see parse-pool.ts): loads each file it is sent with the loader of
 * its kind and sends back the result, serialized. The pool ends this worker when one file takes
 * longer than its budget, so nothing here needs to watch the time.
 */
import { parentPort } from "node:worker_threads";
import { serialize } from "node:v8";
import { CACHED_LOADERS, type CacheKind } from "./cached-loaders.js";
import type { ParseReply, ParseTask } from "./parse-messages.js";

const port = parentPort;
if (port === null) throw new Error("parse-worker.js runs only as a worker thread of the parse pool.");

port.postMessage({ ready: true } satisfies ParseReply);
port.on("message", (task: ParseTask) => {
  const reply = replyTo(task);
  // The result's bytes move to the pool's thread instead of being copied, when they fill their buffer.
  const moved = "bytes" in reply && reply.bytes.byteOffset === 0 && reply.bytes.byteLength === reply.bytes.buffer.byteLength;
  port.postMessage(reply, moved ? [reply.bytes.buffer as ArrayBuffer] : []);
});

/** The loader's result for one task, or the loader's failure (a bug, which the pool rethrows). */
function replyTo(task: ParseTask): ParseReply {
  try {
    const load = CACHED_LOADERS[task.kind as CacheKind] as (text: string, file: string) => unknown;
    const bytes = serialize(load(task.text, task.file));
    return { id: task.id, bytes };
  } catch (error) {
    return { id: task.id, failure: error instanceof Error ? error.stack ?? error.message : String(error) };
  }
}
