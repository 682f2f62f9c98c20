/**
 * Writes the rules table of docs/reference.md from the rule declarations
 * (src/diagnostics/rule-declarations.ts), between its two marker comments, so the docs list
 * exactly the rules, defaults and descriptions the code declares. test/rule-catalogue.test.ts
 * fails while the table differs from what this would write.
 *
 *   npm run docs:rules        (compiles first: this reads lib/)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { RULE_DECLARATIONS } from "../lib/diagnostics/rule-declarations.js";
import { rulesTable, withRulesTable } from "../lib/diagnostics/rules-table.js";

const reference = fileURLToPath(new URL("../docs/reference.md", import.meta.url));
const before = readFileSync(reference, "utf8");
const after = withRulesTable(before, rulesTable(RULE_DECLARATIONS));
if (after !== before) writeFileSync(reference, after);
console.log(after === before ? "docs/reference.md: the rules table is up to date" : "docs/reference.md: rules table written");
