import { isAbsolute, join, resolve } from "node:path";
import type { Series } from "./model/index.js";
import { checkProject, type CheckResult } from "./check.js";
import { siteRenderer, type PrintDocument } from "./render/site.js";
import { writeFileAtomic } from "./render/write-atomic.js";
import type { Printer } from "./print/print-documents.js";
import type { PrintRequest, PrintResult } from "./print/print-types.js";
import { BrowserNotFoundError } from "./print/errors.js";
import { stopBrowser } from "./print/spawn-browser.js";
import { findBrowser } from "./print/find-browser.js";
import type { EarlyBrowser } from "./print/early-browser.js";
import { PdfLedger } from "./print/pdf-ledger.js";
import { printEnvironmentStamp } from "./print/print-environment.js";
import { codeFingerprint } from "./load/code-fingerprint.js";
import { pdfLedgerFile } from "./config/cache-location.js";
import { DEFAULT_BUILD } from "./config/defaults.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { compareDiagnostics, severityTable, toDiagnostics } from "./diagnostics/severity.js";

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
  /** `--audit`: once written, check every page with axe-core and every PDF's structure. */
  readonly audit?: boolean;
  /** The parse cache's folder (none: parse every file). */
  readonly cacheDir?: string;
  /**
   * The browser, found before the build was loaded and perhaps already starting; the build
   * starts it when it has not been (else, without one, the build finds and starts its own).
   */
  readonly browser?: EarlyBrowser;
}

/** What `--audit` found in the written output. */
export interface BuildAudit {
  /** `a11y` and `pdf-structure` diagnostics, after the project's `rules:` overrides. */
  readonly diagnostics: readonly Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
  readonly pages: number;
  readonly pdfs: number;
  readonly ms: number;
}

