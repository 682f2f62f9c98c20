import type { Severity } from "../model/index.js";

/**
 * The stage whose code finds a rule's problems: `validate` rules each have a check in
 * src/validate/ (listed in VALIDATION_RULES); `load`, `print` and `audit` rules are reported by
 * src/load/, src/print/ and src/audit/ as they read the sources, print the PDFs or read the built
 * pages.
 */
export type ReportingStage = "load" | "validate" | "print" | "audit";

/**
 * One rule, declared once: everything about it but the code that finds its problems. It lives
 * here rather than beside a check because every stage needs it (load reads `rules:` overrides
 * against the ids; the severity table applies the defaults), and no stage imports a later one.
 */
export interface RuleDeclaration {
  readonly id: string;
  readonly defaultSeverity: Severity;
  readonly stage: ReportingStage;
  /** What the rule catches, in a few words. */
  readonly title: string;
  /** What to do about it. */
  readonly hint: string;
  /** What it catches, in full: its row of the rules table in docs/reference.md. */
  readonly docs: string;
}

/** Every rule papersmith reports (see docs/reference.md#rules), in the order the docs list them. */
export const RULE_DECLARATIONS = [
  {
    id: "yaml-syntax", defaultSeverity: "error", stage: "load",
    title: "YAML that does not parse",
    hint: "Fix the YAML at the line shown: indent with spaces, not tabs; line a key up with the keys above it; quote a value that contains \": \".",
    docs: "YAML that does not parse (also duplicate keys, unclosed front matter, nesting more than 200 levels deep); the file defines nothing",
  },
  {
    id: "schema", defaultSeverity: "error", stage: "load",
    title: "A field is missing, mistyped or unknown",
    hint: "Check the field against the source format in docs/reference.md.",
    docs: "missing required field (reported at the mapping's first key), wrong type, bad enum, bad date or id, unknown key; a file that is not UTF-8, a folder where a file should be, a project with no papers; Markdown nested more than 200 levels deep; blocks (`::quote`, `::values-charter`, `::about-partners`) shown inside each other more than 16 deep",
  },
  {
    id: "duplicate-id", defaultSeverity: "error", stage: "validate",
    title: "Two entities of one kind share an id",
    hint: "Give each entity its own id.",
    docs: "two entities of one kind with one id (at each); two findings of a session; two equal explicit heading ids in a paper; two figures or tables of a paper with one id (at each), or a figure or table with a heading's id (at the figure or table)",
  },
  {
    id: "ref-missing", defaultSeverity: "error", stage: "validate",
    title: "A reference names an id that does not exist",
    hint: "Check the spelling, or create the entity.",
    docs: "a reference to an id that does not exist (did-you-mean); `:figure[nope]`, `:table[nope]` in the paper it is written in",
  },
  {
    id: "ref-kind", defaultSeverity: "error", stage: "validate",
    title: "A reference names an entity of another kind",
    hint: "Use the directive that matches the entity's kind.",
    docs: "`:case[x]` where `x` is a value, and the like",
  },
  {
    id: "anchor-missing", defaultSeverity: "error", stage: "validate",
    title: "A reference names a section or finding that does not exist",
    hint: "Check the heading slug or finding id.",
    docs: "`:paper[2#nope]` (a heading, figure or table id), `:finding[s#nope]`, `:finding[s]` with no finding",
  },
  {
    id: "unknown-directive", defaultSeverity: "error", stage: "load",
    title: "A directive papersmith does not know, or one written wrongly",
    hint: "Use one of the directives listed in docs/reference.md (References).",
    docs: "unknown directive names, `::quote` with no id, unexpected attributes or labels; a line written as a container's opening (`:::finding {#id}`, `:::finding{#id`) that is read as text",
  },
  {
    id: "directive-unclosed", defaultSeverity: "error", stage: "load",
    title: "A `:::` container is never closed, or closed by a fence of another length",
    hint: "End each `:::name{#id}` container with a line of as many colons as it opens with.",
    docs: "a `:::` container (a finding) never closed, so it runs on to the end of the file or of what holds it; one opened inside another with as many colons, so one fence closes both; closed by a fence of another length; a `:::` line that closes nothing",
  },
  {
    id: "directive-cycle", defaultSeverity: "error", stage: "validate",
    title: "A block directive includes itself, directly or through others",
    hint: "Remove the directive from the text it would repeat.",
    docs: "a block directive that includes itself, directly or through others: `::values-charter` in the charter's preamble or a value's statement, `::about-partners` in a partner's `about`, `::quote{#a}` in quote a's text or in a quote that quote a shows; reported at each directive on the cycle, with the cycle in the message",
  },
  {
    id: "link-broken", defaultSeverity: "error", stage: "validate",
    title: "A relative link or image points to a missing file",
    hint: "Fix the path; it is resolved against the file it is written in.",
    docs: "a relative link or image to a missing file; a path outside the project; `file:` URLs. When a file is likely meant (the path read from the project root or one folder up, the one file of that name, a near name in that folder), the suggestion is its path relative to the link's own file",
  },
  {
    id: "image-alt", defaultSeverity: "error", stage: "validate",
    title: "An image or logo has no text alternative",
    hint: "Describe the image in its alt text.",
    docs: "an image or logo without alt text",
  },
  {
    id: "series-numbering", defaultSeverity: "error", stage: "validate",
    title: "Paper numbers repeat or skip",
    hint: "Number the papers 1, 2, 3, … without gaps.",
    docs: "repeated paper numbers (at each); a gap (at the paper after it)",
  },
  {
    id: "unpublishable-source", defaultSeverity: "error", stage: "validate",
    title: "A final paper uses a case study that is not cleared for publication, or refers to a draft paper",
    hint: "Approve the case study and record consent, finalise the paper referred to, or keep the paper in draft.",
    docs: "a final paper using a case study that is not `approved` or has no obtained consent, or referring to a draft paper (`:paper[N]`, `:paper[N#x]`)",
  },
  {
    id: "personal-data", defaultSeverity: "error", stage: "validate",
    title: "Text that looks like personal data",
    hint: "Remove it, or allow it in papersmith.yaml if it is public.",
    docs: "in Markdown bodies and YAML values (not `people.yaml`, code or URLs): NHS numbers passing the modulus-11 check (plain or 3-3-4), UK postcodes, email addresses, UK phone numbers, dates of birth in context; `personalData.allow` lets known public texts pass",
  },
  {
    id: "unused-entity", defaultSeverity: "warn", stage: "validate",
    title: "Nothing in any paper uses this",
    hint: "Reference it from a paper, or remove it.",
    docs: "a case study, quote, session or finding that no paper uses",
  },
  {
    id: "value-uncovered", defaultSeverity: "warn", stage: "validate",
    title: "A charter value that no case study or paper supports",
    hint: "List it in a case study's values or cite it with :value[...] in a paper.",
    docs: "a value no case study lists and no paper cites",
  },
  {
    id: "brand-contrast", defaultSeverity: "warn", stage: "validate",
    title: "A brand colour is too light for text on white",
    hint: "Choose a colour with a contrast of at least 4.5:1 on white.",
    docs: "a partner colour or hex accent below 4.5:1 on white",
  },
  {
    id: "readability", defaultSeverity: "off", stage: "validate",
    title: "Hard-to-read prose",
    hint: "Split long sentences.",
    docs: "sentences over 25 words; per paper: words, sentences, average sentence length, Flesch reading ease, SMOG grade (`check --readability` or `rules:` turns it on)",
  },
  {
    id: "accessibility-contact", defaultSeverity: "warn", stage: "validate",
    title: "The accessibility statement has no contact for reporting problems",
    hint: "Add `accessibility: { contact: ... }` to papersmith.yaml: an email address or a web page.",
    docs: "papersmith.yaml has no `accessibility.contact` for the accessibility statement",
  },
  {
    id: "caption-missing", defaultSeverity: "warn", stage: "validate",
    title: "A figure or table has no caption",
    hint: "Give a figure a paragraph after its image, and a table a paragraph before it: that is its caption.",
    docs: "a `:::figure` whose last paragraph (after its image) or a `:::table` whose first paragraph (before the table) is missing, at the container",
  },
  {
    id: "abbreviation-undefined", defaultSeverity: "warn", stage: "validate",
    title: "An abbreviation is never spelled out",
    hint: "Spell it out at its first use in the paper, as in \"clinical commissioning group (CCG)\", or add it to glossary.yaml and write :abbr[id].",
    docs: "an abbreviation (a word of 2–6 capital letters, a plural \"s\" allowed; words with digits, such as postcodes, are not) in a paper's running text that the paper has not spelled out before its first use, in words (\"clinical commissioning group (CCG)\") or with `:abbr[id]`; reported once per paper, with `:abbr[id]` as suggestion when glossary.yaml has it; NHS, UK and GP never; headings, code, link text and Roman numerals are not looked at",
  },
  {
    id: "cite-missing", defaultSeverity: "error", stage: "validate",
    title: "A citation names no bibliography entry",
    hint: "Check the key against the ids in references.yaml, or add the entry there.",
    docs: "`:cite[key]` with no entry of that id in references.yaml or references.bib, reported at the key itself (each key of `:cite[k1,k2]` at its own column), with the nearest id as suggestion; not reported while references.yaml does not parse",
  },
  {
    id: "reference-invalid", defaultSeverity: "error", stage: "load",
    title: "A bibliography entry lacks what a citation needs",
    hint: "Give each entry of references.yaml an `id`, a CSL `type`, a `title`, an `issued` date and, for a book or an article, an `author` or `editor`.",
    docs: "references.bib that does not parse as BibTeX (at the parser's position); an entry of references.yaml that is not a mapping, or has no `id`; an id that is not kebab-case; no CSL `type` or one CSL does not know; no `title`; no `author` or `editor` for an article, book, chapter, conference paper or thesis; no `issued` date (web pages, posts and software may go undated) or one that is not a year, a YYYY-MM-DD date or CSL `date-parts`; an entry of references.bib is reported at its key",
  },
  {
    id: "reference-unused", defaultSeverity: "warn", stage: "validate",
    title: "A bibliography entry is never cited",
    hint: "Cite it with :cite[id] where the text draws on it, or remove it from references.yaml.",
    docs: "an entry of references.yaml or references.bib that no paper cites with `:cite`, reported at its id (or key)",
  },
  {
    id: "release-incomplete", defaultSeverity: "warn", stage: "validate",
    title: "A press release has no quotes or no contacts",
    hint: "Give the paper's `release:` the `quotes:` (quote ids) journalists can use and the `contacts:` (person ids) they can call.",
    docs: "a paper's `release:` without `quotes` or without `contacts`, at the `release` key",
  },
  {
    id: "print-overflow", defaultSeverity: "warn", stage: "print",
    title: "A table or image is wider than the PDF's text block",
    hint: "Give the table fewer or narrower columns (or split it), or the image a smaller width; the PDF fits it by itself, never by shrinking the page.",
    docs: "`build`: a table or image of a paper wider than the PDF text block, reported at its source line; the table is printed in smaller type with words broken to fit, the image scaled down, and the page is never shrunk",
  },
  {
    id: "a11y", defaultSeverity: "error", stage: "audit",
    title: "An accessibility problem in a built page",
    hint: "Fix the source of the page element named.",
    docs: "`build --audit`: axe-core (WCAG 2.2 A/AA) on every page",
  },
  {
    id: "pdf-structure", defaultSeverity: "error", stage: "audit",
    title: "A PDF lacks tags, outline, metadata or embedded fonts",
    hint: "Report this as a papersmith bug.",
    docs: "`build --audit`: every PDF tagged, with outline, title, language and embedded fonts",
  },
] as const satisfies readonly RuleDeclaration[];
