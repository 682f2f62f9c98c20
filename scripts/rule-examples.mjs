/**
 * Writes the rules section of docs/authoring.md: for each rule, the slip and the fix from
 * docs/rule-examples.yaml and the messages papersmith prints for the slip, found by running
 * `check` on a copy of test/fixtures/check/clean with the slip made. Fails (exit 1) when an
 * example's slip does not give its rule, its fix gives any message (but those its `fixReports`
 * allows), or a rule that `check`
 * reports has no example. With --check it writes nothing and fails while the guide differs
 * from what it would write (test/rule-examples.test.ts runs it so).
 *
 *   npm run docs:rules        (compiles first: this reads lib/)
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { checkProject } from "../lib/check.js";
import { closeSharedParsePool } from "../lib/load/parse-pool.js";
import { RULE_DECLARATIONS } from "../lib/diagnostics/rule-declarations.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const base = join(root, "test/fixtures/check/clean");
const guide = join(root, "docs/authoring.md");
const START = "<!-- rule examples: written by `npm run docs:rules` from docs/rule-examples.yaml -->";
const END = "<!-- end of rule examples -->";
/** Rules that `check` cannot show: they judge the printed PDFs or the built pages. */
const BUILD_ONLY = new Set(RULE_DECLARATIONS.filter((rule) => rule.stage === "audit" || rule.stage === "print").map((rule) => rule.id));

const examples = parse(readFileSync(join(root, "docs/rule-examples.yaml"), "utf8"));
const problems = [];

/** A copy of the clean project with each edit's `find` replaced by its `side` ("before" or "after"). */
function projectWith(example, side) {
  const dir = mkdtempSync(join(tmpdir(), "papersmith-rule-example-"));
  cpSync(base, dir, { recursive: true });
  for (const edit of example.edits) {
    const file = join(dir, edit.file);
    const text = readFileSync(file, "utf8");
    if (!text.includes(edit.find)) problems.push(`${example.rule}: ${edit.file} does not contain ${JSON.stringify(edit.find)}`);
    writeFileSync(file, text.replace(edit.find, () => edit[side]));
  }
  return dir;
}

async function diagnosticsOf(example, side) {
  const dir = projectWith(example, side);
  try {
    return (await checkProject(dir)).diagnostics;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A snippet as a fenced block, marked as YAML when it is YAML (a .yaml file, or a Markdown file's front matter). */
function fence(edit, text) {
  const original = readFileSync(join(base, edit.file), "utf8");
  const frontMatterEnd = original.startsWith("---") ? original.indexOf("\n---", 3) : -1;
  const yaml = extname(edit.file) === ".yaml" || original.indexOf(edit.find) < frontMatterEnd;
  return [yaml ? "```yaml" : "```markdown", text, "```"].join("\n");
}
const sentenceCase = (title) => (/^[A-Z](?:[a-z]|\s)/.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title);
const line = (d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message} [${d.rule}]`;

const sections = [];
for (const example of examples) {
  const declared = RULE_DECLARATIONS.find((rule) => rule.id === example.rule);
  if (declared === undefined) {
    problems.push(`${example.rule}: no such rule is declared`);
    continue;
  }
  const before = await diagnosticsOf(example, "before");
  const after = await diagnosticsOf(example, "after");
  if (!before.some((d) => d.rule === example.rule)) problems.push(`${example.rule}: the slip gives no ${example.rule} message (it gives: ${before.map(line).join("; ") || "nothing"})`);
  const left = after.filter((d) => example.fixReports === undefined || !d.message.includes(example.fixReports));
  if (left.length > 0) problems.push(`${example.rule}: the fix still gives messages: ${left.map(line).join("; ")}`);
  const parts = [`### \`${declared.id}\`: ${sentenceCase(declared.title)}`, "", `Default: ${declared.defaultSeverity}. ${example.note}`, ""];
  for (const edit of example.edits) {
    if (edit.before === edit.after) continue;
    parts.push(`In \`${edit.file}\`, this:`, "", edit.before === "" ? "*(nothing: the lines are missing)*" : fence(edit, edit.before), "", "gives", "");
    break;
  }
  parts.push("```", ...before.map(line), "```", "");
  const fixes = example.edits.filter((edit) => edit.before !== edit.after);
  parts.push("Write instead:", "");
  for (const edit of fixes) {
    if (fixes.length > 1) parts.push(`In \`${edit.file}\`:`, "");
    parts.push(fence(edit, edit.after), "");
  }
  sections.push(parts.join("\n"));
}
await closeSharedParsePool();

const covered = new Set(examples.map((example) => example.rule));
for (const rule of RULE_DECLARATIONS) {
  if (!BUILD_ONLY.has(rule.id) && !covered.has(rule.id)) problems.push(`${rule.id}: no example in docs/rule-examples.yaml`);
}

const text = readFileSync(guide, "utf8");
const from = text.indexOf(START);
const to = text.indexOf(END);
if (from < 0 || to < from) problems.push(`docs/authoring.md has no "${START}" … "${END}" markers`);
const next = from < 0 || to < from ? text : `${text.slice(0, from + START.length)}\n\n${sections.join("\n")}${text.slice(to)}`;
if (problems.length > 0) {
  console.error(problems.map((problem) => `rule examples: ${problem}`).join("\n"));
  process.exit(1);
}
if (process.argv.includes("--check")) {
  if (next !== text) {
    console.error("docs/authoring.md: the rule examples are out of date; run `npm run docs:rules`");
    process.exit(1);
  }
  console.log("docs/authoring.md: the rule examples are up to date");
} else {
  if (next !== text) writeFileSync(guide, next);
  console.log(next === text ? "docs/authoring.md: the rule examples are up to date" : "docs/authoring.md: rule examples written");
}
