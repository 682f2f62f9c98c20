import type { JsonSchema } from "../load/json-schema.js";
import { mappingSchema, type MappingSpec } from "../load/read-mapping.js";
import { CONFIG_FIELDS } from "../load/config-fields.js";
import { CHARTER_FIELDS } from "../load/load-charter.js";
import { PERSON_FIELDS } from "../load/load-people.js";
import { QUOTE_FIELDS } from "../load/load-quotes.js";
import { GLOSSARY_FIELDS } from "../load/load-glossary.js";
import { SESSION_FIELDS } from "../load/load-session.js";
import { CASE_STUDY_FIELDS } from "../load/load-case-study.js";
import { PAPER_FIELDS } from "../load/load-paper.js";

/** The draft of JSON Schema the schemas are written in. */
export const JSON_SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema";

/** One source file papersmith loads, and the schema of what it holds. */
export interface ProjectSchema {
  /** The schema's file name, e.g. `paper.schema.json`. */
  readonly fileName: string;
  /** The project files it describes, e.g. `papers/*.md`. */
  readonly appliesTo: string;
  /** True for the front matter of Markdown files, false for a whole YAML file. */
  readonly frontMatter: boolean;
  /** The keys, as the loader reads them. */
  readonly fields: MappingSpec;
  /** True when the file is a list of such mappings (people.yaml, quotes.yaml). */
  readonly list: boolean;
  readonly title: string;
  readonly description: string;
}

/**
 * The files papersmith loads, in the order of SPEC §1. references.yaml is not here: its entries
 * are CSL items, open to every variable of the Citation Style Language, which the loader checks
 * for what a citation needs (see load-bibliography.ts) rather than against a closed list of keys.
 */
export const PROJECT_SCHEMAS: readonly ProjectSchema[] = [
  { fileName: "papersmith.schema.json", appliesTo: "papersmith.yaml", frontMatter: false, fields: CONFIG_FIELDS, list: false,
    title: "papersmith.yaml", description: "The series, its partners, theme, build options and rule severities." },
  { fileName: "charter.schema.json", appliesTo: "charter.yaml", frontMatter: false, fields: CHARTER_FIELDS, list: false,
    title: "charter.yaml", description: "The values charter: a title, a preamble and the numbered values." },
  { fileName: "people.schema.json", appliesTo: "people.yaml", frontMatter: false, fields: PERSON_FIELDS, list: true,
    title: "people.yaml", description: "A list of the people who speak, attend or author." },
  { fileName: "quotes.schema.json", appliesTo: "quotes.yaml", frontMatter: false, fields: QUOTE_FIELDS, list: true,
    title: "quotes.yaml", description: "A list of attributed quotations." },
  { fileName: "glossary.schema.json", appliesTo: "glossary.yaml", frontMatter: false, fields: GLOSSARY_FIELDS, list: true,
    title: "glossary.yaml", description: "A list of the abbreviations the papers use, each written in a body as :abbr[id]." },
  { fileName: "session.schema.json", appliesTo: "sessions/*.md", frontMatter: true, fields: SESSION_FIELDS, list: false,
    title: "Session front matter", description: "The front matter of a session's notes (sessions/*.md)." },
  { fileName: "case-study.schema.json", appliesTo: "case-studies/*.md", frontMatter: true, fields: CASE_STUDY_FIELDS, list: false,
    title: "Case study front matter", description: "The front matter of a case study (case-studies/*.md)." },
  { fileName: "paper.schema.json", appliesTo: "papers/*.md", frontMatter: true, fields: PAPER_FIELDS, list: false,
    title: "Paper front matter", description: "The front matter of a paper (papers/*.md)." },
];

/** The whole JSON Schema document of one project file. */
export function schemaDocument(schema: ProjectSchema): JsonSchema {
  const mapping = mappingSchema(schema.fields);
  // An empty list file is an empty list to the loader.
  const { title: _mapping, ...root } = schema.list ? { type: ["array", "null"], items: mapping } : mapping;
  return { $schema: JSON_SCHEMA_DRAFT, title: schema.title, description: schema.description, ...root };
}

/** A schema document as its file holds it: two-space JSON in a fixed key order, ending in a newline. */
export function schemaFileText(schema: ProjectSchema): string {
  return `${JSON.stringify(schemaDocument(schema), null, 2)}\n`;
}
