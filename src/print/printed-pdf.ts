import type { PdfMetadata } from "./print-types.js";

/**
 * A PDF as Chromium printed it, opened for finishing by one of two readers: the fast one for
 * Chromium's plain file layout (openSkiaPdf) or pdf-lib for any other (openWithPdfLib).
 */
export interface PrintedPdf {
  readonly pages: number;
  /** The page (1-based) of each named destination. */
  destinationPages(): Map<string, number>;
  /** The finished bytes: metadata set, structure ids renumbered, bookmarks mended, a trailer /ID. */
  finish(metadata: PdfMetadata, fingerprint: string, headings: readonly string[]): Uint8Array | Promise<Uint8Array>;
}
