import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";

/** `series-numbering`: papers numbered 1, 2, 3, … with no repeats and no gaps; drafts count. */
export const seriesNumbering: ValidationRule = {
  produces: ["series-numbering"],
  check(series, index) {
    const out: Problem[] = [];
    const numbers = [...index.papersByNumber.keys()].filter((n) => n > 0).sort((a, b) => a - b);
    for (const [number, papers] of index.papersByNumber) {
      if (papers.length < 2 || number < 1) continue;
      for (const paper of papers) {
        const others = papers.filter((p) => p !== paper).map((p) => p.file).join(", ");
        out.push(problem("series-numbering", paper.numberRange, `Paper number ${number} is also used by ${others}; each paper needs its own number.`));
      }
    }
    // A paper that could not be loaded has no number: gaps would only echo its own error.
    if ([...series.unloaded].some((file) => file.startsWith("papers/"))) return out;
    let expected = 1;
    for (const number of numbers) {
      if (number !== expected) {
        for (const paper of index.papersByNumber.get(number) ?? []) {
          const missing = expected === number - 1 ? `paper ${expected} is` : `papers ${expected}–${number - 1} are`;
          out.push(problem("series-numbering", paper.numberRange, `Paper ${number} leaves a gap in the series: ${missing} missing.`, String(expected)));
        }
      }
      expected = number + 1;
    }
    return out;
  },
};
