import { createHash } from "node:crypto";
import { ParseSpeeds, PDFDocument } from "pdf-lib";
import { finishPdf } from "./finish-pdf.js";
import { destinationPages } from "./pdf-destinations.js";
import type { PdfMetadata } from "./print-types.js";

// Node's part of a print job: what happens to a PDF once Chromium has printed it.

export type Checked =
  | { readonly kind: "done"; readonly bytes: Uint8Array; readonly pages: number; readonly sha256: string; readonly anchors: Record<string, number> }
  | { readonly kind: "reprint"; readonly numbers: Record<string, number> };

/** Everything Node's part of a job needs. */
export interface FinishInput {
  readonly raw: Uint8Array;
  /** The contents' numbers as printed, to check against where their targets landed. */
  readonly numbers: Record<string, number>;
  /** The headings' estimated pages; where the PDF has a destination for one, that page is taken. */
  readonly anchors: Record<string, number>;
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
  // Parse and save without yielding to the event loop between objects: those yields (pdf-lib's
  // default) cost more than the parsing itself.
  const doc = await PDFDocument.load(input.raw, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const landed = destinationPages(doc);
  if (input.reprintsLeft && Object.keys(input.numbers).length > 0) {
    const corrected = correctedNumbers(input.numbers, landed);
    if (corrected !== undefined) return { kind: "reprint", numbers: corrected };
  }
  const anchors: Record<string, number> = {};
  for (const [id, page] of Object.entries(input.anchors)) anchors[id] = landed.get(id) ?? page;
  const bytes = await finishPdf(doc, input.metadata, input.fingerprint, input.headings);
  return { kind: "done", bytes, pages: doc.getPageCount(), sha256: createHash("sha256").update(bytes).digest("hex"), anchors };
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
