import type { Root } from "mdast";
import type { ContainerDirective } from "mdast-util-directive";
import type { SourceRange } from "./source.js";

/** The kinds of thing a reference can point at. */
export type EntityKind = "partner" | "value" | "person" | "quote" | "session" | "finding" | "case" | "paper" | "glossary" | "bibliography";

/** The sectors a session or case study may name (see docs/reference.md#files). */
export const SECTORS = [
  "general-practice", "community-pharmacy", "acute", "community", "mental-health",
  "ambulance", "housing", "social-care", "emergency-services",
] as const;
export type Sector = (typeof SECTORS)[number];

/**
 * The name the list of case studies takes in the site: its page is case-studies/index.html (so
 * that the folder's own address shows it), and each case study's page is case-studies/<id>.html.
 * So no case study may have this id: its page would stand where the list does.
 */
export const CASE_STUDY_LIST_NAME = "index";

/**
 * How many blocks (`::values-charter`, `::about-partners`, `::quote`) may show inside each
 * other. Real projects nest two or three; each level costs the renderer many stack frames, and
 * a chain of thousands of quotes would overflow the stack. Check reports a deeper chain and the
 * renderer shows nothing below this depth.
 */
export const MAX_BLOCK_NESTING = 16;

/** An id written in a field that refers to another entity, with where it was written. */
export interface IdRef {
  readonly id: string;
  readonly range: SourceRange;
}

/** A free-text or partner-id entry of `organisation`/`organisations`. */
export interface OrganisationRef {
  readonly text: string;
  /** True when written in kebab-case, which makes it a partner reference. */
  readonly isPartnerRef: boolean;
  readonly range: SourceRange;
}

/** Markdown text (a body, or a Markdown-valued YAML field) with its parsed tree; tree positions are file positions. */
export interface MarkdownText {
  readonly source: string;
  readonly tree: Root;
  readonly range: SourceRange;
}

/** Fields every entity has. `range` spans the entity's mapping or front matter. */
export interface EntityCommon {
  readonly id: string;
  /** Where the id was written (the `id` value, or the file itself when the id comes from the file name). */
  readonly idRange: SourceRange;
  readonly range: SourceRange;
}

export interface Partner extends EntityCommon {
  readonly kind: "partner";
  readonly name: string;
  readonly shortName?: string;
  readonly url?: string;
  /** Logo path relative to the project root, as written. */
  readonly logo: string;
  readonly logoRange: SourceRange;
  readonly logoAlt: string;
  /** Where `logoAlt` was written; absent when it is missing. */
  readonly logoAltRange?: SourceRange;
  readonly colour?: string;
  readonly colourRange?: SourceRange;
  readonly about?: MarkdownText;
}

export interface CharterValue extends EntityCommon {
  readonly kind: "value";
  /** 1-based position in the charter. */
  readonly number: number;
  readonly title: string;
  readonly statement: MarkdownText;
}

export interface Charter {
  readonly file: string;
  readonly title: string;
  readonly preamble?: MarkdownText;
  readonly values: readonly CharterValue[];
}

export interface Person extends EntityCommon {
  readonly kind: "person";
  readonly name: string;
  readonly role?: string;
  readonly organisation?: OrganisationRef;
  readonly email?: string;
  readonly phone?: string;
}

export interface Quote extends EntityCommon {
  readonly kind: "quote";
  readonly by: IdRef;
  readonly text: MarkdownText;
  readonly date?: string;
  /** Free text, or a session id (linked when it names a session). */
  readonly source?: string;
}

/** An abbreviation of glossary.yaml, written in a body as `:abbr[id]` (see docs/reference.md#glossary). */
export interface GlossaryEntry extends EntityCommon {
  readonly kind: "glossary";
  /** The abbreviation as printed: "CCG". */
  readonly term: string;
  /** What it stands for: "clinical commissioning group". */
  readonly expansion: string;
  /** A plain-language definition, for the paper's list of abbreviations. */
  readonly definition?: string;
}

