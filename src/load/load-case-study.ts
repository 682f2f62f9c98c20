import { CASE_STUDY_LIST_NAME, SECTORS, type CaseStudy, type Consent, type Outcome, type SourceRange, type SourceText } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { boolean, date, id, idRef, listOf, oneOf, organisation, text } from "./fields.js";
import { mappingOf, optional, readMapping, required } from "./read-mapping.js";
import { readMarkdownDocument } from "./markdown-document.js";
import { entityId } from "./entity-id.js";
import type { ReadContext } from "./read-context.js";
import { statusAsWritten, writtenScalar } from "./written-scalar.js";

const CASE_STUDY_STATUSES = ["draft", "review", "approved"] as const;

const OUTCOME_FIELDS = {
  measure: required(text, "What was measured.", ["Emergency admissions a month"]),
  before: optional(text, "The measure before the change.", [120, "about 120"]),
  after: optional(text, "The measure after the change.", [85]),
  unit: optional(text, "The unit of `before` and `after`.", ["admissions", "%"]),
};
const CONSENT_FIELDS = {
  obtained: required(boolean, "Whether consent to publish was obtained.", [true]),
  date: optional(date, "When consent was obtained, YYYY-MM-DD.", ["2015-01-20"]),
  anonymised: optional(boolean, "Whether the case study is anonymised.", [false]),
};

/** The front-matter keys of a case study. */
export const CASE_STUDY_FIELDS = {
  id: optional(id, "The case study's id (lowercase kebab-case); the default is the file name without .md. It cannot be \"index\".", ["frailty-hub"]),
  title: required(text, "The case study's title.", ["A frailty hub for the whole town"]),
  summary: required(text, "A sentence or two on what was done and what changed.", ["GPs, geriatricians and social workers meet weekly to plan care for frail patients."]),
  locality: required(text, "Where it happened.", ["North Kirklees"]),
  sectors: required(listOf(oneOf(SECTORS), { min: 1 }), `The sectors involved, at least one: ${SECTORS.join(", ")}.`, [["general-practice", "social-care"]]),
  organisations: optional(listOf(organisation), "The organisations involved: partner ids (kebab-case, checked) or names as free text.", [["alliance", "Kirklees Council"]]),
  themes: optional(listOf(text), "Free-text themes, used to group and filter case studies.", [["frailty", "multidisciplinary teams"]]),
  values: optional(listOf(idRef), "The charter values it demonstrates: value ids from charter.yaml.", [["patients-central"]]),
  outcomes: optional(listOf(mappingOf(OUTCOME_FIELDS, "An outcome")), "Measured results, each with a `measure` and optionally `before`, `after` and `unit`.",
    [[{ measure: "Emergency admissions a month", before: 120, after: 85, unit: "admissions" }]]),
  contact: optional(idRef, "Who to ask about it: a person id from people.yaml.", ["chief-exec-a"]),
  sessions: optional(listOf(idRef), "The sessions where it was presented: session ids.", [["leaders-workshop-1"]]),
  status: optional(oneOf(CASE_STUDY_STATUSES), "How far the case study has got: draft, review or approved; the default is draft.", ["approved"]),
  consent: optional(mappingOf(CONSENT_FIELDS, "The consent record"), "The record of consent to publish: `obtained` (required), `date` and `anonymised`.",
    [{ obtained: true, date: "2015-01-20", anonymised: false }]),
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
  const read = readMapping(document.frontMatter, CASE_STUDY_FIELDS, rc, "The case study's front matter");
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
