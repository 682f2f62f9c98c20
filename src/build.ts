import { isAbsolute, join, resolve } from "node:path";
import type { Series } from "./model/index.js";
import { checkProject, type CheckResult } from "./check.js";
import { renderSite, type PrintDocument } from "./render/site.js";
import { writeFileAtomic } from "./render/write-atomic.js";
import { BrowserNotFoundError, printDocuments, type PrintRequest, type PrintResult } from "./print/print-documents.js";
import { findBrowser } from "./print/find-browser.js";
import { traceability } from "./report/traceability.js";

export interface BuildRequest {
  /** `--out`, relative to the working directory; default `build.outDir` under the project. */
  readonly outDir?: string;
  readonly html: boolean;
  readonly pdf: boolean;
  /** `--paper N`: build only these papers (empty: all). */
  readonly papers: readonly number[];
  /** `--drafts`: include draft papers, watermarked. */
  readonly drafts: boolean;
  readonly chromium?: string;
  /** `--strict`: warnings stop the build too. */
  readonly strict: boolean;
}

export interface BuildResult {
  readonly check: CheckResult;
  /** False when content problems stopped the build before anything was written. */
  readonly built: boolean;
  readonly outDir: string;
  readonly written: readonly string[];
  readonly pdfs: readonly PrintResult[];
}

/**
 * The date every output carries: SOURCE_DATE_EPOCH when set, else the newest paper's date,
 * so the same sources always give the same bytes.
 */
export function sourceDate(series: Series, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const newest = series.papers.map((p) => p.date).filter((d) => d !== "").sort().at(-1);
  return new Date(`${newest ?? "2000-01-01"}T00:00:00Z`);
}

function printRequests(series: Series, documents: readonly PrintDocument[], outDir: string, date: Date): PrintRequest[] {
  const author = series.config.partners.map((p) => p.name).join(", ");
  return documents.map((doc) => ({
    html: doc.html,
    outFile: join(outDir, doc.path),
    draft: doc.paper?.status === "draft",
    runningHeader: doc.paper ? `${series.config.series.title} — ${doc.paper.title}` : series.config.series.title,
    metadata: {
      title: doc.title, author, subject: doc.subject, keywords: doc.keywords,
      language: series.config.series.language, creator: "papersmith", date,
    },
  }));
}

/**
 * Runs the whole pipeline: load → resolve → validate → render → print. Nothing is written
 * when the project has errors (or warnings under strict), so good output is never replaced
 * by bad; every file is written atomically.
 */
export async function buildProject(projectDir: string, request: BuildRequest): Promise<BuildResult> {
  const check = await checkProject(projectDir);
  const { series, index } = check;
  const outDir = request.outDir
    ? resolve(request.outDir)
    : isAbsolute(series.config.build.outDir) ? series.config.build.outDir : join(series.root, series.config.build.outDir);
  if (check.errors > 0 || (request.strict && check.warnings > 0)) {
    return { check, built: false, outDir, written: [], pdfs: [] };
  }
  // Find the browser before writing anything: with none, the build stops with the output untouched.
  const browser = request.pdf ? findBrowser(request.chromium) : undefined;
  if (request.pdf && browser === undefined) throw new BrowserNotFoundError(request.chromium);
  const date = sourceDate(series);
  const site = await renderSite(series, index, {
    includeDrafts: request.drafts,
    sourceDate: date,
    pdfLinks: request.pdf,
    ...(request.papers.length > 0 ? { paperNumbers: request.papers } : {}),
  });
  const written: string[] = [];
  if (request.html) {
    const report = `${JSON.stringify(traceability(series, index), null, 2)}\n`;
    const files = [...site.files, { path: "report.json", content: report }];
    await Promise.all(files.map(async (file) => {
      await writeFileAtomic(join(outDir, file.path), file.content);
      written.push(file.path);
    }));
  }
  let pdfs: PrintResult[] = [];
  if (request.pdf && site.print.length > 0) {
    pdfs = await printDocuments(printRequests(series, site.print, outDir, date), {
      format: series.config.build.pdf.format,
      ...(browser === undefined ? {} : { chromium: browser }),
    });
    written.push(...site.print.map((doc) => doc.path));
  }
  return { check, built: true, outDir, written: written.sort(), pdfs };
}
