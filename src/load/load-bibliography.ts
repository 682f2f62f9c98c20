import { isMap, isScalar, type Node as YamlNode, type Pair } from "yaml";
import type { BibliographyEntry, CslItem, SourceRange, SourceText } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { nodeRange } from "./read-context.js";
import { listItems, readYamlFile } from "./yaml-file.js";
import { KEBAB_ID } from "./fields.js";

/** The file that holds the bibliography of the series. */
export const BIBLIOGRAPHY_FILE = "references.yaml";

/** The item types of CSL 1.0.2; any other `type` is `reference-invalid`. */
export const CSL_TYPES = [
  "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast", "chapter",
  "classic", "collection", "dataset", "document", "entry", "entry-dictionary", "entry-encyclopedia", "event",
  "figure", "graphic", "hearing", "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
  "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical", "personal_communication",
  "post", "post-weblog", "regulation", "report", "review", "review-book", "software", "song", "speech",
  "standard", "thesis", "treaty", "webpage",
] as const;

/** Types whose entries name an author or editor: a book or an article always has one; a report may be by its publisher alone. */
const NEEDS_CREATOR: ReadonlySet<string> = new Set([
  "article", "article-journal", "article-magazine", "article-newspaper", "book", "chapter", "paper-conference", "thesis",
]);

/** Types whose entries may go without `issued`: a web page is often undated. */
const MAY_BE_UNDATED: ReadonlySet<string> = new Set(["webpage", "post", "post-weblog", "software"]);

/** The CSL variables that hold names: each a list of `family`/`given` or `literal` names. */
const NAME_VARIABLES: ReadonlySet<string> = new Set([
  "author", "editor", "translator", "container-author", "collection-editor", "composer", "director", "illustrator",
  "interviewer", "recipient", "reviewed-author", "editorial-director", "original-author", "chair", "compiler",
  "contributor", "curator", "executive-producer", "guest", "host", "narrator", "organizer", "performer", "producer",
  "script-writer", "series-creator",
]);

/** The CSL variables that hold dates. */
const DATE_VARIABLES: ReadonlySet<string> = new Set(["issued", "accessed", "event-date", "original-date", "submitted", "available-date"]);

/** `issued: 2014` or `issued: "2014-10-23"` as a CSL date; CSL `date-parts` objects are kept as they are. */
function cslDate(value: unknown): unknown {
  if (typeof value === "number" && Number.isInteger(value)) return { "date-parts": [[value]] };
  if (typeof value === "string" && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) return { "date-parts": [value.split("-").map(Number)] };
  return value;
}

function hasCreator(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every((name) => typeof name === "object" && name !== null
    && (typeof (name as Record<string, unknown>).family === "string" || typeof (name as Record<string, unknown>).literal === "string"));
}

function isDate(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  const parts = record["date-parts"];
  return (Array.isArray(parts) && Array.isArray(parts[0]) && parts[0].length > 0 && parts[0].every((n) => Number.isInteger(n)))
    || typeof record.literal === "string" || typeof record.raw === "string";
}

/** How a problem with an entry is reported: the range and the message of a `reference-invalid`. */
export type ReportInvalid = (range: SourceRange, message: string) => void;

/**
 * Checks one entry, read from references.yaml or references.bib, for what a citation needs
 * (`reference-invalid`: a kebab-case id, a CSL type, a title, a creator where its type needs one,
 * an issued date) and gives it as the CSL item the processor reads. `fieldRange` says where a
 * field was written (the entry's id where it was not). Messages name the fields as the source's
 * syntax writes them.
 */
