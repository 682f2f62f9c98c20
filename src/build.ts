import { join, resolve } from "node:path";
import type { Paper, Series } from "./model/index.js";
import { publicationOf, type Publication } from "./resolve/publication.js";
import { OutputManifest } from "./render/output-manifest.js";
import { refuseLinksInOutput } from "./render/output-links.js";
import { sweepTemporaryFiles } from "./render/sweep-temporary.js";
import { UsageError } from "./diagnostics/errors.js";
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
  /** `--drafts`: an internal build, with draft papers (watermarked) and everything else unpublished. */
  readonly drafts: boolean;
  /** `--now`: the moment embargoes are judged against (default: SOURCE_DATE_EPOCH, else the clock). */
  readonly now?: Date;
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
  /** Files an earlier build wrote that this one did not, removed from outDir. */
  readonly removed: readonly string[];
  readonly pdfs: readonly PrintResult[];
  /** Final papers left out because their embargo had not ended. */
  readonly embargoed: readonly Paper[];
  /** Present when the build was audited. */
  readonly audit?: BuildAudit;
  /** The check's diagnostics and the audit's, in report order. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The moment embargoes are judged against: `--now` when given, else SOURCE_DATE_EPOCH, else the
 * clock. Nothing else in the output depends on it: a PDF carries its paper's own date.
 */
export function buildMoment(now: Date | undefined, env: NodeJS.ProcessEnv = process.env): Date {
  return now ?? sourceDateEpoch(env) ?? new Date();
}

/** SOURCE_DATE_EPOCH as a moment, when it is set to a number of seconds. */
function sourceDateEpoch(env: NodeJS.ProcessEnv): Date | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
}

