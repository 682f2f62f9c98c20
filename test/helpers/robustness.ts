import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { PDFDocument } from "pdf-lib";
import { checkProject } from "../../src/check.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { fixture } from "./fixtures.js";

/**
 * Helpers of the robustness suite (issue 10): a throwaway copy of a small valid project with
 * some files replaced, snapshots of an output folder, and one-line diagnostics.
 */

/** A temporary copy of test/fixtures/robustness/<base>/ with `files` written over it. */
export function projectWith(files: Readonly<Record<string, string | Uint8Array>> = {}, base = "base"): string {
  const dir = mkdtempSync(join(tmpdir(), "papersmith-robust-"));
  cpSync(fixture("robustness", base), dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return dir;
}

/** A paper's source: front matter (without the --- lines) and a body. */
export function paper(frontMatter: string, body = "Text.\n"): string {
  return `---\n${frontMatter}\n---\n\n${body}`;
}

/** Every file under `dir` (relative, `/`-separated), sorted; dot-files included. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path).split("\\").join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/** Every file's bytes (base64), by path. */
export function snapshot(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((f) => [f, readFileSync(join(dir, f)).toString("base64")]));
}

/** `file:line:column rule message` for each diagnostic. */
export function diagnosticLines(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`);
}

/** The project's diagnostics, and as one-liners. */
export async function checkLines(dir: string): Promise<{ lines: string[]; diagnostics: readonly Diagnostic[] }> {
  const result = await checkProject(dir);
  return { lines: diagnosticLines(result.diagnostics), diagnostics: result.diagnostics };
}

/** True when the bytes are a PDF that pdf-lib can load completely. */
export async function isWholePdf(bytes: Uint8Array): Promise<boolean> {
  if (Buffer.from(bytes.subarray(0, 5)).toString("latin1") !== "%PDF-") return false;
  if (!Buffer.from(bytes.subarray(-1024)).toString("latin1").includes("%%EOF")) return false;
  try {
    return (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount() > 0;
  } catch {
    return false;
  }
}

/**
 * Checks that every reported position lies inside its file: line within the file's line count,
 * column within that line's length + 1 (and the same for the end). Returns the offending lines.
 */
export function positionsOutside(diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>): string[] {
  const bad: string[] = [];
  for (const d of diagnostics) {
    const text = texts.get(d.file);
    if (text === undefined) continue;
    const lines = text.split("\n");
    const inside = (line: number, column: number): boolean =>
      Number.isInteger(line) && Number.isInteger(column) && line >= 1 && line <= lines.length && column >= 1
      && column <= (lines[line - 1] ?? "").length + 1;
    if (!inside(d.line, d.column)) bad.push(`${d.file}:${d.line}:${d.column} ${d.rule} (${lines.length} lines)`);
    if (d.endLine !== undefined && !inside(d.endLine, d.endColumn ?? 1)) bad.push(`end ${d.file}:${d.endLine}:${d.endColumn} ${d.rule}`);
  }
  return bad;
}
