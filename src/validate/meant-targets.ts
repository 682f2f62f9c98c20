import type { SeriesIndex } from "../model/index.js";

/**
 * What papers meant to use or cite but misspelt: for each reference written in a paper that
 * names no entity (or, for a finding, no finding of its session) and for which `ref-missing` or
 * `anchor-missing` suggests an id, that id's key, as `usedBy` keys them (`case:frailty`,
 * `quote:silos`, `session:july-2014`, `finding:july-2014#shared-outcomes`, and `value:x` for a
 * value). `unused-entity` and `value-uncovered` count these as used: one misspelt reference
 * gives one message, at the reference, and not a second one at the entity it meant.
 */
export function meantTargets(index: SeriesIndex): ReadonlySet<string> {
  const meant = new Set<string>();
  for (const { reference, resolution } of index.references) {
    if (reference.inPaper === undefined || reference.weight === "none") continue;
    if (resolution.status === "missing" && resolution.suggestion !== undefined) {
      if (reference.kind !== "finding") meant.add(`${reference.kind}:${resolution.suggestion}`);
      else {
        meant.add(`session:${resolution.suggestion}`);
        if (reference.anchor !== undefined) meant.add(`finding:${resolution.suggestion}#${reference.anchor}`);
      }
    } else if (resolution.status === "anchor-missing" && reference.kind === "finding" && resolution.suggestion !== undefined) {
      meant.add(`finding:${reference.id}#${resolution.suggestion}`);
    }
  }
  return meant;
}
