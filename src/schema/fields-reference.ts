import type { JsonSchema } from "../load/json-schema.js";
import { PROJECT_SCHEMAS, schemaDocument } from "./project-schemas.js";

/** The comment lines around the field tables in docs/fields.md: everything between them is written. */
export const FIELDS_START = "<!-- field tables: written by `npm run docs:fields` from the loader's field definitions -->";
export const FIELDS_END = "<!-- end of field tables -->";

/** Keys whose nested keys are listed elsewhere: the rule ids have a table of their own. */
const LISTED_ELSEWHERE = new Set(["rules"]);

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

function example(value: unknown): string {
  const written = typeof value === "string" ? value : JSON.stringify(value);
  return `\`${cell(written)}\``;
}

/** The rows of one mapping's keys, each followed by the keys nested in it (`partners[].id`). */
function rows(schema: JsonSchema, prefix: string): string[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const out: string[] = [];
  for (const [key, field] of Object.entries(properties)) {
    const path = `${prefix}${key}`;
    const examples = (field.examples ?? []) as unknown[];
    out.push(`| \`${path}\` | ${required.has(key) ? "yes" : ""} | ${cell(String(field.title ?? ""))} | ${cell(String(field.description ?? ""))} | ${examples.map(example).join(" or ")} |`);
    if (LISTED_ELSEWHERE.has(path)) continue;
    const items = field.items as JsonSchema | undefined;
    if (field.properties) out.push(...rows(field, `${path}.`));
    else if (items?.properties) out.push(...rows(items, `${path}[].`));
  }
  return out;
}

/** The field tables of every file papersmith loads, as Markdown, from the same schemas `papersmith schema` writes. */
export function fieldTables(): string {
  return PROJECT_SCHEMAS.map((schema) => {
    const document = schemaDocument(schema);
    const root = (schema.list ? document.items : document) as JsonSchema;
    const shape = schema.list ? "A list; each entry has these keys." : schema.frontMatter ? "The keys of the front matter." : "The top-level keys.";
    return [
      `### ${schema.appliesTo}`,
      "",
      `${schema.description} ${shape} Schema: \`${schema.fileName}\`.`,
      "",
      "| key | required | type | what it holds | example |",
      "|---|---|---|---|---|",
      ...rows(root, ""),
    ].join("\n");
  }).join("\n\n");
}

/**
 * `markdown` with the text between its field-table comments replaced by `tables`. Throws when
 * the comments are missing, since then there is no place the tables may be written.
 */
export function withFieldTables(markdown: string, tables: string): string {
  const start = markdown.indexOf(FIELDS_START);
  const end = markdown.indexOf(FIELDS_END, start);
  if (start < 0 || end < 0) throw new Error(`The field tables need the lines ${FIELDS_START} and ${FIELDS_END} around them.`);
  return `${markdown.slice(0, start + FIELDS_START.length)}\n${tables}\n\n${markdown.slice(end)}`;
}
