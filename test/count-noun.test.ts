import { describe, expect, it } from "vitest";
import { countNoun } from "../src/diagnostics/count-noun.js";
import { summaryLine } from "../src/diagnostics/format-human.js";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";
import { auditLine, pdfSummary } from "../src/cli/build-command.js";
import type { PrintResult } from "../src/print/print-types.js";

const pdf = (pages: number, prints = 1): PrintResult => ({ outFile: "x.pdf", pages, ms: 0, prints, sha256: "", overflows: [], anchors: {} });
const problem = (severity: Diagnostic["severity"]): Diagnostic =>
  ({ file: "a.md", line: 1, column: 1, rule: "schema", severity, message: "m" }) as Diagnostic;

describe("counts in messages", () => {
  it("puts the noun in the singular for one and the plural otherwise", () => {
    expect([0, 1, 2].map((n) => countNoun(n, "file"))).toEqual(["0 files", "1 file", "2 files"]);
    expect([1, 2].map((n) => countNoun(n, "case study", "case studies"))).toEqual(["1 case study", "2 case studies"]);
  });

  it("counts PDFs and pages in the build's summary", () => {
    expect(pdfSummary([pdf(1)])).toBe(" (1 PDF, 1 page)");
    expect(pdfSummary([pdf(1), pdf(2)])).toBe(" (2 PDFs, 3 pages)");
  });

  it("counts errors and warnings in check's summary and in the audit's", () => {
    expect(summaryLine([problem("error"), problem("warn")])).toBe("1 error, 1 warning");
    expect(summaryLine([problem("error"), problem("error"), problem("warn"), problem("warn")])).toBe("2 errors, 2 warnings");
    const audit = { diagnostics: [problem("error")], errors: 1, warnings: 0, pages: 1, pdfs: 1, ms: 1500 };
    expect(auditLine(audit)).toBe("Audited 1 page and 1 PDF in 1.5 s: 1 error, 0 warnings.");
    expect(auditLine({ ...audit, diagnostics: [], errors: 0, pages: 2, pdfs: 2 })).toBe("Audited 2 pages and 2 PDFs in 1.5 s: no problems.");
  });
});
