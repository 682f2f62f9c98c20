import type { AlignType, Table, TableCell, TableRow } from "mdast";
import type { LineTable } from "./line-table.js";
import { phrasingOf } from "./plain-inline.js";

/** A row as papers write it: `| a | b |`, without tabs, escapes or code (which may hold pipes). */
const PLAIN_ROW = /^\|[^\t\\`]*\|$/;
const DELIMITER_CELL = /^ *(:?)-+(:?) *$/;

/**
 * The GFM table of plain rows starting at 0-based line `i` and ending before a blank line or
 * the end of the text, as micromark and mdast-util-gfm-table give it: each cell from its
 * opening pipe to the next (the last one to the row's end), its text trimmed. Undefined when
 * any row is written otherwise, a cell is empty or holds inline syntax, or a row has another
 * number of cells than the header: micromark parses those.
 */
export function tableBlock(table: LineTable, i: number): { readonly last: number; readonly node: Table } | undefined {
  const { lines } = table;
  const delimiter = lines[i + 1];
  if (delimiter === undefined || !PLAIN_ROW.test(lines[i] ?? "") || !PLAIN_ROW.test(delimiter)) return undefined;
  const align: AlignType[] = [];
  for (const cell of delimiter.slice(1, -1).split("|")) {
    const match = DELIMITER_CELL.exec(cell);
    if (!match) return undefined;
    align.push(match[1] ? (match[2] ? "center" : "left") : match[2] ? "right" : null);
  }
  const header = rowAt(table, i, align.length);
  if (!header) return undefined;
  const rows: TableRow[] = [header];
  let last = i + 1;
  for (let j = i + 2; j < lines.length && !/^[ \t]*$/.test(lines[j] ?? ""); j++) {
    const row = rowAt(table, j, align.length);
    if (!row) return undefined;
    rows.push(row);
    last = j;
  }
  // The table ends with its last line, the delimiter row when there are no others.
  const end = table.point(last, (lines[last]?.length ?? 0) + 1);
  return { last, node: { type: "table", align, children: rows, position: { start: table.point(i, 1), end } } };
}

/** The row on line `i`, when it is plain and has `cells` cells, none of them empty. */
function rowAt(table: LineTable, i: number, cells: number): TableRow | undefined {
  const line = table.lines[i] ?? "";
  if (!PLAIN_ROW.test(line)) return undefined;
  const start = table.starts[i] ?? 0;
  const children: TableCell[] = [];
  let pipe = 0; // the cell's opening pipe, as a column offset in the line
  while (pipe < line.length - 1) {
    const next = line.indexOf("|", pipe + 1);
    let from = pipe + 1;
    let to = next;
    while (from < to && line.charCodeAt(from) === 32) from++;
    while (to > from && line.charCodeAt(to - 1) === 32) to--;
    if (from === to) return undefined;
    const content = phrasingOf(table, start + from, start + to, i);
    if (!content) return undefined;
    const isLast = next === line.length - 1;
    children.push({ type: "tableCell", children: content, position: { start: table.point(i, pipe + 1), end: table.point(i, (isLast ? line.length : next) + 1) } });
    pipe = next;
  }
  if (children.length !== cells) return undefined;
  return { type: "tableRow", children, position: { start: table.point(i, 1), end: table.point(i, line.length + 1) } };
}
