import { readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Problem } from "../diagnostics/diagnostic.js";
import { auditPages, type A11yOptions } from "./a11y.js";
import { auditPdf } from "./pdf-structure.js";

export { WCAG_TAGS } from "./a11y.js";
export { pdfStructureProblems } from "./pdf-structure.js";

/** What `build --audit` checks once the output is written. */
export interface AuditRequest {
  /** The project root: problems name files relative to it. */
  readonly root: string;
  readonly outDir: string;
  /** HTML pages written, relative to outDir with `/` separators. */
  readonly pages: readonly string[];
  /** PDFs written, relative to outDir with `/` separators. */
  readonly pdfs: readonly string[];
  /** The browser for the pages' audit; needed when there are pages. */
  readonly executable?: string;
  readonly concurrency?: A11yOptions["concurrency"];
}

export interface AuditResult {
  /** `a11y` and `pdf-structure` problems, in the order of the pages and PDFs. */
  readonly problems: readonly Problem[];
  readonly pages: number;
  readonly pdfs: number;
  /** Milliseconds the whole audit took. */
  readonly ms: number;
}

/**
 * The audit stage (see docs/reference.md#rules, `build --audit`): axe-core over every page in one browser, and the
 * structure of every PDF, at the same time. Findings are problems like any other rule's, so
 * `rules:` overrides and every report format apply to them.
 *
 * @throws BrowserFailedError when the browser cannot start or a page cannot be loaded.
 */
export async function auditOutput(request: AuditRequest): Promise<AuditResult> {
  const started = performance.now();
  const file = (path: string): string => relative(request.root, join(request.outDir, path)).split(sep).join("/");
  const pages = request.pages.map((path) => ({ path: join(request.outDir, path), file: file(path) }));
  if (pages.length > 0 && request.executable === undefined) throw new Error("auditOutput: pages to audit but no browser");
  const [a11y, structure] = await Promise.all([
    pages.length === 0 ? [] : auditPages(pages, {
      executable: request.executable ?? "",
      ...(request.concurrency === undefined ? {} : { concurrency: request.concurrency }),
    }),
    Promise.all(request.pdfs.map(async (path) => auditPdf(new Uint8Array(await readFile(join(request.outDir, path))), file(path)))),
  ]);
  return {
    problems: [...a11y, ...structure.flat()],
    pages: pages.length,
    pdfs: request.pdfs.length,
    ms: Math.round(performance.now() - started),
  };
}
