/** What the build driver asks the renderer for. */
export interface RenderOptions {
  readonly includeDrafts: boolean;
  /** Only these papers are built (all when absent). */
  readonly paperNumbers?: readonly number[];
  /** The only time that reaches the output (SOURCE_DATE_EPOCH), so builds are reproducible. */
  readonly sourceDate: Date;
  /** Link each paper page to its PDF (default true); the driver passes false for `--html-only`. */
  readonly pdfLinks?: boolean;
  /**
   * Add the traceability report, report.json and report.html, linked from every page's footer
   * (default false: the preview serves neither).
   */
  readonly report?: boolean;
  /** Render the site's pages and assets (default true); false for `--pdf-only`, which needs print documents only. */
  readonly pages?: boolean;
}
