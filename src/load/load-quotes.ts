import type { Quote, SourceText } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { date, id, idRef, markdown, text } from "./fields.js";
import { optional, readMapping, required } from "./read-mapping.js";
import { listItems, readYamlFile } from "./yaml-file.js";

const QUOTE = {
  id: required(id),
  by: required(idRef),
  text: required(markdown),
  date: optional(date),
  source: optional(text),
};

/** Loads `quotes.yaml`: a list of attributed quotations. */
export function loadQuotes(source: string, file: string): { quotes: Quote[]; problems: Problem[]; source: SourceText } {
  const yaml = readYamlFile(source, file);
  const quotes: Quote[] = [];
  for (const item of listItems(yaml, "quotes")) {
    const read = readMapping(item, QUOTE, yaml.rc, "The quote");
    if (!read?.values.id) continue;
    const v = read.values;
    const range = read.range;
    quotes.push({
      kind: "quote",
      id: read.values.id,
      idRange: read.valueRanges.get("id") ?? range,
      range,
      by: v.by ?? { id: "", range },
      text: v.text ?? { source: "", tree: { type: "root", children: [] }, range },
      ...(v.date === undefined ? {} : { date: v.date }),
      ...(v.source === undefined ? {} : { source: v.source }),
    });
  }
  return { quotes, problems: yaml.rc.ctx.problems, source: yaml.source };
}
