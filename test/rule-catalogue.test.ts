import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RULE_DECLARATIONS } from "../src/diagnostics/rule-declarations.js";
import { rulesTable, withRulesTable } from "../src/diagnostics/rules-table.js";

describe("rule catalogue: docs", () => {
  it("docs/reference.md lists exactly the declared rules (npm run docs:rules writes the table)", () => {
    const reference = readFileSync(new URL("../docs/reference.md", import.meta.url), "utf8");
    expect(withRulesTable(reference, rulesTable(RULE_DECLARATIONS))).toBe(reference);
  });
});
