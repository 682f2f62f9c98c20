import { problem, type Problem } from "../diagnostics/diagnostic.js";
import type { MeasuredOverflow, PrintResult } from "./print-types.js";

const SOURCE = /^(.+):(\d+):(\d+):(\d+):(\d+)$/;

/**
 * The `print-overflow` problems of printed (or kept) PDFs: one per table or image wider than the
 * text block, at its Markdown source. A paper printed twice (its own PDF and the series PDF)
 * gives the same problem twice; the diagnostics list drops exact repeats.
 */
export function overflowProblems(results: readonly PrintResult[]): Problem[] {
  const problems: Problem[] = [];
  for (const result of results) {
    for (const overflow of result.overflows) {
      const at = SOURCE.exec(overflow.source);
      if (at === null) continue;
      const range = {
        file: at[1]!,
        start: { line: Number(at[2]), column: Number(at[3]) },
        end: { line: Number(at[4]), column: Number(at[5]) },
      };
      problems.push(problem("print-overflow", range, overflowMessage(overflow)));
    }
  }
  return problems;
}

function overflowMessage(overflow: MeasuredOverflow): string {
  if (overflow.kind === "image") {
    const scale = Math.floor((overflow.limit / overflow.width) * 100);
    return `This image is ${overflow.width} px wide, wider than the PDF's text block (${overflow.limit} px): the PDF shows it scaled to ${scale}%.`;
  }
  return `This table is ${overflow.width} px wide, wider than the PDF's text block (${overflow.limit} px): the PDF prints it in smaller type with words broken to fit.`;
}
