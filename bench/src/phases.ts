/**
 * Where a papersmith build spends its time, stage by stage, in one process (warm modules):
 * check (load → resolve → validate), render, print; and per printed document, how many print
 * jobs it took (a reprint means the contents' page-number estimate missed).
 *
 *   node bench/lib/phases.js DIR [--chromium /usr/bin/chromium] [--concurrency 2]
 *   node --cpu-prof --cpu-prof-dir=prof bench/lib/phases.js DIR     (then read the profile)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { checkProject } from "#lib/check.js";
import { renderSite } from "#lib/render/site.js";
import { printDocuments } from "#lib/print/print-documents.js";

const { values, positionals } = parseArgs({
  options: { chromium: { type: "string", default: "/usr/bin/chromium" }, concurrency: { type: "string" } },
  allowPositionals: true,
});
const dir = positionals[0];
if (dir === undefined) throw new Error("usage: phases.js DIR");

const lap = (() => {
  let last = performance.now();
  return (label: string): void => {
    const now = performance.now();
    process.stdout.write(`${label.padEnd(28)} ${(now - last).toFixed(0).padStart(6)} ms\n`);
    last = now;
  };
})();

process.stdout.write(`load average ${loadavg()[0]!.toFixed(2)}\n`);
const { series, index } = await checkProject(dir);
lap("check");
const date = new Date("2014-11-14T00:00:00Z");
const site = await renderSite(series, index, { includeDrafts: false, pdfLinks: true });
lap("render (site files)");
const print = site.print;
lap(`render (${print.length} print documents)`);
const out = mkdtempSync(join(tmpdir(), "papersmith-phases-"));
try {
  const results = await printDocuments(
    print.map((doc) => ({
      html: doc.html, outFile: join(out, doc.path), draft: false, runningHeader: `${series.config.series.title} — ${doc.title}`,
      metadata: { title: doc.title, author: "bench", subject: doc.subject, keywords: doc.keywords, language: "en-GB", creator: "papersmith", date },
    })),
    { format: series.config.build.pdf.format, chromium: values.chromium, ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}) },
  );
  lap("print (launch → close)");
  const jobs = results.reduce((sum, r) => sum + r.prints, 0);
  const pages = results.reduce((sum, r) => sum + r.pages, 0);
  const reprinted = results.filter((r) => r.prints > 1).length;
  process.stdout.write(`${results.length} documents, ${pages} pages, ${jobs} print jobs (${reprinted} documents reprinted)\n`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
