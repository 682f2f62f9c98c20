import type { Entity, Reference, SeriesIndex } from "../../model/index.js";

/** How many ids a message lists before it says how many more there are. */
const LISTED = 6;

/** `a, b and c`, or `a, b, c, …, f and 4 more`. */
function listOf(ids: readonly string[]): string {
  if (ids.length > LISTED) return `${ids.slice(0, LISTED).join(", ")} and ${ids.length - LISTED} more`;
  return ids.length === 1 ? ids[0]! : `${ids.slice(0, -1).join(", ")} and ${ids.at(-1)!}`;
}

/**
 * The `anchor-missing` message for a `:paper[n#anchor]` or `:finding[session#anchor]` whose
 * paper or session exists but whose anchor does not: the near id when there is one (`suggestion`,
 * from resolve's did-you-mean), else the ids there are, so the writer can pick one at once; for a
 * paper, the way to pin a renamed heading's old id with `{#id}`.
 */
export function anchorMissingMessage(ref: Reference, target: Entity, index: SeriesIndex, suggestion: string | undefined): string {
  const near = suggestion === undefined ? undefined : ` Did you mean "${suggestion}"?`;
  if (ref.kind === "finding") {
    const ids = [...(index.findings.get(ref.id)?.keys() ?? [])];
    const there = ids.length === 0
      ? " It has no findings: a finding is a `:::finding{#some-id}` block in its notes."
      : ` Its finding ids: ${listOf(ids)}.`;
    if (ref.anchor === undefined) return `Name the finding as well as the session: :finding[${ref.id}#finding-id].${there}`;
    return `Session "${ref.id}" has no finding "${ref.anchor}".${near ?? there}`;
  }
  const anchor = ref.anchor ?? "";
  const headings = (target.kind === "paper" ? index.headings.get(target) : undefined) ?? [];
  const figureIds = [...new Set(((target.kind === "paper" ? index.figures.get(target) : undefined) ?? []).flatMap((f) => (f.id === undefined ? [] : [f.id])))];
  const missing = figureIds.length === 0
    ? `Paper ${ref.id} has no section with the id "${anchor}".`
    : `Paper ${ref.id} has no section, figure or table with the id "${anchor}".`;
  if (near !== undefined) return `${missing}${near}`;
  if (figureIds.length > 0) return `${missing} Its figure and table ids: ${listOf(figureIds)}; its section ids: ${headings.length === 0 ? "none" : listOf(headings.map((heading) => heading.id))}.`;
  if (headings.length === 0) return `${missing} It has no headings: give the section one with that id, \`## Its title {#${anchor}}\`.`;
  return `${missing} Its section ids: ${listOf(headings.map((heading) => heading.id))}. If a heading was renamed, pin the old id on it so links keep working: \`## Its new title {#${anchor}}\`.`;
}
