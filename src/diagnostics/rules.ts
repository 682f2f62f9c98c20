import type { Severity } from "../model/index.js";

/** Every rule id papersmith reports (SPEC §3). */
export const RULE_IDS = [
  "yaml-syntax", "schema", "duplicate-id", "ref-missing", "ref-kind", "anchor-missing",
  "unknown-directive", "directive-cycle", "link-broken", "image-alt", "series-numbering", "unpublishable-source",
  "personal-data", "unused-entity", "value-uncovered", "brand-contrast", "readability",
  "accessibility-contact", "a11y", "pdf-structure",
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export interface RuleInfo {
  readonly id: RuleId;
  readonly defaultSeverity: Severity;
  /** What the rule catches, in a few words. */
  readonly title: string;
  /** What to do about it. */
  readonly hint: string;
}

const rule = (id: RuleId, defaultSeverity: Severity, title: string, hint: string): RuleInfo =>
  ({ id, defaultSeverity, title, hint });

/** The rule catalogue: the one place a rule's default severity is declared. */
export const RULES: ReadonlyMap<RuleId, RuleInfo> = new Map([
  rule("yaml-syntax", "error", "YAML that does not parse", "Fix the YAML syntax; strings containing \": \" need quotes."),
  rule("schema", "error", "A field is missing, mistyped or unknown", "Check the field against the source format in SPEC §1."),
  rule("duplicate-id", "error", "Two entities of one kind share an id", "Give each entity its own id."),
  rule("ref-missing", "error", "A reference names an id that does not exist", "Check the spelling, or create the entity."),
  rule("ref-kind", "error", "A reference names an entity of another kind", "Use the directive that matches the entity's kind."),
  rule("anchor-missing", "error", "A reference names a section or finding that does not exist", "Check the heading slug or finding id."),
  rule("unknown-directive", "error", "A directive papersmith does not know, or one written wrongly", "Use one of the directives in SPEC §2."),
  rule("directive-cycle", "error", "A block directive includes itself, directly or through others", "Remove the directive from the text it would repeat."),
  rule("link-broken", "error", "A relative link or image points to a missing file", "Fix the path; it is resolved against the file it is written in."),
  rule("image-alt", "error", "An image or logo has no text alternative", "Describe the image in its alt text."),
  rule("series-numbering", "error", "Paper numbers repeat or skip", "Number the papers 1, 2, 3, … without gaps."),
  rule("unpublishable-source", "error", "A final paper uses a case study that is not cleared for publication, or refers to a draft paper", "Approve the case study and record consent, finalise the paper referred to, or keep the paper in draft."),
  rule("personal-data", "error", "Text that looks like personal data", "Remove it, or allow it in papersmith.yaml if it is public."),
  rule("unused-entity", "warn", "Nothing in any paper uses this", "Reference it from a paper, or remove it."),
  rule("value-uncovered", "warn", "A charter value that no case study or paper supports", "List it in a case study's values or cite it with :value[...] in a paper."),
  rule("brand-contrast", "warn", "A brand colour is too light for text on white", "Choose a colour with a contrast of at least 4.5:1 on white."),
  rule("readability", "off", "Hard-to-read prose", "Split long sentences."),
  rule("accessibility-contact", "warn", "The accessibility statement has no contact for reporting problems", "Add `accessibility: { contact: ... }` to papersmith.yaml: an email address or a web page."),
  rule("a11y", "error", "An accessibility problem in a built page", "Fix the source of the page element named."),
  rule("pdf-structure", "error", "A PDF lacks tags, outline, metadata or embedded fonts", "Report this as a papersmith bug."),
].map((info) => [info.id, info]));

/** True when `value` names a rule in the catalogue. */
export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}
