import { readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";

/** The folder of test/fixtures/<area>/. */
export function fixturesDir(area: string): string {
  return fileURLToPath(new URL(`../fixtures/${area}/`, import.meta.url));
}

/** One fixture project: test/fixtures/<area>/<name>/. */
export function fixture(area: string, name: string): string {
  return join(fixturesDir(area), name);
}

/** The case folders of an area, sorted. */
export function fixtureCases(area: string): string[] {
  const dir = fixturesDir(area);
  return readdirSync(dir).filter((name) => !name.startsWith(".") && statSync(join(dir, name)).isDirectory()).sort();
}

/**
 * One expected diagnostic, as written in a case's `expected.txt`:
 *
 *     file:line:col severity rule[ => suggestion][  message]
 *
 * The suggestion and message are checked only when written. Blank lines and lines starting
 * with `#` are comments.
 */
export interface ExpectedLine {
  readonly text: string;
  /** `file:line:col severity rule` */
  readonly key: string;
  readonly suggestion: boolean;
  readonly message: boolean;
}

const LINE = /^(.+):(\d+):(\d+) (error|warn) ([a-z0-9-]+)( => \S+)?( {2}.+)?$/;

/** Reads a case's `expected.txt`. */
export function readExpected(dir: string): ExpectedLine[] {
  const text = readFileSync(join(dir, "expected.txt"), "utf8");
  return text.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#")).map((line) => {
    const match = LINE.exec(line);
    if (!match) throw new Error(`${dir}/expected.txt: cannot read the line "${line}"`);
    return { text: line, key: `${match[1]}:${match[2]}:${match[3]} ${match[4]} ${match[5]}`, suggestion: match[6] !== undefined, message: match[7] !== undefined };
  });
}

/** A diagnostic in the expected.txt shape, with as much detail as `like` asks for. */
export function formatDiagnostic(d: Diagnostic, like?: ExpectedLine): string {
  let line = `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}`;
  if (like?.suggestion) line += ` => ${d.suggestion ?? "(none)"}`;
  if (like?.message) line += `  ${d.message}`;
  return line;
}

/**
 * Formats actual diagnostics in the shape of the expected ones (each with the detail of the
 * first unused expected line of the same position, severity and rule), for one exact comparison.
 */
export function reportLines(diagnostics: readonly Diagnostic[], expected: readonly ExpectedLine[]): string[] {
  const unused = [...expected];
  return diagnostics.map((d) => {
    const at = unused.findIndex((e) => e.key === formatDiagnostic(d));
    const like = at < 0 ? undefined : unused.splice(at, 1)[0];
    return formatDiagnostic(d, like);
  });
}