/** A CSL item as written in references.yaml: CSL-JSON fields (`type`, `title`, `author`, `issued`, `URL`, …). */
export type CslItem = Readonly<Record<string, unknown>> & { readonly id: string };

/** An entry of references.yaml, cited in a body as `:cite[id]` (see docs/reference.md#citations). */
export interface BibliographyEntry extends EntityCommon {
  readonly kind: "bibliography";
  /** The entry as a CSL item, handed to the CSL processor as it is. */
  readonly item: CslItem;
}

export interface Finding extends EntityCommon {
  readonly kind: "finding";
  readonly sessionId: string;
  /** Its `title` attribute: the text references to it show. */
  readonly title?: string;
  /** Its place among the session's findings, from 1 ("finding 2" when it has no title). */
  readonly number: number;
  readonly values: readonly IdRef[];
  /** The `:::finding` directive in the session's tree. */
  readonly node: ContainerDirective;
}

export interface Session extends EntityCommon {
  readonly kind: "session";
  readonly file: string;
  readonly title: string;
  /** The shorter title references to the session show (`shortTitle`). */
  readonly shortTitle?: string;
  readonly date: string;
  readonly location?: string;
  readonly attendees: readonly IdRef[];
  readonly sectors: readonly Sector[];
  readonly values: readonly IdRef[];
  readonly body: MarkdownText;
  readonly findings: readonly Finding[];
}

export interface Outcome {
  readonly measure: string;
  readonly before?: string;
  readonly after?: string;
  readonly unit?: string;
}

export type CaseStatus = "draft" | "review" | "approved";

export interface Consent {
  readonly obtained: boolean;
  /** `obtained` as written (`false`, `yes`, …), when it was: messages quote it rather than the `false` that stands in for anything but `true`. */
  readonly obtainedWritten?: string;
  readonly date?: string;
  readonly anonymised?: boolean;
}

export interface CaseStudy extends EntityCommon {
  readonly kind: "case";
  readonly file: string;
  readonly title: string;
  readonly summary: string;
  readonly locality: string;
  readonly sectors: readonly Sector[];
  readonly organisations: readonly OrganisationRef[];
  readonly themes: readonly string[];
  readonly values: readonly IdRef[];
  readonly outcomes: readonly Outcome[];
  readonly contact?: IdRef;
  readonly sessions: readonly IdRef[];
  readonly status: CaseStatus;
  /** `status` as written, when it was: not a status when it differs from `status` (the schema rule reports it; the case study counts as a draft). */
  readonly statusWritten?: string;
  readonly consent?: Consent;
  readonly body: MarkdownText;
}

export type PaperStatus = "draft" | "final";

export interface Paper extends EntityCommon {
  readonly kind: "paper";
  readonly file: string;
  readonly number: number;
  readonly numberRange: SourceRange;
  readonly title: string;
  readonly subtitle?: string;
  readonly date: string;
  readonly status: PaperStatus;
  /** `status` as written, when it was: not a status when it differs from `status` (the schema rule reports it; the paper counts as a draft). */
  readonly statusWritten?: string;
  readonly authors: readonly IdRef[];
  readonly summary?: string;
  /** The moment (ISO 8601, UTC) before which a final paper is not published. */
  readonly embargo?: string;
  /** The paper's press release (`release:`), when it has one. */
  readonly release?: PaperRelease;
  readonly body: MarkdownText;
}

/** A paper's press release, from its `release:` front matter (see docs/reference.md#press-releases). */
export interface PaperRelease {
  readonly headline: string;
  /** One paragraph under the headline; the paper's summary when absent. */
  readonly standfirst?: MarkdownText;
  /** Quote ids, in the order the release prints them. */
  readonly quotes: readonly IdRef[];
  /** Person ids of the press contacts, whose email and phone the release prints. */
  readonly contacts: readonly IdRef[];
  /** The release's date (YYYY-MM-DD); the paper's date when absent. */
  readonly date?: string;
  /** Where `release` is written in the front matter (its key). */
  readonly range: SourceRange;
}
