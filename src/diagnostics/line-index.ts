/**
 * The lines of one source text, found by number without splitting the text again: the
 * offsets of line starts are recorded once, on the first lookup, so a report with a code
 * frame for every one of many diagnostics on a file reads that file once.
 *
 * Lines end at `\n`, and a `\r` just before it is not part of the line (the same lines as
 * `text.split(/\r?\n/)`).
 */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** The text of 1-based line `line`, without its line ending; `undefined` past the last line. */
  line(line: number): string | undefined {
    const starts = this.lineStarts();
    const start = starts[line - 1];
    if (start === undefined || !Number.isInteger(line)) return undefined;
    const next = starts[line];
    if (next === undefined) return this.text.slice(start);
    const end = next - 1; // the "\n"
    return this.text.slice(start, end > start && this.text.charCodeAt(end - 1) === 13 ? end - 1 : end);
  }

  private lineStarts(): number[] {
    if (this.starts !== undefined) return this.starts;
    const starts = [0];
    for (let at = this.text.indexOf("\n"); at !== -1; at = this.text.indexOf("\n", at + 1)) starts.push(at + 1);
    this.starts = starts;
    return starts;
  }
}
