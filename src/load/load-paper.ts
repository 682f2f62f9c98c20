import type { Paper, SourceText } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { date, dateTime, id, idRef, listOf, oneOf, positiveInteger, text } from "./fields.js";
import { optional, readMapping, required } from "./read-mapping.js";
import { readMarkdownDocument } from "./markdown-document.js";
import { entityId } from "./entity-id.js";
import { statusAsWritten } from "./written-scalar.js";

const PAPER = {
  id: optional(id),
  number: required(positiveInteger),
  title: required(text),
  subtitle: optional(text),
  date: required(date),
  status: optional(oneOf(["draft", "final"] as const)),
  authors: optional(listOf(idRef)),
  summary: optional(text),
  embargo: optional(dateTime),
};

/** Loads one `papers/*.md` file into a Paper (undefined when the file defines nothing). */
export function loadPaper(source: string, file: string): { paper?: Paper; problems: Problem[]; source?: SourceText } {
  const { document, problems } = readMarkdownDocument(source, file, "paper");
  if (!document) return { problems };
  const { rc } = document;
  const read = readMapping(document.frontMatter, PAPER, rc, "The paper's front matter");
  const v = read?.values ?? {};
  const { id: paperId, idRange } = entityId(v.id, read?.valueRanges.get("id"), file, rc, false);
  const paper: Paper = {
    kind: "paper",
    id: paperId,
    idRange,
    range: read?.range ?? rc.ctx.fileStart(),
    file,
    number: v.number ?? 0,
    numberRange: read?.valueRanges.get("number") ?? read?.range ?? rc.ctx.fileStart(),
    title: v.title ?? "",
    date: v.date ?? "",
    status: v.status ?? "draft",
    ...statusAsWritten(document.frontMatter, rc),
    authors: v.authors ?? [],
    body: document.body,
    ...(v.subtitle === undefined ? {} : { subtitle: v.subtitle }),
    ...(v.summary === undefined ? {} : { summary: v.summary }),
    ...(v.embargo === undefined ? {} : { embargo: v.embargo }),
  };
  return { paper, problems: rc.ctx.problems, source: document.source };
}
