import { isSeq } from "yaml";
import type { Charter, CharterValue, SourceText } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { id, isNodeLike, markdown, text, type FieldReader } from "./fields.js";
import { optional, readMapping, required } from "./read-mapping.js";
import { readYamlFile } from "./yaml-file.js";
import { nodeRange } from "./read-context.js";

const VALUE = { id: required(id), title: required(text), statement: required(markdown) };

/** Keeps the raw list node; its items are read one by one below so each keeps its position. */
const valueList: FieldReader<unknown[]> = (node, rc, label) => {
  if (isSeq(node)) return node.items;
  rc.ctx.report("schema", nodeRange(node, rc), `${label} must be a list of values.`);
  return undefined;
};

const CHARTER = { title: optional(text), preamble: optional(markdown), values: required(valueList) };

/** Loads `charter.yaml`: the title, preamble and numbered values of the charter. */
export function loadCharter(source: string, file: string): { charter?: Charter; problems: Problem[]; source?: SourceText } {
  const yaml = readYamlFile(source, file);
  if (!yaml.parsed) return { problems: yaml.rc.ctx.problems };
  const read = readMapping(yaml.root, CHARTER, yaml.rc, "The charter");
  if (!read) return { problems: yaml.rc.ctx.problems };
  const values: CharterValue[] = [];
  const items = (read.values.values ?? []).filter(isNodeLike);
  if (read.values.values && items.length === 0) {
    yaml.rc.ctx.report("schema", read.valueRanges.get("values") ?? read.range, "The charter's `values` must have at least one value.");
  }
  for (const [position, item] of items.entries()) {
    const value = readMapping(item, VALUE, yaml.rc, "The charter value");
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
