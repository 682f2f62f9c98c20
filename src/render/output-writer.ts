import { join } from "node:path";
import type { RenderedFile } from "./layout.js";
import { OutputManifest } from "./output-manifest.js";
import type { OutputSink, RenderedOutput } from "./renderer.js";
import { sweepTemporaryFiles } from "./sweep-temporary.js";
import { writeFileAtomic } from "./write-atomic.js";

/**
 * The one place a build writes its output folder. Every file is written atomically and listed
 * in the output manifest before it is written (refusing symbolic links on the way); at the end,
 * files an earlier build wrote and this one did not are removed.
 */
export class OutputWriter implements OutputSink {
  readonly #written = new Set<string>();

  private constructor(readonly outDir: string, private readonly manifest: OutputManifest) {}

  /** Reads the manifest of `outDir` and removes the temporary files of builds killed while writing there. */
  static async open(outDir: string): Promise<OutputWriter> {
    const manifest = await OutputManifest.open(outDir);
    await sweepTemporaryFiles(outDir);
    return new OutputWriter(outDir, manifest);
  }

  expect(paths: readonly string[]): Promise<void> {
    return this.manifest.expect(paths);
  }

  async write(file: RenderedFile): Promise<void> {
    await writeFileAtomic(join(this.outDir, file.path), file.content);
    this.#written.add(file.path);
  }

  keep(path: string): void {
    this.#written.add(path);
  }

  /**
   * Writes every output. Each is started in turn, and waited for until its writing is under way,
   * before the next starts: an output that cannot start (no browser) stops the build before a
   * later one writes anything, and one whose files come slowly (PDFs) is put first, so that the
   * later ones are made while it waits. An output that fails to start is the error thrown; the
   * ones already writing end first. Otherwise the first in order that failed is.
   */
  async writeAll(outputs: readonly RenderedOutput[]): Promise<void> {
    const writing: Promise<void>[] = [];
    try {
      for (const output of outputs) {
        const { done } = await output.writeTo(this);
        done.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
        writing.push(done);
      }
    } finally {
      await Promise.allSettled(writing);
    }
    for (const done of writing) await done;
  }

  /** Every file this build wrote or kept, sorted. */
  get written(): string[] {
    return [...this.#written].sort();
  }

  /** After a successful build: removes what earlier builds wrote and this one did not; returns their paths. */
  finish(): Promise<string[]> {
    return this.manifest.finish(this.written);
  }
}
