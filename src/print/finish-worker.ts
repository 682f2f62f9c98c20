/**
 * The worker thread that finishes printed PDFs (PdfFinisher): reading each PDF's catalog and
 * outline, patching them and hashing the result (a few milliseconds each; pdf-lib's full parse,
 * about 15 ms, for a PDF not laid out as Chromium writes them), done beside the main thread,
 * which meanwhile keeps feeding the browser. One message in (a FinishInput and an id), one out
 * (the Checked, or the error).
 */
import { parentPort } from "node:worker_threads";
import { checkAndFinish, type Checked, type FinishInput } from "./finish-job.js";

export interface FinishRequest {
  readonly id: number;
  readonly input: FinishInput;
}

export type FinishReply =
  | { readonly id: number; readonly ok: true; readonly checked: Checked }
  | { readonly id: number; readonly ok: false; readonly message: string };

parentPort?.on("message", (request: FinishRequest) => {
  void checkAndFinish(request.input).then(
    (checked) => {
      const reply: FinishReply = { id: request.id, ok: true, checked };
      parentPort?.postMessage(reply, checked.kind === "done" ? [checked.bytes.buffer as ArrayBuffer] : []);
    },
    (error: unknown) => {
      const reply: FinishReply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
      parentPort?.postMessage(reply);
    },
  );
});
