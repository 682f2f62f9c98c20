import type { Series } from "../model/index.js";
import type { PrintDocument } from "../render/print.js";
import type { PrintRequest } from "./print-types.js";

/** What the print stage needs to print one rendered document, named `outFile`. */
export function printRequest(series: Series, doc: PrintDocument, outFile: string): PrintRequest {
  const marking = doc.internal ? "Internal — not for publication · " : "";
  return {
    html: doc.html,
    outFile,
    path: doc.path,
    draft: doc.paper?.status === "draft",
    ...(doc.crossTargets.length === 0 ? {} : { crossTargets: doc.crossTargets }),
    runningHeader: `${marking}${doc.runningHeader ?? (doc.paper ? `${series.config.series.title} — ${doc.paper.title}` : series.config.series.title)}`,
    ...(doc.parts === undefined ? {} : { partHeaders: doc.parts.map((part) => ({ id: part.id, header: `${marking}${part.runningHeader}` })) }),
    metadata: {
      title: doc.title,
      author: series.config.partners.map((p) => p.name).join(", "),
      subject: doc.subject,
      keywords: doc.keywords,
      language: series.config.series.language,
      creator: "papersmith",
      date: new Date(`${doc.date || "2000-01-01"}T00:00:00Z`),
    },
  };
}