export interface BuildResult {
  readonly check: CheckResult;
  /** False when content problems stopped the build before anything was written. */
  readonly built: boolean;
  readonly outDir: string;
  readonly written: readonly string[];
  readonly pdfs: readonly PrintResult[];
  /** Present when the build was audited. */
  readonly audit?: BuildAudit;
  /** The check's diagnostics and the audit's, in report order. */
  readonly diagnostics: readonly Diagnostic[];
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

/** What the print stage needs to print one rendered document to `outFile` (build and preview). */
export function printRequest(series: Series, doc: PrintDocument, outFile: string, date: Date): PrintRequest {
  return {
    html: doc.html,
    outFile,
    draft: doc.paper?.status === "draft",
    runningHeader: doc.paper ? `${series.config.series.title} — ${doc.paper.title}` : series.config.series.title,
    metadata: {
      title: doc.title,
      author: series.config.partners.map((p) => p.name).join(", "),
      subject: doc.subject,
      keywords: doc.keywords,
      language: series.config.series.language,
      creator: "papersmith",
      date,
    },
  };
}

async function openLedger(cacheDir: string, projectRoot: string, browser: string): Promise<PdfLedger> {
  const [code, environment] = await Promise.all([codeFingerprint(), printEnvironmentStamp(browser)]);
  return PdfLedger.open(pdfLedgerFile(cacheDir, projectRoot), `${code}\0${environment}`);
}

/**
 * Runs the whole pipeline: load → resolve → validate → render → print. Nothing is written
 * when the project has errors (or warnings under strict), so good output is never replaced
 * by bad; every file is written atomically.
 */
export async function buildProject(projectDir: string, request: BuildRequest): Promise<BuildResult> {
  // The browser starts while the project is checked and rendered, so its launch costs no time;
  // it is closed unused when the check fails. Without one, the build stops after the check.
  const early = request.browser;
  const browser = early !== undefined ? early.executable
    : request.pdf || request.audit === true ? findBrowser(request.chromium) : undefined;
  let starting: Promise<Printer> | undefined;
  const printer = request.pdf && browser !== undefined
    ? (): Promise<Printer> => {
      if (starting === undefined) {
        const started = early?.launch();
        starting = import("./print/print-documents.js").then(({ openPrinter }) =>
          openPrinter({ format: DEFAULT_BUILD.pdf.format, chromium: browser, ...(started === undefined ? {} : { started }) }));
        starting.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
      }
      return starting;
    }
    : undefined;
  const ledger = printer !== undefined && browser !== undefined && request.cacheDir !== undefined
    ? await openLedger(request.cacheDir, resolve(projectDir), browser)
    : undefined;
  // When the last build's PDFs are all still there, starting the browser (and loading the
  // printer) waits until a source file turns out changed or a PDF is known to need printing:
  // a rebuild that changed nothing never starts Chromium.
  const kept = printer !== undefined && ledger !== undefined && (await ledger.outputsKept());
  if (printer !== undefined && !kept) void printer();
  const onSourceChange = printer !== undefined && kept ? (): void => void printer() : undefined;
  try {
    return await buildWith(projectDir, request, browser, printer, ledger, onSourceChange);
  } finally {
    if (starting !== undefined) await (await starting.catch(() => undefined))?.close();
    else if (early?.spawned !== undefined) await early.spawned.then((spawned) => stopBrowser(spawned), () => undefined);
  }
}

/**
 * Starts printing the documents, as they come from `docs` ([index, document]), except those the
 * ledger keeps; `results` is every document's result in index order, once they are printed (and
 * the ledger saved). The documents after the first to print are rendered while it prints.
 * It resolves only after the browser has started: a browser that cannot start stops the build
 * before anything is written, so the output never mixes this build's pages with the last
 * build's PDFs. A build that prints nothing never waits for the browser.
 */
async function startPrinting(
  series: Series, docs: AsyncIterable<readonly [number, PrintDocument]>, outDir: string, date: Date,
  openPrinter: () => Promise<Printer>, ledger: PdfLedger | undefined,
): Promise<{ readonly results: Promise<PrintResult[]> }> {
  const format = series.config.build.pdf.format;
  // Filled at each document's index: kept ones as they come, printed ones once printed.
  const results: PrintResult[] = [];
  const toPrint: PrintRequest[] = [];
  const printedAt: number[] = [];
  const source = docs[Symbol.asyncIterator]();
  // The next document to print; the kept ones before it go straight into the results.
  const nextToPrint = async (): Promise<PrintRequest | undefined> => {
    for (let next = await source.next(); next.done !== true; next = await source.next()) {
      const [index, doc] = next.value;
      const request = printRequest(series, doc, join(outDir, doc.path), date);
      const kept = await ledger?.keeps(request, format);
      if (kept !== undefined) {
        results[index] = kept;
        continue;
      }
      toPrint.push(request);
      printedAt.push(index);
      return request;
    }
    return undefined;
  };
  const first = await nextToPrint();
  if (first === undefined) return { results: Promise.resolve(results) };
  const printer = await openPrinter();
  const printing = (async (): Promise<PrintResult[]> => {
    await printer.useFormat(format);
    // The rest of the documents are rendered while the first ones print.
    const printed = await printer.printEach((async function* rest(): AsyncGenerator<PrintRequest> {
      for (let request: PrintRequest | undefined = first; request !== undefined; request = await nextToPrint()) yield request;
    })());
    await printer.close(); // before the audit starts a browser of its own (closing twice is harmless)
    ledger?.record(toPrint, printed, format);
    await ledger?.save();
    printed.forEach((result, at) => { results[printedAt[at]!] = result; });
    return results;
  })();
  printing.catch(() => undefined); // awaited by the caller; not an unhandled rejection meanwhile
  return { results: printing };
}

async function buildWith(
  projectDir: string, request: BuildRequest, browser: string | undefined,
  openPrinter: (() => Promise<Printer>) | undefined, ledger: PdfLedger | undefined, onSourceChange: (() => void) | undefined,
): Promise<BuildResult> {
  const check = await checkProject(projectDir, {
    ...(request.cacheDir === undefined ? {} : { cacheDir: request.cacheDir }),
    ...(onSourceChange === undefined ? {} : { onSourceChange }),
  });
  const { series, index } = check;
  const outDir = request.outDir
    ? resolve(request.outDir)
    : isAbsolute(series.config.build.outDir) ? series.config.build.outDir : join(series.root, series.config.build.outDir);
  if (check.errors > 0 || (request.strict && check.warnings > 0)) {
    return { check, built: false, outDir, written: [], pdfs: [], diagnostics: check.diagnostics };
  }
  // With no browser, the build stops here, before writing anything: the output stays untouched.
  const needsBrowser = request.pdf || (request.audit === true && request.html);
  if (needsBrowser && browser === undefined) throw new BrowserNotFoundError(request.chromium);
  const date = sourceDate(series);
  const written: string[] = [];
  const site = siteRenderer(series, index, {
    includeDrafts: request.drafts,
    sourceDate: date,
    pdfLinks: request.pdf,
    report: request.html,
    pages: request.html,
    ...(request.papers.length > 0 ? { paperNumbers: request.papers } : {}),
  });
  // The PDFs are started first and the site's pages rendered and written while Chromium prints:
  // page rendering fills the time the printer's Node side spends waiting.
  const printing = openPrinter === undefined ? undefined : await startPrinting(series, site.printInTurn(), outDir, date, openPrinter, ledger);
  try {
    if (request.html) {
      await Promise.all((await site.pages()).map(async (file) => {
        await writeFileAtomic(join(outDir, file.path), file.content);
        written.push(file.path);
      }));
    }
  } finally {
    // A failed page write is the error reported; the print it interrupted still ends (and closes) first.
    await printing?.results.catch(() => undefined);
  }
  const pdfs = printing === undefined ? [] : await printing.results;
  if (printing !== undefined) written.push(...site.print.map((doc) => doc.path));
  written.sort();
  if (request.audit !== true) return { check, built: true, outDir, written, pdfs, diagnostics: check.diagnostics };
  // The audit reads what was written: the output stays whatever it finds. Loaded only now: it
  // brings pdf-lib and axe-core, which a build without --audit never needs in this thread.
  const { auditOutput } = await import("./audit/audit.js");
  const found = await auditOutput({
    root: series.root,
    outDir,
    pages: written.filter((path) => path.endsWith(".html")),
    pdfs: written.filter((path) => path.endsWith(".pdf")),
    ...(browser === undefined ? {} : { executable: browser }),
  });
  const diagnostics = toDiagnostics(found.problems, severityTable(series.config.rules));
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const audit: BuildAudit = { diagnostics, errors, warnings: diagnostics.length - errors, pages: found.pages, pdfs: found.pdfs, ms: found.ms };
  return { check, built: true, outDir, written, pdfs, audit, diagnostics: [...check.diagnostics, ...diagnostics].sort(compareDiagnostics) };
}
