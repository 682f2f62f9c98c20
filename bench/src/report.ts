import type { Sample } from "./measure.js";

/** One tool on one series: every run's sample, or why it could not run. */
export interface ToolResult {
  readonly tool: string;
  readonly kind: "papersmith" | "floor" | "peer";
  readonly fed: string;
  readonly samples: Sample[];
  /** Load average (1 min) just before each run. */
  readonly loads: number[];
  /** Pages of all the PDFs one run wrote (0 for check and HTML only). */
  pages: number;
  /** The error text of each failed run (a tool with no successful run is left out of the table). */
  readonly failures: string[];
  /** Why the tool could not run at all (e.g. its install failed). */
  error?: string;
}

export interface SizeResult {
  readonly papers: number;
  readonly caseStudies: number;
  readonly tools: ToolResult[];
}

export interface Stats {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly cpuMs: number;
  readonly peakRssMb: number;
  readonly peakPssMb: number;
}

const median = (list: readonly number[]): number => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export function stats(samples: readonly Sample[]): Stats | undefined {
  if (samples.length === 0) return undefined;
  const wall = samples.map((s) => s.wallMs);
  return {
    medianMs: median(wall),
    minMs: Math.min(...wall),
    maxMs: Math.max(...wall),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    peakRssMb: Math.max(...samples.map((s) => s.peakRssMb)),
    peakPssMb: Math.max(...samples.map((s) => s.peakPssMb)),
  };
}

const s = (ms: number): string => (ms / 1000).toFixed(2);
const ratio = (a: number | undefined, b: number | undefined): string => (a === undefined || b === undefined ? "—" : `${(a / b).toFixed(2)}×`);

export function medianOf(size: SizeResult, tool: string): number | undefined {
  return stats(size.tools.find((t) => t.tool === tool)?.samples ?? [])?.medianMs;
}

export const CHECK = "papersmith check";
/** check with the cache one earlier run left. */
export const CHECK_SECOND = "papersmith check (second run)";
export const CHECK_WARM = "papersmith check (warm cache)";
export const PDF_ONLY = "papersmith build --pdf-only";
export const PDF_ONLY_WARM = "papersmith build --pdf-only (warm cache)";
export const PDF_ONLY_EDIT = "papersmith build --pdf-only (one paper edited)";
export const PDF_ONLY_UNCHANGED = "papersmith build --pdf-only (nothing changed)";
export const BOTH = "papersmith build";

/** The Markdown table of one series size: each tool, then papersmith's PDF build ÷ it. */
export function sizeTable(size: SizeResult): string {
  const pdfOnly = medianOf(size, PDF_ONLY);
  const both = medianOf(size, BOTH);
  const loads = size.tools.flatMap((t) => t.loads);
  const lines = [
    `### ${size.papers} papers (${size.caseStudies} case studies); load average ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} during the runs`,
    "",
    "| tool | median s | min–max s | runs | pages | pages/s | CPU s | peak RSS MB | peak PSS MB | pdf-only ÷ this | build ÷ this |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const tool of size.tools) {
    const st = stats(tool.samples);
    if (st === undefined) continue;
    const pdf = tool.pages > 0;
    lines.push(`| ${tool.tool} | ${s(st.medianMs)} | ${s(st.minMs)}–${s(st.maxMs)} | ${tool.samples.length} | ${pdf ? tool.pages : "—"} | ${pdf ? (tool.pages / (st.medianMs / 1000)).toFixed(1) : "—"} | ${Number.isNaN(st.cpuMs) ? "—" : s(st.cpuMs)} | ${Math.round(st.peakRssMb)} | ${Math.round(st.peakPssMb)} | ${pdf ? ratio(pdfOnly, st.medianMs) : "—"} | ${pdf ? ratio(both, st.medianMs) : "—"} |`);
  }
  const failed = size.tools.filter((t) => t.error !== undefined || t.failures.length > 0);
  if (failed.length > 0) {
    lines.push("", "Failed runs (a tool without a successful run is not in the table):");
    for (const t of failed) {
      const text = (t.error ?? t.failures[0]!).split("\n").slice(0, 8).join(" / ");
      lines.push(`- ${t.tool}: ${t.error !== undefined ? "not run" : `${t.failures.length} of ${t.failures.length + t.samples.length} runs failed`}: ${text}`);
    }
  }
  return lines.join("\n");
}

/** Notes on what each tool was fed, once for all sizes. */
export function fedNotes(sizes: readonly SizeResult[]): string {
  const seen = new Map<string, string>();
  for (const size of sizes) for (const tool of size.tools) seen.set(tool.tool, tool.fed);
  return [...seen].map(([tool, fed]) => `- **${tool}**: ${fed}`).join("\n");
}
