/**
 * How deep YAML may nest by indentation. Papersmith's files nest a handful of levels; both
 * YAML readers (plain-yaml and the `yaml` composer) recurse once or more per level, and a few
 * thousand levels overflow the stack.
 */
export const MAX_YAML_DEPTH = 200;

/** A block scalar header at the end of a line (`key: |`, `- >-`, `|2+`): the lines under it are text. */
export const BLOCK_SCALAR = /(?:^|[ :-])[|>][0-9+-]*\s*$/;

/**
 * The offsets `[start, end)` of the content of the first line that nests deeper than
 * MAX_YAML_DEPTH, or undefined when none does. Levels are counted from indentation and
 * compact `- ` / `? ` markers, in one pass without recursion, before any parser sees the text;
 * the lines of a block scalar (`|`, `>`) are text and do not count.
 */
export function tooDeepLine(text: string): [number, number] | undefined {
  if (text.length < MAX_YAML_DEPTH) return undefined;
  const open: number[] = [];
  let scalarIndent: number | undefined;
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    let column = 0;
    while (start + column < end && text[start + column] === " ") column++;
    const blank = start + column === end || text[start + column] === "#";
    if (!blank && scalarIndent !== undefined && column > scalarIndent) {
      start = end + 1;
      continue;
    }
    if (!blank) {
      scalarIndent = undefined;
      while (open.length > 0 && open.at(-1)! >= column) open.pop();
      open.push(column);
      // `- - - x` and `? - x` open a level at each marker on the one line.
      let at = column;
      while (/[-?]/.test(text[start + at] ?? "") && text[start + at + 1] === " ") {
        at += 2;
        while (text[start + at] === " ") at++;
        if (start + at < end) open.push(at);
      }
      if (open.length > MAX_YAML_DEPTH) return [start + column, end];
      if (BLOCK_SCALAR.test(text.slice(start + column, end))) scalarIndent = column;
    }
    start = end + 1;
  }
  return undefined;
}
