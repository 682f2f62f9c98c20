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
    const hash = target.indexOf("#");
    if (hash < 0) continue;
    const page = anchorsOf(target.slice(0, hash))?.[target.slice(hash + 1)];
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
