import type { Quote, SourceText } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { date, id, idRef, markdown, text } from "./fields.js";
import { optional, readMapping, required } from "./read-mapping.js";
import { listItems, readYamlFile } from "./yaml-file.js";

/** The keys of each quote in quotes.yaml. */
export const QUOTE_FIELDS = {
  id: required(id, "The quote's id (lowercase kebab-case), cited as ::quote{#id}.", ["silos"]),
  by: required(idRef, "Who said it: a person id from people.yaml.", ["chief-exec-a"]),
  text: required(markdown, "What was said, in Markdown, without quotation marks.", ["We cannot fix this one organisation at a time."]),
  date: optional(date, "When it was said, YYYY-MM-DD.", ["2014-10-06"]),
  source: optional(text, "Where it was said: free text, or a session id.", ["leaders-workshop-1"]),
};

/** Loads `quotes.yaml`: a list of attributed quotations. */
export function loadQuotes(source: string, file: string): { quotes: Quote[]; problems: Problem[]; source: SourceText } {
  const yaml = readYamlFile(source, file);
  const quotes: Quote[] = [];
  for (const item of listItems(yaml, "quotes")) {
    const read = readMapping(item, QUOTE_FIELDS, yaml.rc, "The quote");
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
