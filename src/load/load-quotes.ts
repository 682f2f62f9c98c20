import type { Quote, SourceText } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { date, id, idRef, markdown, text } from "./fields.js";
import { optional, required } from "./read-mapping.js";
import { readEntityList } from "./yaml-file.js";

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
  const read = readEntityList(source, file, "quotes", QUOTE_FIELDS, "The quote", (entry, v): Quote => ({
    kind: "quote",
    ...entry,
    by: v.by ?? { id: "", range: entry.range },
    text: v.text ?? { source: "", tree: { type: "root", children: [] }, range: entry.range },
    ...(v.date === undefined ? {} : { date: v.date }),
    ...(v.source === undefined ? {} : { source: v.source }),
  }));
  return { quotes: read.entries, problems: read.problems, source: read.source };
}
