/**
 * Remembers what each source file loaded to, keyed by its exact text, so a rebuild re-parses
 * only the files that changed (the preview server keeps one across rebuilds). Loaded entities
 * are immutable, so handing the same objects to a later build is safe.
 */
export class SourceCache {
  private readonly entries = new Map<string, { readonly text: string; readonly value: unknown }>();

  /** The cached result for `file` when its text is unchanged, else `compute()`, remembered. */
  lookup<T>(file: string, text: string, compute: () => T): T {
    const entry = this.entries.get(file);
    if (entry && entry.text === text) return entry.value as T;
    const value = compute();
    this.entries.set(file, { text, value });
    return value;
  }

  /** Forgets files that no longer exist. */
  retain(files: ReadonlySet<string>): void {
    for (const file of this.entries.keys()) if (!files.has(file)) this.entries.delete(file);
  }

  get size(): number {
    return this.entries.size;
  }
}