export function checkedItem(raw: Readonly<Record<string, unknown>>, id: string, idRange: SourceRange,
  fieldRange: (key: string) => SourceRange, report: ReportInvalid, syntax: "yaml" | "bibtex"): CslItem {
  const bib = syntax === "bibtex";
  if (!KEBAB_ID.test(id)) report(idRange, `The reference id "${id}" is not lowercase kebab-case (letters, digits and hyphens).`);
  const type = raw.type;
  const where = `The reference "${id}"`;
  if (type === undefined) {
    report(idRange, `${where} has no \`type\`: give its CSL type, such as report, book, article-journal or webpage.`);
  } else if (typeof type === "string" && !(CSL_TYPES as readonly string[]).includes(type)) {
    report(fieldRange("type"), `${where} has the type "${type}", which is not a CSL type (report, book, article-journal, chapter, webpage, …).`);
  }
  if (raw.title === undefined || raw.title === null || (typeof raw.title === "string" && raw.title.trim() === "")) report(idRange, `${where} has no \`title\`.`);
  if (typeof type === "string" && NEEDS_CREATOR.has(type) && !hasCreator(raw.author) && !hasCreator(raw.editor)) {
    report(idRange, bib
      ? `${where} is a ${type} and names no \`author\` or \`editor\`.`
      : `${where} is a ${type} and names no \`author\` or \`editor\` (each a \`family\` name, or a \`literal\` for an organisation).`);
  }
  const issued = cslDate(raw.issued);
  if (raw.issued === undefined ? !(typeof type === "string" && MAY_BE_UNDATED.has(type)) : !isDate(issued)) {
    const at = raw.issued === undefined ? idRange : fieldRange("issued");
    report(at, raw.issued === undefined
      ? `${where} has no ${bib ? "`year` or `date`: give the year of publication, as `year = {2014}`" : "`issued` date: give the year of publication, as `issued: 2014`"}.`
      : `${where} has an \`issued\` date that is not a year, a date (YYYY-MM-DD) or CSL \`date-parts\`.`);
  }
  // Every other field as the processor needs it, or left out (it would stop the processor):
  // names as lists of names, dates as dates, the rest as text (CSL allows `volume: 3`, but the
  // processor reads such fields as text).
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === "id" || value === undefined) continue;
    if (NAME_VARIABLES.has(key)) {
      if (hasCreator(value)) fields[key] = value;
      else report(fieldRange(key), `${where}: \`${key}\` must be a list of names, each ${bib ? "\"Family, Given\" or {Organisation}" : "with a `family` name (and `given`), or a `literal` for an organisation"}.`);
    } else if (DATE_VARIABLES.has(key)) {
      const date = cslDate(value);
      if (isDate(date)) fields[key] = date;
      else if (key !== "issued") report(fieldRange(key), `${where}: \`${key}\` is not a year, a date (YYYY-MM-DD) or CSL \`date-parts\`.`);
    } else if (typeof value === "string" || typeof value === "number") {
      fields[key] = String(value);
    } else {
      report(fieldRange(key), `${where}: \`${key}\` must be text${Array.isArray(value) ? ", not a list" : ""}.`);
    }
  }
  // A type the processor does not know would stop it: such an entry is reported, and shown as a document.
  const known = typeof type === "string" && (CSL_TYPES as readonly string[]).includes(type);
  return { ...fields, id, type: known ? type : "document" } as CslItem;
}

/**
 * Loads `references.yaml`: a list of CSL items. Each entry with an `id` defines it even when it
 * is otherwise invalid (`reference-invalid`, at the entry or the field), so one slip never
 * turns every citation of it into `cite-missing` as well.
 */
export function loadBibliography(source: string, file: string): { bibliography: BibliographyEntry[]; problems: Problem[]; source: SourceText } {
  const yaml = readYamlFile(source, file);
  const { rc } = yaml;
  const bibliography: BibliographyEntry[] = [];
  for (const node of listItems(yaml, "references")) {
    const range = nodeRange(node, rc);
    if (!isMap(node)) {
      rc.ctx.report("reference-invalid", range, "Each reference is a mapping of CSL fields, starting with \"- id: …\".");
      continue;
    }
    const pairs = node.items as Pair<unknown, unknown>[];
    const valueNode = (key: string): YamlNode | undefined => {
      const pair = pairs.find((p) => isScalar(p.key) && p.key.value === key);
      return pair?.value as YamlNode | undefined;
    };
    const raw = node.toJSON() as Record<string, unknown>;
    const idNode = valueNode("id");
    const id = raw.id;
    if (typeof id !== "string" || id === "") {
      rc.ctx.report("reference-invalid", range, "This reference has no `id`: give it one (lowercase kebab-case) to cite it as :cite[id].");
      continue;
    }
    const idRange = nodeRange(idNode, rc);
    const item = checkedItem(raw, id, idRange, (key) => nodeRange(valueNode(key), rc), (at, message) => rc.ctx.report("reference-invalid", at, message), "yaml");
    bibliography.push({ kind: "bibliography", id, idRange, range, item });
  }
  return { bibliography, problems: rc.ctx.problems, source: yaml.source };
}
