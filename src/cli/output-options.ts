import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { appendFileSync } from "node:fs";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { formatHuman } from "../diagnostics/format-human.js";
import { formatJson } from "../diagnostics/format-json.js";
import { formatGithub } from "../diagnostics/format-github.js";
import { githubStepSummary } from "../diagnostics/github-step-summary.js";
import { relativeToWorkspace } from "../diagnostics/github-workspace.js";
import { UsageError } from "../diagnostics/errors.js";

/** The options every command shares (see README.md#usage). */
export interface CommonOptions {
  readonly format?: string;
  readonly strict?: boolean;
  readonly quiet?: boolean;
  readonly color?: boolean;
}

export type DiagnosticFormat = "human" | "json" | "github";

/** The diagnostics format: as given, else `github` under GitHub Actions, else `human`. */
export function diagnosticFormat(options: CommonOptions, env: NodeJS.ProcessEnv = process.env): DiagnosticFormat {
  const format = options.format ?? (env.GITHUB_ACTIONS === "true" ? "github" : "human");
  if (format === "human" || format === "json" || format === "github") return format;
  throw new UsageError(`--format must be human, json or github, not "${format}".`);
}

/** Colour only on a terminal, never with NO_COLOR or --no-color. */
export function useColor(options: CommonOptions, stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== ""; // no-color.org: set and not empty
  return options.color !== false && !noColor && stream.isTTY === true;
}

async function sourcesFor(root: string, diagnostics: readonly Diagnostic[]): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  await Promise.all([...new Set(diagnostics.map((d) => d.file))].map(async (file) => {
    try {
      sources.set(file, await readFile(join(root, file), "utf8"));
    } catch { /* no frame for a file that cannot be read */ }
  }));
  return sources;
}

/**
 * Prints diagnostics in the chosen format; the only place reports are written. They go to
 * `out`, stdout unless the command's stdout is kept for output of its own (`report`).
 */
export async function reportDiagnostics(root: string, all: readonly Diagnostic[], options: CommonOptions, out: NodeJS.WriteStream = process.stdout): Promise<void> {
  const format = diagnosticFormat(options);
  const diagnostics = options.quiet ? all.filter((d) => d.severity === "error") : all;
  if (format === "json") {
    out.write(formatJson(all));
    return;
  }
  if (format === "github") {
    const workspace = process.env.GITHUB_WORKSPACE;
    out.write(formatGithub(relativeToWorkspace(diagnostics, root, workspace)));
    const summary = process.env.GITHUB_STEP_SUMMARY;
    if (summary) appendFileSync(summary, githubStepSummary(relativeToWorkspace(all, root, workspace)));
    return;
  }
  if (options.quiet && diagnostics.length === 0) return;
  const sources = await sourcesFor(root, diagnostics);
  out.write(formatHuman(diagnostics, { color: useColor(options, out), sources }));
}

/** Exit code for a checked project: 1 on errors, or on warnings under --strict. */
export function contentExitCode(errors: number, warnings: number, strict: boolean | undefined): 0 | 1 {
  return errors > 0 || (strict && warnings > 0) ? 1 : 0;
}
