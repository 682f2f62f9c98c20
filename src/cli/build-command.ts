import { relative } from "node:path";
import { Option, type Command } from "commander";
import { EnvironmentError, UsageError } from "../diagnostics/errors.js";
import { contentExitCode, reportDiagnostics, type CommonOptions } from "./output-options.js";

interface BuildCommandOptions extends CommonOptions {
  readonly out?: string;
  readonly htmlOnly?: boolean;
  readonly pdfOnly?: boolean;
  readonly paper?: string[];
  readonly drafts?: boolean;
  readonly chromium?: string;
  readonly audit?: boolean;
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
    .option("--drafts", "include draft papers, watermarked DRAFT")
    .option("--chromium <path>", "the Chromium or Chrome to print with")
    .option("--audit", "audit the output for accessibility and PDF structure")
    .action(async (dir: string, _opts: unknown, command: Command) => {
      const options = command.optsWithGlobals<BuildCommandOptions>();
      const papers = paperNumbers(options.paper);
      // Loaded on demand so that `check` never pays for the renderer, printer and browser.
      const { buildProject } = await import("../build.js");
      const { BrowserFailedError, BrowserNotFoundError } = await import("../print/print-documents.js");
      try {
        const result = await buildProject(dir, {
          html: !options.pdfOnly, pdf: !options.htmlOnly, papers, drafts: options.drafts === true, strict: options.strict === true,
          ...(options.out === undefined ? {} : { outDir: options.out }),
          ...(options.chromium === undefined ? {} : { chromium: options.chromium }),
        });
        await reportDiagnostics(result.check.series.root, result.check.diagnostics, options);
        if (!result.built) {
          process.stderr.write("papersmith: nothing was written because of the problems above.\n");
          setExit(contentExitCode(result.check.errors, result.check.warnings, options.strict));
          return;
        }
        if (!options.quiet && options.format !== "json") {
          const where = relative(process.cwd(), result.outDir) || ".";
          const pages = result.pdfs.reduce((sum, pdf) => sum + pdf.pages, 0);
          process.stderr.write(`Built ${result.written.length} files in ${where}${result.pdfs.length ? ` (${result.pdfs.length} PDFs, ${pages} pages)` : ""}.\n`);
        }
        setExit(0);
      } catch (error) {
        if (error instanceof BrowserNotFoundError || error instanceof BrowserFailedError) throw new EnvironmentError(error.message);
        throw error;
      }
    });
}
