import type { Severity } from "../model/index.js";

/**
 * The stage whose code finds a rule's problems: `validate` rules each have a check in
 * src/validate/ (listed in VALIDATION_RULES); `load` and `audit` rules are reported by
 * src/load/ and src/audit/ as they read the sources or the built pages.
 */
export type ReportingStage = "load" | "validate" | "audit";

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
}

/** Every rule papersmith reports (SPEC §3). */
export const RULE_DECLARATIONS = [
  {
    id: "yaml-syntax", defaultSeverity: "error", stage: "load",
    title: "YAML that does not parse",
    hint: "Fix the YAML syntax; strings containing \": \" need quotes.",
  },
  {
    id: "schema", defaultSeverity: "error", stage: "load",
    title: "A field is missing, mistyped or unknown",
    hint: "Check the field against the source format in SPEC §1.",
  },
  {
    id: "duplicate-id", defaultSeverity: "error", stage: "validate",
    title: "Two entities of one kind share an id",
    hint: "Give each entity its own id.",
  },
  {
    id: "ref-missing", defaultSeverity: "error", stage: "validate",
    title: "A reference names an id that does not exist",
    hint: "Check the spelling, or create the entity.",
  },
  {
    id: "ref-kind", defaultSeverity: "error", stage: "validate",
    title: "A reference names an entity of another kind",
    hint: "Use the directive that matches the entity's kind.",
  },
  {
    id: "anchor-missing", defaultSeverity: "error", stage: "validate",
    title: "A reference names a section or finding that does not exist",
    hint: "Check the heading slug or finding id.",
  },
  {
    id: "unknown-directive", defaultSeverity: "error", stage: "load",
    title: "A directive papersmith does not know, or one written wrongly",
    hint: "Use one of the directives in SPEC §2.",
  },
  {
    id: "directive-cycle", defaultSeverity: "error", stage: "validate",
    title: "A block directive includes itself, directly or through others",
    hint: "Remove the directive from the text it would repeat.",
  },
  {
    id: "link-broken", defaultSeverity: "error", stage: "validate",
    title: "A relative link or image points to a missing file",
    hint: "Fix the path; it is resolved against the file it is written in.",
  },
  {
    id: "image-alt", defaultSeverity: "error", stage: "validate",
    title: "An image or logo has no text alternative",
    hint: "Describe the image in its alt text.",
  },
  {
    id: "series-numbering", defaultSeverity: "error", stage: "validate",
    title: "Paper numbers repeat or skip",
    hint: "Number the papers 1, 2, 3, … without gaps.",
  },
  {
    id: "unpublishable-source", defaultSeverity: "error", stage: "validate",
    title: "A final paper uses a case study that is not cleared for publication, or refers to a draft paper",
    hint: "Approve the case study and record consent, finalise the paper referred to, or keep the paper in draft.",
  },
  {
    id: "personal-data", defaultSeverity: "error", stage: "validate",
    title: "Text that looks like personal data",
    hint: "Remove it, or allow it in papersmith.yaml if it is public.",
  },
  {
    id: "unused-entity", defaultSeverity: "warn", stage: "validate",
    title: "Nothing in any paper uses this",
    hint: "Reference it from a paper, or remove it.",
  },
  {
    id: "value-uncovered", defaultSeverity: "warn", stage: "validate",
    title: "A charter value that no case study or paper supports",
    hint: "List it in a case study's values or cite it with :value[...] in a paper.",
  },
  {
    id: "brand-contrast", defaultSeverity: "warn", stage: "validate",
    title: "A brand colour is too light for text on white",
    hint: "Choose a colour with a contrast of at least 4.5:1 on white.",
  },
  {
    id: "readability", defaultSeverity: "off", stage: "validate",
    title: "Hard-to-read prose",
    hint: "Split long sentences.",
  },
  {
    id: "accessibility-contact", defaultSeverity: "warn", stage: "validate",
    title: "The accessibility statement has no contact for reporting problems",
    hint: "Add `accessibility: { contact: ... }` to papersmith.yaml: an email address or a web page.",
  },
  {
    id: "a11y", defaultSeverity: "error", stage: "audit",
    title: "An accessibility problem in a built page",
    hint: "Fix the source of the page element named.",
  },
  {
    id: "pdf-structure", defaultSeverity: "error", stage: "audit",
    title: "A PDF lacks tags, outline, metadata or embedded fonts",
    hint: "Report this as a papersmith bug.",
  },
] as const satisfies readonly RuleDeclaration[];
