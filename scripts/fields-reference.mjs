/**
 * Writes the field tables of docs/fields.md from the loader's field definitions (the same
 * ones `papersmith schema` writes as JSON Schemas), between its two marker comments.
 * test/schema.test.ts fails while the tables differ from what this would write.
 *
 *   npm run docs:fields       (compiles first: this reads lib/)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fieldTables, withFieldTables } from "../lib/schema/fields-reference.js";

const page = fileURLToPath(new URL("../docs/fields.md", import.meta.url));
const before = readFileSync(page, "utf8");
const after = withFieldTables(before, fieldTables());
if (after !== before) writeFileSync(page, after);
console.log(after === before ? "docs/fields.md: the field tables are up to date" : "docs/fields.md: field tables written");
