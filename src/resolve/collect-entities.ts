import type { Entity, EntityKind, Finding, Paper, Series } from "../model/index.js";

type MutableIndex = Map<EntityKind, Map<string, Entity[]>>;

function add(index: MutableIndex, entity: Entity, key: string = entity.id): void {
  let byId = index.get(entity.kind);
  if (!byId) index.set(entity.kind, (byId = new Map()));
  const list = byId.get(key);
  if (list) list.push(entity);
  else byId.set(key, [entity]);
}

/** Every entity by kind and id (papers by number as text); lists longer than one are duplicates. */
export function collectEntities(series: Series): MutableIndex {
  const index: MutableIndex = new Map();
  for (const kind of ["partner", "value", "person", "quote", "session", "case", "paper", "glossary", "bibliography"] as const) index.set(kind, new Map());
  for (const partner of series.config.partners) add(index, partner);
  for (const value of series.charter?.values ?? []) add(index, value);
  for (const person of series.people) add(index, person);
  for (const quote of series.quotes) add(index, quote);
  for (const entry of series.glossary) add(index, entry);
  for (const entry of series.bibliography) add(index, entry);
  for (const session of series.sessions) add(index, session);
  for (const caseStudy of series.caseStudies) add(index, caseStudy);
  for (const paper of series.papers) add(index, paper, String(paper.number));
  return index;
}

/** Findings by session id, then finding id. */
export function collectFindings(series: Series): Map<string, Map<string, Finding[]>> {
  const bySession = new Map<string, Map<string, Finding[]>>();
  for (const session of series.sessions) {
    const byId = bySession.get(session.id) ?? new Map<string, Finding[]>();
    bySession.set(session.id, byId);
    for (const finding of session.findings) {
      const list = byId.get(finding.id);
      if (list) list.push(finding);
      else byId.set(finding.id, [finding]);
    }
  }
  return bySession;
}

/** Papers by number. */
export function papersByNumber(papers: readonly Paper[]): Map<number, Paper[]> {
  const map = new Map<number, Paper[]>();
  for (const paper of papers) map.set(paper.number, [...(map.get(paper.number) ?? []), paper]);
  return map;
}
