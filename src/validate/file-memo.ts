/**
 * Where a rule may keep what it found in one file, for later runs: `compute()` runs only when no
 * earlier run kept a result for this scope, file and exact text. A rule uses it only for work
 * that depends on nothing but that file's text (its tree is parsed from that text too), so a
 * kept result is always the one `compute()` would give.
 */
export type FileMemo = <T extends object>(scope: string, file: string, text: string, compute: () => T) => T;

/** The memo of a run that keeps nothing: every result is computed. */
export const computeEveryTime: FileMemo = (_scope, _file, _text, compute) => compute();
