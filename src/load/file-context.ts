import type { LineCounter } from "yaml";
import type { SourcePosition, SourceRange } from "../model/index.js";
import { problem, type Problem } from "../diagnostics/diagnostic.js";
import type { RuleId } from "../diagnostics/rules.js";
import { fileStart } from "../diagnostics/position-range.js";

/**
 * One source file being loaded: its project-relative name, a way from offsets to positions,
 * and the list its problems go to.
 */
export class FileContext {
  readonly problems: Problem[] = [];

  /**
   * @param file project-relative path with `/` separators
   * @param lineCounter line starts of the YAML text being read
   * @param lineOffset lines before that text in the file (front matter starts on line 2)
   */
  constructor(
    readonly file: string,
    private readonly lineCounter?: LineCounter,
    private readonly lineOffset = 0,
  ) {}

  /** The file position of an offset into the YAML text. */
  position(offset: number): SourcePosition {
    if (!this.lineCounter) return { line: 1, column: 1 };
    const { line, col } = this.lineCounter.linePos(offset);
    return { line: line + this.lineOffset, column: col };
  }

  /** The file range of `[start, end)` offsets into the YAML text. */
  range(start: number, end: number): SourceRange {
    return { file: this.file, start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** A range covering the file's first position, for problems of the whole file. */
  fileStart(): SourceRange {
    return fileStart(this.file);
  }

  report(rule: RuleId, range: SourceRange, message: string, suggestion?: string): void {
    this.problems.push(problem(rule, range, message, suggestion));
  }
}
