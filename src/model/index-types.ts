import type { Heading, Nodes, Paragraph } from "mdast";
import type { ContainerDirective } from "mdast-util-directive";
import type {
  CaseStudy, CharterValue, EntityKind, Finding, GlossaryEntry, BibliographyEntry, Paper, Partner, Person, Quote, Session,
} from "./entities.js";
import type { SourceRange } from "./source.js";

/** Any entity a reference can resolve to. */
export type Entity = Partner | CharterValue | Person | Quote | Session | Finding | CaseStudy | Paper | GlossaryEntry | BibliographyEntry;

/** How a reference was written. */
export type ReferenceSyntax = "inline" | "block" | "field";

/**
 * What a reference counts as for the uses-and-cites rules (see docs/reference.md#references): a paper *uses* an entity
 * through `:case`, `:session`, `:finding`, `:person`, `::case-study`, `::quote`; it *cites* a
 * value through `:value`; everything else counts as neither.
 */
export type ReferenceWeight = "use" | "cite" | "none";

/** One reference as written somewhere in the project. */
export interface Reference {
  /** The kind of entity the syntax expects. */
  readonly kind: EntityKind;
  /** The id as written (for `:paper[2]`, "2"; for `:finding[s#f]`, the session "s"). */
  readonly id: string;
  /** The part after `#` for `:paper[n#anchor]` and `:finding[session#finding]`. */
  readonly anchor?: string;
  /** The directive or field name it was written with: "value", "case-study", "attendees", … */
  readonly via: string;
  readonly syntax: ReferenceSyntax;
  readonly weight: ReferenceWeight;
  readonly range: SourceRange;
  /** The paper whose body or front matter holds the reference, if any. */
  readonly inPaper?: Paper;
  /** The mdast directive node, for inline and block references. */
  readonly node?: Nodes;
  /** `{text="..."}` replacing the generated link text. */
  readonly text?: string;
  /** `:person[id]{role}`: the person with role and organisation, not the name alone. */
  readonly withRole?: boolean;
}

/** A heading of a paper with its final, unique id. */
export interface HeadingAnchor {
  readonly id: string;
  /** The heading's text with references counted as their generated text and `{#id}` removed. */
  readonly text: string;
  readonly depth: number;
  readonly explicit: boolean;
  readonly node: Heading;
  readonly range: SourceRange;
}

/**
 * A numbered figure or table of a paper (`:::figure{#id}`, `:::table{#id}`). It is a place in
 * its paper like a heading: a reference to it carries `id` as its fragment and `text` as its name.
 */
export interface FigureOrTable {
  readonly label: "figure" | "table";
  /** Its id, or undefined when written without one (it is numbered all the same). */
  readonly id: string | undefined;
  /** Its place among the paper's figures (or tables), from 1 in document order. */
  readonly number: number;
  /** "Figure 1", "Table 2": its name in references and in front of its caption. */
  readonly text: string;
  /** A figure's last paragraph, a table's first, when it has one and more besides. */
  readonly caption: Paragraph | undefined;
  /** A table printed on a landscape page of its own. */
  readonly wide: boolean;
  readonly node: ContainerDirective;
  readonly range: SourceRange;
}

/** A place in a paper that `:paper[n#id]` can name: a heading, a figure or a table. */
export type PaperAnchor = HeadingAnchor | FigureOrTable;

/** The outcome of resolving one reference. */
export type Resolution =
  | { readonly status: "ok"; readonly target: Entity; readonly anchor?: PaperAnchor | Finding }
  | { readonly status: "missing"; readonly suggestion?: string }
  | { readonly status: "wrong-kind"; readonly actual: readonly EntityKind[] }
  | { readonly status: "anchor-missing"; readonly target: Entity; readonly suggestion?: string };

export interface ResolvedReference {
  readonly reference: Reference;
  readonly resolution: Resolution;
  /**
   * The link text to show: `{text="..."}` when given, else the generated text (see docs/reference.md#references):
   * a value's or case study's title, a session's short title, "Paper N: title", a person's name,
   * a finding's title (else "<session short title>, finding N"). For unresolved references, the label as written.
   */
  readonly text: string;
}

/** A relative Markdown link or image (or a logo), for the link and alt-text rules. */
export interface LocalLink {
  readonly kind: "link" | "image" | "logo" | "font";
  readonly url: string;
  /** The target, resolved against the referring file and made relative to the project root; undefined when it escapes the project. */
  readonly path?: string;
  /** Alt text for images and logos. */
  readonly alt?: string;
  /** Where the alt text was written, when it has a place of its own (a logo's `logoAlt`). */
  readonly altRange?: SourceRange;
  readonly range: SourceRange;
}

/** The project-wide index that validate, render and print read. Built once by resolve. */
export interface SeriesIndex {
  /** Entities by kind and id; more than one entry means a duplicate id. */
  readonly byKind: ReadonlyMap<EntityKind, ReadonlyMap<string, readonly Entity[]>>;
  /** Findings by session id, then finding id. */
  readonly findings: ReadonlyMap<string, ReadonlyMap<string, readonly Finding[]>>;
  /** Papers by number. */
  readonly papersByNumber: ReadonlyMap<number, readonly Paper[]>;
  /** Each paper's headings in document order, with unique ids. */
  readonly headings: ReadonlyMap<Paper, readonly HeadingAnchor[]>;
  /** Each paper's figures and tables in document order (figures and tables numbered apart). */
  readonly figures: ReadonlyMap<Paper, readonly FigureOrTable[]>;
  /** The figure or table of each `:::figure` / `:::table` container written in a paper. */
  readonly figureByNode: ReadonlyMap<ContainerDirective, FigureOrTable>;
  /** The id of every heading node written in a paper. */
  readonly headingIds: ReadonlyMap<Heading, string>;
  readonly references: readonly ResolvedReference[];
  /** Inline and block references by their mdast node, for the renderer. */
  readonly referenceByNode: ReadonlyMap<Nodes, ResolvedReference>;
  readonly links: readonly LocalLink[];
  /** Papers that use each entity, keyed by `kind:id` (e.g. `case:frimley-frailty`, `finding:july-2014#x`). */
  readonly usedBy: ReadonlyMap<string, ReadonlySet<Paper>>;
  /** Papers that cite each value, by value id. */
  readonly citedBy: ReadonlyMap<string, ReadonlySet<Paper>>;
  /** The `:abbr` nodes that spell their abbreviation out: the first use of each entry in a paper's running text. */
  readonly abbreviationFirstUses: ReadonlySet<Nodes>;
  /** The glossary entries each paper uses, alphabetically by term: its list of abbreviations. */
  readonly abbreviationsByPaper: ReadonlyMap<Paper, readonly GlossaryEntry[]>;
}
