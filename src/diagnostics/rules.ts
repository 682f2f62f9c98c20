import { RULE_DECLARATIONS, type RuleDeclaration } from "./rule-declarations.js";

/** The id of a rule papersmith reports: one of RULE_DECLARATIONS. */
export type RuleId = (typeof RULE_DECLARATIONS)[number]["id"];

/** A rule as the catalogue holds it. */
export interface RuleInfo extends RuleDeclaration {
  readonly id: RuleId;
}

/** Every rule id papersmith reports, in declaration order. */
export const RULE_IDS: readonly RuleId[] = RULE_DECLARATIONS.map((rule) => rule.id);

/** The rule catalogue, by id: the one place code looks up a rule's default severity. */
export const RULES: ReadonlyMap<RuleId, RuleInfo> = new Map(RULE_DECLARATIONS.map((rule) => [rule.id, rule]));

/** True when `value` names a rule in the catalogue. */
export function isRuleId(value: string): value is RuleId {
  return RULES.has(value as RuleId);
}
