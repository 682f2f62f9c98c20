/** What an audit of the written output found, for the accessibility statement. */
export interface AuditFacts {
  readonly pages: number;
  readonly pdfs: number;
  readonly errors: number;
  readonly warnings: number;
  /** Each rule that found problems, with how many. */
  readonly byRule: readonly { readonly rule: string; readonly count: number }[];
}

/** What the build driver asks the renderer for. */
export interface RenderOptions {
  /** An internal build: drafts, embargoed papers and uncleared case studies included, every page marked. */
  readonly includeDrafts: boolean;
  /** Only these papers are built (all when absent). */
  readonly paperNumbers?: readonly number[];
  /** The moment embargoes are judged against (default: the clock). */
  readonly now?: Date;
  /** The date the accessibility statement gives as its preparation date (YYYY-MM-DD). */
  readonly statementDate?: string;
  /** What `--audit` found, once it has run; absent: the build was not audited. */
  readonly audit?: AuditFacts;
  /** Link each paper page to its PDF (default true); the driver passes false for `--html-only`. */
  readonly pdfLinks?: boolean;
  /**
   * Add the traceability report, report.json and report.html, linked from every page's footer
   * (default false: the preview serves neither).
   */
  readonly report?: boolean;
  /**
   * A search box on every page, backed by a static index of the site's pages built with the
   * site (default false: the preview has none).
   */
  readonly search?: boolean;
  /** renderSite: render the site's pages and assets (default true); false gives the print documents only. */
  readonly pages?: boolean;
}
