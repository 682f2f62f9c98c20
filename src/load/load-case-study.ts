import { CASE_STUDY_LIST_NAME, SECTORS, type CaseStudy, type Consent, type Outcome, type SourceRange, type SourceText } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { boolean, date, id, idRef, listOf, oneOf, organisation, text } from "./fields.js";
import { mappingOf, optional, readMapping, required } from "./read-mapping.js";
import { readMarkdownDocument } from "./markdown-document.js";
import { entityId } from "./entity-id.js";
import type { ReadContext } from "./read-context.js";
import { statusAsWritten, writtenScalar } from "./written-scalar.js";

const OUTCOME = { measure: required(text), before: optional(text), after: optional(text), unit: optional(text) };
const CONSENT = { obtained: required(boolean), date: optional(date), anonymised: optional(boolean) };

const CASE_STUDY = {
  id: optional(id),
  title: required(text),
  summary: required(text),
  locality: required(text),
  sectors: required(listOf(oneOf(SECTORS), { min: 1 })),
  organisations: optional(listOf(organisation)),
  themes: optional(listOf(text)),
  values: optional(listOf(idRef)),
  outcomes: optional(listOf(mappingOf(OUTCOME, "An outcome"))),
  contact: optional(idRef),
  sessions: optional(listOf(idRef)),
  status: optional(oneOf(["draft", "review", "approved"] as const)),
  consent: optional(mappingOf(CONSENT, "The consent record")),
};

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Reports a case study whose id is the name of the list of case studies, whose page it would
 * take. It stays in the model under that id, as an entity with any other schema error does.
 */
function reportListName(idRange: SourceRange, fromFileName: boolean, rc: ReadContext): void {
  const list = `case-studies/${CASE_STUDY_LIST_NAME}.html`;
  rc.ctx.report("schema", idRange, fromFileName
    ? `The file name "${CASE_STUDY_LIST_NAME}" gives the case study the id "${CASE_STUDY_LIST_NAME}", which is the name of the list of case studies (${list}); rename the file or set \`id:\` in the front matter.`
    : `The case study id "${CASE_STUDY_LIST_NAME}" is the name of the list of case studies (${list}), so no case study can have it; choose another id.`);
}

/** Loads one `case-studies/*.md` file into a CaseStudy. */
export function loadCaseStudy(source: string, file: string): { caseStudy?: CaseStudy; problems: Problem[]; source?: SourceText } {
  const { document, problems } = readMarkdownDocument(source, file, "case-study");
  if (!document) return { problems };
  const { rc } = document;
  const read = readMapping(document.frontMatter, CASE_STUDY, rc, "The case study's front matter");
  const v = read?.values ?? {};
  const { id: caseId, idRange } = entityId(v.id, read?.valueRanges.get("id"), file, rc, true);
  if (caseId === CASE_STUDY_LIST_NAME) reportListName(idRange, v.id === undefined, rc);
  const outcomes: Outcome[] = (v.outcomes ?? []).map((o) => withoutUndefined({ measure: o.measure ?? "", before: o.before, after: o.after, unit: o.unit }) as Outcome);
  const consent: Consent | undefined = v.consent
    ? withoutUndefined({
      obtained: v.consent.obtained ?? false, obtainedWritten: writtenScalar(document.frontMatter, ["consent", "obtained"], rc),
      date: v.consent.date, anonymised: v.consent.anonymised,
    }) as Consent
    : undefined;
  const caseStudy: CaseStudy = {
    kind: "case",
    id: caseId,
    idRange,
    range: read?.range ?? rc.ctx.fileStart(),
    file,
    title: v.title ?? "",
    summary: v.summary ?? "",
    locality: v.locality ?? "",
    sectors: v.sectors ?? [],
    organisations: v.organisations ?? [],
    themes: v.themes ?? [],
    values: v.values ?? [],
    outcomes,
    sessions: v.sessions ?? [],
    status: v.status ?? "draft",
    ...statusAsWritten(document.frontMatter, rc),
    body: document.body,
    ...(v.contact === undefined ? {} : { contact: v.contact }),
    ...(consent === undefined ? {} : { consent }),
  };
  return { caseStudy, problems: rc.ctx.problems, source: document.source };
}
