import type { Point } from "unist";

/** A text's lines (split at `\n`) with their start offsets, for turning offsets into unist points. */
export class LineTable {
  readonly lines: readonly string[];
  readonly starts: readonly number[];

  constructor(readonly text: string) {
    this.lines = text.split("\n");
    const starts: number[] = [];
    let offset = 0;
    for (const line of this.lines) {
      starts.push(offset);
      offset += line.length + 1;
    }
    this.starts = starts;
  }

  /** A new point (never shared: later stages may move one node's end) at 0-based `line`, 1-based `column`. */
  point(line: number, column: number): Point {
    return { line: line + 1, column, offset: (this.starts[line] ?? 0) + column - 1 };
  }

  /** A new point at `offset`, which lies on 0-based line `from` or after it. */
  pointAt(offset: number, from = 0): Point {
    let line = from;
    while (line + 1 < this.starts.length && (this.starts[line + 1] ?? Infinity) <= offset) line++;
    return { line: line + 1, column: offset - (this.starts[line] ?? 0) + 1, offset };
  }

  /** The point just after the text's last character, where micromark ends the root. */
  end(): Point {
    const last = this.lines.length - 1;
    return this.point(last, (this.lines[last]?.length ?? 0) + 1);
  }
}
