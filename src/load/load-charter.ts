import { isSeq } from "yaml";
import type { Charter, CharterValue, SourceText } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { fieldReader, id, isNodeLike, markdown, text } from "./fields.js";
import { mappingSchema, optional, readMapping, required } from "./read-mapping.js";
import { readYamlFile } from "./yaml-file.js";
import { nodeRange } from "./read-context.js";

export const VALUE_FIELDS = {
  id: required(id, "The value's id (lowercase kebab-case), cited as :value[id] and listed in `values` fields.", ["patients-central"]),
  title: required(text, "The value's short title.", ["Patients at the centre"]),
  statement: required(markdown, "The full wording of the value, in Markdown.", ["We start from what matters to patients and carers."]),
};

/** Keeps the raw list node; its items are read one by one below so each keeps its position. */
const valueList = fieldReader<unknown[]>({ title: "list (each: mapping)", type: "array", items: mappingSchema(VALUE_FIELDS), minItems: 1 }, (node, rc, label) => {
  if (isSeq(node)) return node.items;
  rc.ctx.report("schema", nodeRange(node, rc), `${label} must be a list of values.`);
  return undefined;
});

/** The keys of charter.yaml. */
export const CHARTER_FIELDS = {
  title: optional(text, "The charter's title; the default is \"Charter\".", ["Our shared values"]),
  preamble: optional(markdown, "Text before the values, in Markdown.", ["The values every paper in this series works from."]),
  values: required(valueList, "The values of the charter, numbered in this order; at least one.",
    [[{ id: "patients-central", title: "Patients at the centre", statement: "We start from what matters to patients and carers." }]]),
};

/** Loads `charter.yaml`: the title, preamble and numbered values of the charter. */
export function loadCharter(source: string, file: string): { charter?: Charter; problems: Problem[]; source?: SourceText } {
  const yaml = readYamlFile(source, file);
  if (!yaml.parsed) return { problems: yaml.rc.ctx.problems };
  const read = readMapping(yaml.root, CHARTER_FIELDS, yaml.rc, "The charter");
  if (!read) return { problems: yaml.rc.ctx.problems };
  const values: CharterValue[] = [];
  const items = (read.values.values ?? []).filter(isNodeLike);
  if (read.values.values && items.length === 0) {
    yaml.rc.ctx.report("schema", read.valueRanges.get("values") ?? read.range, "The charter's `values` must have at least one value.");
  }
  for (const [position, item] of items.entries()) {
    const value = readMapping(item, VALUE_FIELDS, yaml.rc, "The charter value");
    if (!value?.values.id) continue;
    values.push({
      kind: "value",
      id: value.values.id,
      idRange: value.valueRanges.get("id") ?? value.range,
      range: value.range,
      number: position + 1,
      title: value.values.title ?? "",
      statement: value.values.statement ?? { source: "", tree: { type: "root", children: [] }, range: value.range },
    });
  }
  const charter: Charter = {
    file,
    title: read.values.title ?? "Charter",
    values,
    ...(read.values.preamble === undefined ? {} : { preamble: read.values.preamble }),
  };
  return { charter, problems: yaml.rc.ctx.problems, source: yaml.source };
}
