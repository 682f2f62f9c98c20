import type { SourceRange } from "../model/index.js";
import type { RuleId } from "./rules.js";

/**
 * A content problem as a stage finds it: positioned, with its rule, but no severity yet.
 * Severity comes from the rule catalogue and the project's overrides, never from the call site.
 */
export interface Problem {
  readonly rule: RuleId;
  readonly range: SourceRange;
  readonly message: string;
  readonly suggestion?: string;
}

/** A problem with its final severity: what reporters print (the see docs/reference.md#rules JSON shape). */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly rule: RuleId;
  readonly severity: "error" | "warn";
  readonly message: string;
  readonly suggestion?: string;
}

/** Builds a problem; `suggestion` is left out when undefined so the JSON stays minimal. */
export function problem(rule: RuleId, range: SourceRange, message: string, suggestion?: string): Problem {
  return suggestion === undefined ? { rule, range, message } : { rule, range, message, suggestion };
}
