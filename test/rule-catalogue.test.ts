import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Severity } from "../src/model/index.js";
import { RULE_DECLARATIONS } from "../src/diagnostics/rule-declarations.js";
import { isRuleId, RULE_IDS, RULES } from "../src/diagnostics/rules.js";
import { rulesTable, withRulesTable } from "../src/diagnostics/rules-table.js";
import { VALIDATION_RULES } from "../src/validate/validate-series.js";
import { computeEveryTime } from "../src/validate/file-memo.js";
import { loadSeries } from "../src/load/load-series.js";
import { resolveSeries } from "../src/resolve/resolve-series.js";
import { fixture, fixtureCases } from "./helpers/fixtures.js";

describe("rule catalogue: docs", () => {
  it("docs/reference.md lists exactly the declared rules (npm run docs:rules writes the table)", () => {
    const reference = readFileSync(new URL("../docs/reference.md", import.meta.url), "utf8");
    expect(withRulesTable(reference, rulesTable(RULE_DECLARATIONS))).toBe(reference);
  });
});

describe("rule catalogue: declarations and checks", () => {
  it("declares each rule id once", () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_DECLARATIONS.length);
    expect(RULES.size).toBe(RULE_DECLARATIONS.length);
  });

  it("has a check for every rule of the validate stage", () => {
    const produced = new Set(VALIDATION_RULES.flatMap((rule) => rule.produces));
    const unchecked = RULE_DECLARATIONS.filter((rule) => rule.stage === "validate" && !produced.has(rule.id));
    expect(unchecked.map((rule) => rule.id)).toEqual([]);
    // block-nesting reports the loader's `schema` rule: the blocks' graph is only known here.
    const fromOtherStages = [...produced].filter((id) => RULES.get(id)?.stage !== "validate");
    expect(fromOtherStages).toEqual(["schema"]);
  });

  it("checks report only the rule ids they list in `produces`, over every check fixture", async () => {
    // A check is skipped when all its listed ids are off, so an id it did not list would vanish with them.
    for (const name of fixtureCases("check")) {
      const { series } = await loadSeries(fixture("check", name));
      const { index } = resolveSeries(series);
      for (const rule of VALIDATION_RULES) {
        const strays = rule.check(series, index, computeEveryTime).filter((p) => !rule.produces.includes(p.rule));
        expect(strays.map((p) => `${p.rule} at ${p.range.file}:${p.range.start.line}`), `${name}: ${rule.produces.join(", ")}`).toEqual([]);
      }
    }
  });
});

/**
 * SPEC §3's rules and their defaults, as the spec writes them (it is kept outside this
 * repository): its table, and the two rules `build --audit` adds, whose default it leaves unsaid.
 */
const SPEC_RULES: ReadonlyMap<string, Severity | undefined> = new Map<string, Severity | undefined>([
  ["yaml-syntax", "error"], ["schema", "error"], ["duplicate-id", "error"], ["ref-missing", "error"],
  ["ref-kind", "error"], ["anchor-missing", "error"], ["unknown-directive", "error"], ["link-broken", "error"],
  ["image-alt", "error"], ["series-numbering", "error"], ["unpublishable-source", "error"], ["personal-data", "error"],
  ["unused-entity", "warn"], ["value-uncovered", "warn"], ["brand-contrast", "warn"], ["readability", "off"],
  ["directive-unclosed", "error"], ["cite-missing", "error"], ["reference-invalid", "error"], ["reference-unused", "warn"],
  ["caption-missing", "warn"], ["abbreviation-undefined", "warn"], ["print-overflow", "warn"],
  ["a11y", undefined], ["pdf-structure", undefined],
]);

/** SPEC §3 rules papersmith does not report yet: they belong to the citations and figures of SPEC §6. */
const NOT_YET_DECLARED: string[] = [];

/** Rules papersmith reports that SPEC §3 does not list. */
const NOT_IN_SPEC = ["directive-cycle", "accessibility-contact", "release-incomplete"];

describe("rule catalogue: SPEC §3", () => {
  it("declares every rule of SPEC §3 with its default, but for those not built yet", () => {
    const missing = [...SPEC_RULES.keys()].filter((id) => !isRuleId(id));
    expect(missing).toEqual(NOT_YET_DECLARED);
    for (const [id, severity] of SPEC_RULES) {
      const declared = isRuleId(id) ? RULES.get(id) : undefined;
      if (declared && severity !== undefined) expect(declared.defaultSeverity, id).toBe(severity);
    }
  });

  it("lists in SPEC §3 every declared rule, but for those the spec does not name", () => {
    expect(RULE_IDS.filter((id) => !SPEC_RULES.has(id))).toEqual(NOT_IN_SPEC);
  });
});
