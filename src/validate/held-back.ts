import type { EntityKind, ResolvedReference, Series, SeriesIndex } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";

/** Where the entities of each kind are defined: a file, or a folder's files. */
const DEFINED_IN: Readonly<Record<EntityKind, string>> = {
  partner: "papersmith.yaml", value: "charter.yaml", person: "people.yaml", quote: "quotes.yaml",
  session: "sessions/", finding: "sessions/", case: "case-studies/", paper: "papers/", glossary: "glossary.yaml", bibliography: "references.yaml",
};

const PLURAL: Readonly<Record<EntityKind, string>> = {
  partner: "partners", value: "charter values", person: "people", quote: "quotes", session: "sessions", finding: "findings",
  case: "case studies", paper: "papers", glossary: "abbreviations", bibliography: "bibliography entries",
};

/** Whether `file` is (one of) the file(s) that define entities of `kind`. */
function defines(file: string, kind: EntityKind): boolean {
  if (kind === "bibliography" && file === "references.bib") return true;
  const place = DEFINED_IN[kind];
  return place.endsWith("/") ? file.startsWith(place) : file === place;
}

/**
 * The kinds whose ids are not all known: a file that defines them could not be read or parsed.
 * A reference to a missing id of such a kind may name an entity of that file, so it is not
 * reported: the file's own problem is the one to fix.
 */
export function kindsNotAllKnown(unloaded: ReadonlySet<string>): Set<EntityKind> {
  const kinds = new Set<EntityKind>();
  for (const kind of Object.keys(DEFINED_IN) as EntityKind[]) {
    if ([...unloaded].some((file) => defines(file, kind))) kinds.add(kind);
  }
  return kinds;
}

/**
 * Whether the problem of a reference waits for a file that does not parse: it names an id that
 * no loaded entity of its kind has (`ref-missing`), or only an entity of another kind
 * (`ref-kind`), and some file of its kind defines nothing yet.
 */
export function isHeldBack({ reference, resolution }: ResolvedReference, notAllKnown: ReadonlySet<EntityKind>): boolean {
  return (resolution.status === "missing" || resolution.status === "wrong-kind") && notAllKnown.has(reference.kind);
}

function countOf(count: number, kind: EntityKind): string {
  return `${count} reference${count === 1 ? "" : "s"} to ${PLURAL[kind]}`;
}

/** Where the problem of `file` that explains why it defines nothing stands in `problems`: its `yaml-syntax` problem, else its first. */
function explainingProblem(problems: readonly Problem[], file: string): number {
  const own = problems.flatMap((p, at) => (p.range.file === file ? [at] : []));
  return own.find((at) => problems[at]?.rule === "yaml-syntax") ?? own[0] ?? -1;
}

/**
 * The load stage's problems, with the problem of each file that defines nothing (its
 * `yaml-syntax` problem) saying how many references to its kinds are held back until it parses,
 * so that one slip stays one message. When several files of a kind define nothing, the first
 * of them (by path) carries the count. Returns new problems; the given ones are not changed.
 */
export function noteHeldBack(problems: readonly Problem[], series: Series, index: SeriesIndex): Problem[] {
  const notAllKnown = kindsNotAllKnown(series.unloaded);
  const held = new Map<EntityKind, number>();
  for (const resolved of index.references) {
    if (isHeldBack(resolved, notAllKnown)) held.set(resolved.reference.kind, (held.get(resolved.reference.kind) ?? 0) + 1);
  }
  const notes = new Map<number, { kinds: EntityKind[]; others: number; place: string }>();
  for (const [kind, count] of held) {
    if (count === 0) continue;
    const files = [...series.unloaded].filter((file) => defines(file, kind)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const carrier = files.map((file) => explainingProblem(problems, file)).find((at) => at >= 0);
    if (carrier === undefined) continue;
    const note = notes.get(carrier) ?? { kinds: [], others: files.length - 1, place: DEFINED_IN[kind] };
    note.kinds.push(kind);
    notes.set(carrier, note);
  }
  return problems.map((p, at) => {
    const note = notes.get(at);
    if (note === undefined) return p;
    const counts = note.kinds.map((kind) => countOf(held.get(kind) ?? 0, kind)).join(" and ");
    const total = note.kinds.reduce((sum, kind) => sum + (held.get(kind) ?? 0), 0);
    const until = note.others === 0
      ? "until this file parses"
      : `until this file and ${note.others} other file${note.others === 1 ? "" : "s"} in ${note.place} parse`;
    return { ...p, message: `${p.message} ${counts} ${total === 1 ? "is" : "are"} not checked ${until}.` };
  });
}
