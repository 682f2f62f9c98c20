import type { Paper, PaperRelease, SourceText } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { date, dateTime, id, idRef, listOf, markdown, oneOf, positiveInteger, text } from "./fields.js";
import { mappingOf, optional, readMapping, required, type MappingValues } from "./read-mapping.js";
import { readMarkdownDocument } from "./markdown-document.js";
import { entityId } from "./entity-id.js";
import { statusAsWritten } from "./written-scalar.js";

/** The keys of a paper's `release:` (its press release). */
export const RELEASE_FIELDS = {
  headline: required(text, "The press release's headline.", ["Primary and secondary care agree five shared values"]),
  standfirst: optional(markdown, "One paragraph under the headline, in Markdown; the default is the paper's summary.", ["Leaders from both sides agreed the values they will work to."]),
  quotes: optional(listOf(idRef), "Quote ids from quotes.yaml, in the order the release prints them, each with its speaker's name, role and organisation.", [["stern-release", "hopson-release"]]),
  contacts: optional(listOf(idRef), "Person ids from people.yaml for press enquiries: the release prints their name, role, organisation, email and phone.", [["press-office-alliance"]]),
  date: optional(date, "The release's date, YYYY-MM-DD, for its dateline; the default is the paper's date.", ["2014-11-14"]),
};

/** The front-matter keys of a paper. */
export const PAPER_FIELDS = {
  id: optional(id, "The paper's id (lowercase kebab-case); the default is the file name without .md.", ["shared-outcomes"]),
  number: required(positiveInteger, "The paper's number in the series: 1, 2, 3 … with no gaps or repeats.", [1]),
  title: required(text, "The paper's title.", ["Shared outcomes for shared care"]),
  subtitle: optional(text, "A line under the title.", ["What six months of joint working taught us"]),
  date: required(date, "The date of publication, YYYY-MM-DD.", ["2015-01-20"]),
  status: optional(oneOf(["draft", "final"] as const), "draft or final; the default is draft. Drafts are left out of a build unless --drafts is given.", ["final"]),
  authors: optional(listOf(idRef), "The authors: person ids from people.yaml.", [["chief-exec-a"]]),
  summary: optional(text, "A sentence or two on what the paper says, for the series page.", ["Why the partners agreed their outcomes before their structures."]),
  embargo: optional(dateTime, "Not to be published before this moment: a date, or a date and time with its zone.", ["2015-01-20T00:01:00Z"]),
  release: optional(mappingOf(RELEASE_FIELDS, "The press release"), "A press release for the paper: `headline` (required), `standfirst`, `quotes`, `contacts` and `date`. It is published with the paper, and never before it.",
    [{ headline: "Primary and secondary care agree five shared values", quotes: ["stern-release"], contacts: ["press-office-alliance"] }]),
};

/** Loads one `papers/*.md` file into a Paper (undefined when the file defines nothing). */
export function loadPaper(source: string, file: string): { paper?: Paper; problems: Problem[]; source?: SourceText } {
  const { document, problems } = readMarkdownDocument(source, file, "paper");
  if (!document) return { problems };
  const { rc } = document;
  const read = readMapping(document.frontMatter, PAPER_FIELDS, rc, "The paper's front matter");
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
    ...(v.release === undefined ? {} : { release: releaseOf(v.release, read?.keys.get("release") ?? rc.ctx.fileStart()) }),
  };
  return { paper, problems: rc.ctx.problems, source: document.source };
}

/** A paper's press release from its `release:` values (a headline that failed to read is empty; `schema` reported it). */
function releaseOf(v: MappingValues<typeof RELEASE_FIELDS>, range: PaperRelease["range"]): PaperRelease {
  return {
    headline: v.headline ?? "",
    quotes: v.quotes ?? [],
    contacts: v.contacts ?? [],
    range,
    ...(v.standfirst === undefined ? {} : { standfirst: v.standfirst }),
    ...(v.date === undefined ? {} : { date: v.date }),
  };
}
