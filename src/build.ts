import { join, resolve } from "node:path";
import type { Paper, Series } from "./model/index.js";
import { publicationOf, type Publication } from "./resolve/publication.js";
import { refuseLinksInOutput } from "./render/output-links.js";
import { UsageError } from "./diagnostics/errors.js";
import { checkProject, type CheckResult } from "./check.js";
import { htmlRenderer } from "./render/html-renderer.js";
import { OutputWriter } from "./render/output-writer.js";
import { renderContext } from "./render/renderer.js";
import type { Printer } from "./print/print-documents.js";
import type { PrintResult } from "./print/print-types.js";
import { pdfRenderer } from "./print/pdf-renderer.js";
import { overflowProblems } from "./print/print-overflow.js";
import { BrowserNotFoundError } from "./print/errors.js";
import { findBrowser } from "./print/find-browser.js";
import type { EarlyBrowser } from "./print/early-browser.js";
import { PdfLedger } from "./print/pdf-ledger.js";
import { printEnvironmentStamp } from "./print/print-environment.js";
import { codeFingerprint } from "./load/code-fingerprint.js";
import { closeSharedParsePool } from "./load/parse-pool.js";
import { pdfLedgerFile } from "./config/cache-location.js";
import { DEFAULT_BUILD } from "./config/defaults.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { compareDiagnostics, severityTable, toDiagnostics } from "./diagnostics/severity.js";
import type { ReleaseBundle } from "./release/release-bundle.js";

export interface BuildRequest {
  /** `--out`, relative to the working directory; default `build.outDir` under the project. */
  readonly outDir?: string;
  readonly html: boolean;
  readonly pdf: boolean;
  /** `--docx`: also write a Word document for each paper, whatever else is written. */
  readonly docx?: boolean;
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
  /** `--release`: once written (and audited clean, with --audit), bundle the PDFs (and Word documents) with SHA256SUMS in a zip beside outDir. */
  readonly release?: boolean;
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
  /** Present when `--release` wrote a bundle. */
  readonly release?: ReleaseBundle;
  /** What printing found (`print-overflow`), after the project's `rules:` overrides. */
  readonly printDiagnostics: readonly Diagnostic[];
  /** The check's diagnostics, the print's and the audit's, in report order. */
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
    else if (early?.launched !== undefined) await early.launched.then((launched) => launched.stop(), () => undefined);
  }
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
  // The parse workers' memory is free again before the printing starts.
  await closeSharedParsePool();
  const { series, index } = check;
  // build.outDir is checked to lie inside the project (schema); --out may name any folder.
  const outDir = request.outDir ? resolve(request.outDir) : join(series.root, series.config.build.outDir);
  if (check.errors > 0 || (request.strict && check.warnings > 0)) {
    return { check, built: false, outDir, written: [], removed: [], pdfs: [], embargoed: [], printDiagnostics: [], diagnostics: check.diagnostics };
  }
  const moment = buildMoment(request.now);
  const publication = publicationOf(series, index, {
    internal: request.drafts,
    now: moment,
    ...(request.papers.length > 0 ? { paperNumbers: request.papers } : {}),
  });
  checkPaperNumbers(series, publication, request.papers, request.drafts);
  // The project's own output folder must not be, or lie under, a link that leads elsewhere.
  if (request.outDir === undefined) await refuseLinksInOutput(series.root, [series.config.build.outDir]);
  // With no browser, the build stops here, before writing anything: the output stays untouched.
  const needsBrowser = request.pdf || (request.audit === true && request.html);
  if (needsBrowser && browser === undefined) throw new BrowserNotFoundError(request.chromium);
  const context = renderContext(series, index, {
    includeDrafts: request.drafts,
    statementDate: statementDate(publication),
    pdfLinks: request.pdf,
    report: request.html,
    search: request.html,
    ...(request.papers.length > 0 ? { paperNumbers: request.papers } : {}),
  }, publication);
  const pdf = openPrinter === undefined ? undefined : pdfRenderer({ printer: openPrinter, ...(ledger === undefined ? {} : { ledger }) });
  const printed = pdf?.render(context);
  // The PDFs come first: their printing starts, and the site's pages are rendered and written
  // while Chromium prints, page rendering filling the time the printer's Node side spends waiting.
  // The Word documents need no browser: they are made from the same context, in this thread.
  const word = request.docx === true ? (await import("./docx/docx-renderer.js")).docxRenderer.render(context) : undefined;
  const outputs = [printed, request.html ? htmlRenderer.render(context) : undefined, word].filter((output) => output !== undefined);
  const writer = await OutputWriter.open(outDir);
  await writer.writeAll(outputs);
  await pdf?.close(); // before the audit starts a browser of its own (closing twice is harmless)
  const pdfs = printed === undefined ? [] : [...(await printed.results)];
  const written = writer.written;
  const { embargoed } = publication;
  const printDiagnostics = toDiagnostics(overflowProblems(pdfs), severityTable(series.config.rules));
  const checkAndPrint = [...check.diagnostics, ...printDiagnostics].sort(compareDiagnostics);
  // Only a build that passes as a whole is bundled for release: what printing or the audit found
  // may fail it (errors, or warnings under --strict), leaving the output for a look.
  const passes = (found: readonly Diagnostic[]): boolean =>
    !found.some((d) => d.severity === "error" || (request.strict && d.severity === "warn"));
  const bundle = async (): Promise<{ release?: ReleaseBundle }> => {
    if (request.release !== true) return {};
    const { writeReleaseBundle } = await import("./release/release-bundle.js");
    const files = written.filter((path) => path.endsWith(".pdf") || path.endsWith(".docx"));
    return { release: await writeReleaseBundle({ outDir, files, seriesTitle: series.config.series.title, moment }) };
  };
  if (request.audit !== true) {
    const removed = await writer.finish();
    return { check, built: true, outDir, written, removed, pdfs, embargoed, printDiagnostics, diagnostics: checkAndPrint, ...(passes(printDiagnostics) ? await bundle() : {}) };
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
  // The accessibility statement says what the audit found, so it is written again now that it is known.
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(d.rule, (counts.get(d.rule) ?? 0) + 1);
  const facts = {
    pages: found.pages, pdfs: found.pdfs, errors, warnings: audit.warnings,
    byRule: [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, count]) => ({ rule, count })),
  };
  for (const output of outputs) for (const file of output.audited?.(facts) ?? []) await writer.write(file);
  const removed = await writer.finish();
  return {
    check, built: true, outDir, written, removed, pdfs, embargoed, audit, printDiagnostics,
    diagnostics: [...checkAndPrint, ...diagnostics].sort(compareDiagnostics),
    ...(passes([...printDiagnostics, ...diagnostics]) ? await bundle() : {}),
  };
}
