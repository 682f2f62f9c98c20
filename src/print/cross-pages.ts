import type { PrintRequest } from "./print-types.js";

/**
 * Pages of other PDFs that a PDF prints ("Paper 2, p. 5"). Each is keyed "path#id": the PDF's
 * path in the output folder and the id of a heading in it.
 */

/** The pages of `targets` as far as known, from each PDF's heading pages (`anchorsOf` its path). */
export function crossPagesFor(
  targets: readonly string[],
  anchorsOf: (path: string) => Readonly<Record<string, number>> | undefined,
): Record<string, number> {
  const pages: Record<string, number> = {};
  for (const target of targets) {
    const [path, id] = splitTarget(target);
    const page = id === undefined ? undefined : anchorsOf(path)?.[id];
    if (page !== undefined) pages[target] = page;
  }
  return pages;
}

/** Whether two sets of cross pages say the same (none given counts as none known). */
export function sameCrossPages(a: Readonly<Record<string, number>> | undefined, b: Readonly<Record<string, number>> | undefined): boolean {
  const left = Object.entries(a ?? {});
  const right = b ?? {};
  return left.length === Object.keys(right).length && left.every(([key, page]) => right[key] === page);
}

/**
 * The heading pages of the documents of one print run, known as soon as each is laid out (its
 * pages estimated, before it is printed). A document that prints pages of another PDF of the
 * same run waits, unprinted, until that one is laid out, and then prints its pages: printed
 * before, it would print without them and be printed again once they were known. Documents that
 * refer to each other cannot both wait; the print run then prints one with what it has, and the
 * build's final check of every cross page reprints whatever that left wrong.
 */
export class CrossPageBoard {
  /** Paths of documents this run will lay out and has not yet. */
  readonly #coming: Set<string>;
  readonly #laidOut = new Map<string, Readonly<Record<string, number>>>();

  /** @param coming the paths (PdfRequest.path) of the documents the run may print. */
  constructor(coming: Iterable<string> = []) {
    this.#coming = new Set(coming);
  }

  /** A document of the run that will not be printed after all (its last PDF is kept): nothing to wait for. */
  skip(path: string): void {
    this.#coming.delete(path);
  }

  /** No more documents will come: none of those not yet given is waited for. */
  end(given: ReadonlySet<string>): void {
    for (const path of this.#coming) if (!given.has(path)) this.#coming.delete(path);
  }

  /** A document's heading pages, as estimated when it was laid out. */
  laidOut(path: string, anchors: Readonly<Record<string, number>>): void {
    this.#coming.delete(path);
    this.#laidOut.set(path, anchors);
  }

  /** Whether the request prints a page of another document this run has still to lay out. */
  waits(request: PrintRequest): boolean {
    return (request.crossTargets ?? []).some((target) => {
      const [path] = splitTarget(target);
      return path !== request.path && this.#coming.has(path);
    });
  }

  /**
   * The request with the pages of the documents laid out in this run; for the others it keeps
   * the pages it came with (the last build's).
   */
  settle(request: PrintRequest): PrintRequest {
    const targets = request.crossTargets;
    if (targets === undefined || !targets.some((target) => this.#laidOut.has(splitTarget(target)[0]))) return request;
    const pages: Record<string, number> = {};
    for (const target of targets) {
      const [path, id] = splitTarget(target);
      const anchors = this.#laidOut.get(path);
      const page = anchors === undefined ? request.crossPages?.[target] : id === undefined ? undefined : anchors[id];
      if (page !== undefined) pages[target] = page;
    }
    return { ...request, crossPages: pages };
  }
}

/** "pdf/2-outcomes.pdf#next-steps" as its path and id (no id without a "#"). */
function splitTarget(target: string): [string, string | undefined] {
  const hash = target.indexOf("#");
  return hash < 0 ? [target, undefined] : [target.slice(0, hash), target.slice(hash + 1)];
}
