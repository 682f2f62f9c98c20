import { statSync } from "node:fs";
import { relative, resolve } from "node:path";
import { Option, type Command } from "commander";
import { EnvironmentError, UsageError } from "../diagnostics/errors.js";
import type { BuildAudit, BuildResult } from "../build.js";
import type { ReleaseBundle } from "../release/release-bundle.js";
import type { PrintResult } from "../print/print-types.js";
import { contentExitCode, reportDiagnostics, type CommonOptions } from "./output-options.js";
import { cacheDirFor, reportCacheUse, type CacheOption } from "./cache-option.js";
import { pdfLedgerFile } from "../config/cache-location.js";
import { sourcesNewerThan } from "./sources-newer-than.js";
import { parseMoment } from "../load/moment.js";
import { countNoun } from "../diagnostics/count-noun.js";

interface BuildCommandOptions extends CommonOptions, CacheOption {
  readonly out?: string;
  readonly htmlOnly?: boolean;
  readonly pdfOnly?: boolean;
  readonly paper?: string[];
  readonly drafts?: boolean;
  readonly chromium?: string;
  readonly audit?: boolean;
  readonly now?: string;
  readonly release?: boolean;
  readonly docx?: boolean;
}

/** " (20 PDFs, 143 pages)" or " (1 PDF, 1 page)", saying how many were kept unprinted; "" when there are none. */
export function pdfSummary(pdfs: readonly PrintResult[]): string {
  if (pdfs.length === 0) return "";
  const pages = pdfs.reduce((sum, pdf) => sum + pdf.pages, 0);
  const kept = pdfs.filter((pdf) => pdf.prints === 0).length;
  const unchanged = kept === 0 ? "" : kept === pdfs.length ? "; all unchanged, none printed" : `; ${kept} unchanged, not printed again`;
  return ` (${countNoun(pdfs.length, "PDF")}, ${countNoun(pages, "page")}${unchanged})`;
}

/** The output's counts for the build's summary: the PDFs' (pdfSummary), and the Word documents' when it wrote any. */
export function outputSummary(pdfs: readonly PrintResult[], written: readonly string[]): string {
  const printed = pdfSummary(pdfs);
  const documents = written.filter((path) => path.endsWith(".docx")).length;
  if (documents === 0) return printed;
  const word = countNoun(documents, "Word document");
  return printed === "" ? ` (${word})` : `${printed.slice(0, -1)}; ${word})`;
}

/** "Audited 21 pages and 3 PDFs in 4.2 s: no problems." */
export function auditLine(audit: BuildAudit): string {
  const found = audit.diagnostics.length === 0 ? "no problems" : `${countNoun(audit.errors, "error")}, ${countNoun(audit.warnings, "warning")}`;
  return `Audited ${countNoun(audit.pages, "page")} and ${countNoun(audit.pdfs, "PDF")} in ${(audit.ms / 1000).toFixed(1)} s: ${found}.`;
}

/** "Release bundle: series-2014-11-14.zip (3 PDFs, 3 Word documents and SHA256SUMS), SHA-256 …" */
function releaseLine(bundle: ReleaseBundle, written: readonly string[]): string {
  const where = relative(process.cwd(), bundle.path) || bundle.path;
  const documents = written.filter((path) => path.endsWith(".docx")).length;
  const what = documents === 0 ? countNoun(bundle.files, "PDF") : `${countNoun(bundle.files - documents, "PDF")}, ${countNoun(documents, "Word document")}`;
  return `Release bundle: ${where} (${what} and SHA256SUMS), SHA-256 ${bundle.sha256}.`;
}

/** `--now`: a date-time with its zone (or a date, meaning its midnight UTC). */
function nowOption(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const moment = parseMoment(value);
  if (moment === undefined || moment === "not-in-calendar") {
    throw new UsageError(`--now takes a date and time with its zone, such as 2014-11-14T00:01:00Z, not "${value}".`);
  }
  return new Date(moment);
}

/** " Left out under embargo: Paper 3 (until 2014-11-14T00:01:00.000Z)." — the build's summary names what it held back. */
function embargoLine(papers: BuildResult["embargoed"]): string {
  if (papers.length === 0) return "";
  return ` Left out under embargo: ${papers.map((p) => `Paper ${p.number} “${p.title}” (until ${p.embargo ?? "?"})`).join(", ")}.`;
}

/**
 * When a build of the project at `projectRoot` last printed (its PDF ledger's time); undefined
 * when unknown. The cache is only a shortcut: a cache folder this user cannot enter (a HOME that
 * belongs to someone else) means no ledger, never a failed build.
 */
function lastPrinted(cacheDir: string | undefined, projectRoot: string): number | undefined {
  if (cacheDir === undefined) return undefined;
  try {
    return statSync(pdfLedgerFile(cacheDir, projectRoot), { throwIfNoEntry: false })?.mtimeMs;
  } catch {
    return undefined;
  }
}

