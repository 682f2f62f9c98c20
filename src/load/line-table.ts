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

  /**
   * A new point at `offset`, which lies on 0-based line `from` or after it: found by halving,
   * for a paragraph may run to thousands of lines and nodes.
   */
  pointAt(offset: number, from = 0): Point {
    let low = from; // the last line known to start at or before offset
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? Infinity) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1, offset };
  }

  /** The point just after the text's last character, where micromark ends the root. */
  end(): Point {
    const last = this.lines.length - 1;
    return this.point(last, (this.lines[last]?.length ?? 0) + 1);
  }
}
