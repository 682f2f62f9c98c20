/**
 * Remembers what each source file loaded to, keyed by its exact text, so a rebuild re-parses
 * only the files that changed (the preview server keeps one across rebuilds). Loaded entities
 * are immutable, so handing the same objects to a later build is safe. It keeps the rules'
 * per-file results the same way (`memo`, a FileMemo), so that a rebuild scans only the changed
 * files for personal data.
 */
export class SourceCache {
  private readonly entries = new Map<string, { readonly text: string; readonly value: unknown }>();
  /** Rule results, by scope and then file. */
  private readonly memos = new Map<string, Map<string, { readonly text: string; readonly value: unknown }>>();

  /** What `file` loaded to, when its text is the one given then; else undefined. */
  get<T>(file: string, text: string): T | undefined {
    const entry = this.entries.get(file);
    return entry?.text === text ? (entry.value as T) : undefined;
  }

  /** Remembers what `file`, with this text, loaded to. */
  set(file: string, text: string, value: unknown): void {
    this.entries.set(file, { text, value });
  }

  /** A rule's result for `file` (a FileMemo): kept while the file's text stays the same. */
  memo<T extends object>(scope: string, file: string, text: string, compute: () => T): T {
    let byFile = this.memos.get(scope);
    if (byFile === undefined) this.memos.set(scope, (byFile = new Map()));
    return remembered(byFile, file, text, compute);
  }

  /** Forgets files that no longer exist. */
  retain(files: ReadonlySet<string>): void {
    for (const map of [this.entries, ...this.memos.values()]) {
      for (const file of map.keys()) if (!files.has(file)) map.delete(file);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

function remembered<T>(map: Map<string, { readonly text: string; readonly value: unknown }>, file: string, text: string, compute: () => T): T {
  const entry = map.get(file);
  if (entry && entry.text === text) return entry.value as T;
  const value = compute();
  map.set(file, { text, value });
  return value;
}