function paperNumbers(values: readonly string[] | undefined): number[] {
  return (values ?? []).map((value) => {
    if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--paper takes a paper number, not "${value}".`);
    return Number(value);
  });
}

/** `papersmith build [dir]`: validate, then write HTML and PDF. */
export function registerBuild(program: Command, setExit: (code: number) => void): void {
  program.command("build").argument("[dir]", "the series project folder", ".")
    .description("validate, then write the HTML site and the PDFs")
    .option("--out <dir>", "output folder (default: build.outDir in papersmith.yaml)")
    .addOption(new Option("--html-only", "write the HTML site only").conflicts("pdfOnly"))
    .option("--pdf-only", "write the PDFs only")
    .option("--paper <n>", "build only this paper (repeatable)", (value: string, all: string[] = []) => [...all, value])
    .option("--drafts", "an internal build: include draft papers (watermarked DRAFT), embargoed papers and uncleared case studies")
    .option("--now <date-time>", "the moment embargoes are judged against (default: SOURCE_DATE_EPOCH, else the clock)")
    .option("--chromium <path>", "the Chromium or Chrome to print with")
    .option("--audit", "audit the output for accessibility and PDF structure")
    .option("--docx", "also write a Word document for each paper (docx/), for reviewers who comment in Word")
    .addOption(new Option("--release", "also bundle the PDFs (and Word documents) with SHA256SUMS in <series>-<date>.zip beside the output folder").conflicts(["htmlOnly", "drafts"]))
    .action(async (dir: string, _opts: unknown, command: Command) => {
      const options = command.optsWithGlobals<BuildCommandOptions>();
      const papers = paperNumbers(options.paper);
      const now = nowOption(options.now);
      // The browser is found first and, for a build that will likely print (no PDFs of its own
      // from before, or sources modified since), started at once, so that it is up by the time
      // the project is checked. Otherwise the build starts it once it knows it may print
      // (buildProject): a rebuild that changed nothing never starts it. The rest is loaded on
      // demand so that `check` never pays for the renderer, printer and browser.
      const { findBrowserEarly } = await import("../print/early-browser.js");
      const browser = options.htmlOnly === true ? undefined : await findBrowserEarly(options.chromium);
      const { cacheDir } = cacheDirFor(options);
      const printedAt = lastPrinted(cacheDir, resolve(dir));
      if (printedAt === undefined || sourcesNewerThan(resolve(dir), printedAt)) browser?.launch();
      // The browser may be starting already: if the build cannot even be loaded, it is stopped
      // here, since buildProject, which stops it otherwise, never runs.
      const loaded = await Promise.all([import("../build.js"), import("../print/errors.js")]).catch(async (error: unknown) => {
        await browser?.launched?.then((launched) => launched.stop(), () => undefined);
        throw error;
      });
      const [{ buildProject }, { BrowserFailedError, BrowserNotFoundError }] = loaded;
      try {
        const result = await buildProject(dir, {
          html: !options.pdfOnly, pdf: !options.htmlOnly, papers, drafts: options.drafts === true, strict: options.strict === true,
          ...(options.out === undefined ? {} : { outDir: options.out }),
          ...(now === undefined ? {} : { now }),
          ...(options.chromium === undefined ? {} : { chromium: options.chromium }),
          ...(options.audit === true ? { audit: true } : {}),
          ...(options.release === true ? { release: true } : {}),
          ...(options.docx === true ? { docx: true } : {}),
          ...(cacheDir === undefined ? {} : { cacheDir }),
          ...(browser === undefined ? {} : { browser }),
        });
        reportCacheUse(result.check.cache);
        await reportDiagnostics(result.check.series.root, result.diagnostics, options);
        if (!result.built) {
          process.stderr.write("papersmith: nothing was written because of the problems above.\n");
          setExit(contentExitCode(result.check.errors, result.check.warnings, options.strict));
          return;
        }
        const where = relative(process.cwd(), result.outDir) || ".";
        if (!options.quiet && options.format !== "json") {
          const removed = result.removed.length === 0 ? "" : ` Removed ${countNoun(result.removed.length, "file")} an earlier build wrote.`;
          const kind = options.drafts === true ? " (internal: not for publication)" : "";
          process.stderr.write(`Built ${countNoun(result.written.length, "file")} in ${where}${kind}${outputSummary(result.pdfs, result.written)}.${removed}${embargoLine(result.embargoed)}\n`);
          if (result.audit) process.stderr.write(`${auditLine(result.audit)}\n`);
          if (result.release) process.stderr.write(`${releaseLine(result.release, result.written)}\n`);
        }
        // What printing found (print-overflow) and what the audit found come after the writing:
        // they fail the build as the check's problems would, leaving the output for a look.
        const audit = result.audit;
        const printErrors = result.printDiagnostics.filter((d) => d.severity === "error").length;
        const printWarnings = result.printDiagnostics.filter((d) => d.severity === "warn").length;
        const printFailed = contentExitCode(printErrors, printWarnings, options.strict) === 1;
        const auditFailed = audit !== undefined && contentExitCode(audit.errors, audit.warnings, options.strict) === 1;
        if (printFailed || auditFailed) {
          const found = printFailed && auditFailed ? "printing and the audit found" : printFailed ? "printing found" : "the audit found";
          process.stderr.write(`papersmith: ${found} the problems above; the output was written to ${where} and left in place.\n`);
        }
        setExit(printFailed || auditFailed ? 1 : 0);
      } catch (error) {
        if (error instanceof BrowserNotFoundError || error instanceof BrowserFailedError) throw new EnvironmentError(error.message);
        throw error;
      }
    });
}
