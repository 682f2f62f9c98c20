/**
 * A count with its noun in the right number, for every message that counts something:
 * "1 file", "2 files", "0 PDFs", "1 case study", "3 case studies". Give `plural` only when
 * adding "s" to `singular` does not make it.
 */
export function countNoun(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
