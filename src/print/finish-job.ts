import { createHash } from "node:crypto";
import { openSkiaPdf } from "./finish-skia.js";
import { PdfSyntaxError } from "./pdf-syntax.js";
import type { PdfMetadata } from "./print-types.js";
import type { PrintedPdf } from "./printed-pdf.js";

// Node's part of a print job, kept apart so that only the thread doing it reads PDFs: the
// finishing worker, and the main thread only when it finishes in-thread (PdfFinisher).

export type Checked =
  | { readonly kind: "done"; readonly bytes: Uint8Array; readonly pages: number; readonly sha256: string }
  | { readonly kind: "reprint"; readonly numbers: Record<string, number> };

/** Everything Node's part of a job needs, as plain data (it may run in a worker thread). */
export interface FinishInput {
  readonly raw: Uint8Array;
  /** The contents' numbers as printed, to check against where their targets landed. */
  readonly numbers: Record<string, number>;
  readonly headings: readonly string[];
  readonly metadata: PdfMetadata;
  /** What was printed, as text: the basis of the reproducible /ID. */
  readonly fingerprint: string;
  /** Whether a miss may still be reprinted (else the PDF is finished as it is). */
  readonly reprintsLeft: boolean;
}

/**
 * Node's part of a job: reads where the contents' targets landed; if any number printed is wrong
 * (and reprints are left), asks for a reprint with the right numbers; else finishes the PDF.
 */
export async function checkAndFinish(input: FinishInput): Promise<Checked> {
  const fast = openSkiaPdf(input.raw);
  if (fast !== undefined) {
    try {
      return await checkAndFinishOpened(fast, input);
    } catch (error) {
      // Something past the file's layout that the fast path does not take: pdf-lib does.
      if (!(error instanceof PdfSyntaxError)) throw error;
    }
  }
  return checkAndFinishWithPdfLib(input);
}

/**
 * checkAndFinish for any PDF, with pdf-lib (loaded only now): a PDF not laid out as Chromium
 * writes them, which the fast path does not take.
 */
export async function checkAndFinishWithPdfLib(input: FinishInput): Promise<Checked> {
  return checkAndFinishOpened(await openWithPdfLib(input.raw), input);
}

async function checkAndFinishOpened(pdf: PrintedPdf, input: FinishInput): Promise<Checked> {
  if (input.reprintsLeft && Object.keys(input.numbers).length > 0) {
    const corrected = correctedNumbers(input.numbers, pdf.destinationPages());
    if (corrected !== undefined) return { kind: "reprint", numbers: corrected };
  }
  const bytes = await pdf.finish(input.metadata, input.fingerprint, input.headings);
  return { kind: "done", bytes, pages: pdf.pages, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** pdf-lib's reader, loaded only when a PDF needs it. */
async function openWithPdfLib(raw: Uint8Array): Promise<PrintedPdf> {
  const { openWithPdfLib: open } = await import("./finish-pdf.js");
  return open(raw);
}

/** The contents' numbers as printed, when any estimate differs from where its target landed. */
function correctedNumbers(estimated: Record<string, number>, landed: ReadonlyMap<string, number>): Record<string, number> | undefined {
  let corrected: Record<string, number> | undefined;
  for (const [target, page] of Object.entries(estimated)) {
    const actual = landed.get(target);
    if (actual === undefined || actual === page) continue;
    corrected ??= { ...estimated };
    corrected[target] = actual;
  }
  return corrected;
}