/** What the print stage needs to print one rendered document to `outFile` (build and preview). */
export function printRequest(series: Series, doc: PrintDocument, outFile: string): PrintRequest {
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
      date: new Date(`${doc.date || "2000-01-01"}T00:00:00Z`),
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
  // printer) waits until a PDF is known to need printing (startPrinting), unless the command
  // started it already because sources were modified since (build-command.ts): a rebuild that
  // changed nothing never starts Chromium.
  const kept = printer !== undefined && ledger !== undefined && (await ledger.outputsKept());
  if (printer !== undefined && !kept) void printer();
  try {
    return await buildWith(projectDir, request, browser, printer, ledger);
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
  series: Series, docs: AsyncIterable<readonly [number, PrintDocument]>, outDir: string,
  openPrinter: () => Promise<Printer>, ledger: PdfLedger | undefined, beforeFirstPrint: () => Promise<void>,
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
      const request = printRequest(series, doc, join(outDir, doc.path));
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
  await beforeFirstPrint();
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

/**
 * `--paper N` must name a paper this build can write: a usage error otherwise, naming the papers
 * there are, and saying when the paper is a draft or under embargo.
 */
function checkPaperNumbers(series: Series, publication: Publication, requested: readonly number[], drafts: boolean): void {
  for (const number of requested) {
    if (publication.papers.some((p) => p.number === number)) continue;
    const paper = series.papers.find((p) => p.number === number);
    const buildable = series.papers.filter((p) => publication.isPaperPublic(p)).map((p) => p.number).sort((a, b) => a - b);
    const there = buildable.length === 0 ? "this build has no papers" : `the papers of this build are ${buildable.join(", ")}`;
    if (paper === undefined) throw new UsageError(`--paper ${number}: there is no paper ${number} in this series; ${there}.`);
    if (paper.status === "draft" && !drafts) {
      throw new UsageError(`--paper ${number}: paper ${number} is a draft, which only an internal build includes. Add --drafts to build it (every page then says "Internal draft — not for publication").`);
    }
    throw new UsageError(`--paper ${number}: paper ${number} is under embargo until ${paper.embargo ?? "a later date"}; ${there}. Use --drafts for an internal build, or --now to judge the embargo at another moment.`);
  }
}

/** The date the accessibility statement gives: SOURCE_DATE_EPOCH's day, else the newest published paper's. */
function statementDate(publication: Publication, env: NodeJS.ProcessEnv = process.env): string {
  const epoch = sourceDateEpoch(env);
  if (epoch !== undefined) return epoch.toISOString().slice(0, 10);
  return publication.papers.map((p) => p.date).filter((d) => d !== "").sort().at(-1) ?? "";
}

async function buildWith(
  projectDir: string, request: BuildRequest, browser: string | undefined,
  openPrinter: (() => Promise<Printer>) | undefined, ledger: PdfLedger | undefined,
): Promise<BuildResult> {
  const check = await checkProject(projectDir, request.cacheDir === undefined ? {} : { cacheDir: request.cacheDir });
  const { series, index } = check;
  // build.outDir is checked to lie inside the project (schema); --out may name any folder.
  const outDir = request.outDir ? resolve(request.outDir) : join(series.root, series.config.build.outDir);
  if (check.errors > 0 || (request.strict && check.warnings > 0)) {
    return { check, built: false, outDir, written: [], removed: [], pdfs: [], embargoed: [], diagnostics: check.diagnostics };
  }
  const publication = publicationOf(series, index, {
    internal: request.drafts,
    now: buildMoment(request.now),
    ...(request.papers.length > 0 ? { paperNumbers: request.papers } : {}),
  });
  checkPaperNumbers(series, publication, request.papers, request.drafts);
  // The project's own output folder must not be, or lie under, a link that leads elsewhere.
  if (request.outDir === undefined) await refuseLinksInOutput(series.root, [series.config.build.outDir]);
  // With no browser, the build stops here, before writing anything: the output stays untouched.
  const needsBrowser = request.pdf || (request.audit === true && request.html);
  if (needsBrowser && browser === undefined) throw new BrowserNotFoundError(request.chromium);
  const written: string[] = [];
  const renderOptions = {
    includeDrafts: request.drafts,
    publication,
    statementDate: statementDate(publication),
    pdfLinks: request.pdf,
    report: request.html,
    pages: request.html,
    ...(request.papers.length > 0 ? { paperNumbers: request.papers } : {}),
  };
  const site = siteRenderer(series, index, renderOptions);
  const manifest = await OutputManifest.open(outDir);
  await sweepTemporaryFiles(outDir);
  // The PDFs are started first and the site's pages rendered and written while Chromium prints:
  // page rendering fills the time the printer's Node side spends waiting. What is about to be
  // written goes in the manifest first, so that a build that dies half way is tidied by the next.
  const printing = openPrinter === undefined ? undefined
    : await startPrinting(series, site.printInTurn(), outDir, openPrinter, ledger, () => manifest.expect(site.printPaths));
  try {
    if (request.html) {
      const pages = await site.pages();
      await manifest.expect(pages.map((file) => file.path));
      await Promise.all(pages.map(async (file) => {
        await writeFileAtomic(join(outDir, file.path), file.content);
        written.push(file.path);
      }));
    }
  } finally {
    // A failed page write is the error reported; the print it interrupted still ends (and closes) first.
    await printing?.results.catch(() => undefined);
  }
  const pdfs = printing === undefined ? [] : await printing.results;
  if (printing !== undefined) written.push(...site.printPaths);
  written.sort();
  const { embargoed } = publication;
  if (request.audit !== true) {
    const removed = await manifest.finish(written);
    return { check, built: true, outDir, written, removed, pdfs, embargoed, diagnostics: check.diagnostics };
  }
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
  if (request.html) {
    // The statement says what the audit found, so it is written again now that it is known.
    const counts = new Map<string, number>();
    for (const d of diagnostics) counts.set(d.rule, (counts.get(d.rule) ?? 0) + 1);
    const page = site.accessibilityPage({
      pages: found.pages, pdfs: found.pdfs, errors, warnings: audit.warnings,
      byRule: [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, count]) => ({ rule, count })),
    });
    await writeFileAtomic(join(outDir, page.path), page.content);
  }
  const removed = await manifest.finish(written);
  return { check, built: true, outDir, written, removed, pdfs, embargoed, audit, diagnostics: [...check.diagnostics, ...diagnostics].sort(compareDiagnostics) };
}
