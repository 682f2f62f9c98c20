import type { Person, SourceText } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { id, organisation, text } from "./fields.js";
import { optional, required } from "./read-mapping.js";
import { readEntityList } from "./yaml-file.js";

/** The keys of each person in people.yaml. */
export const PERSON_FIELDS = {
  id: required(id, "The person's id (lowercase kebab-case), used by `by`, `attendees`, `authors` and `contact`.", ["chief-exec-a"]),
  name: required(text, "The person's name as it is printed.", ["Dr Amira Patel"]),
  role: optional(text, "The person's role or job title.", ["Chief executive"]),
  organisation: optional(organisation, "A partner id (kebab-case, checked), or the name of another organisation as free text.", ["alliance", "City Council"]),
  email: optional(text, "A contact email address; never flagged as personal data.", ["amira.patel@example.org"]),
  phone: optional(text, "A contact telephone number; never flagged as personal data.", ["020 7946 0000"]),
};

/** Loads `people.yaml`: a list of people. Each person with schema errors still defines its id. */
export function loadPeople(source: string, file: string): { people: Person[]; problems: Problem[]; source: SourceText } {
  const read = readEntityList(source, file, "people", PERSON_FIELDS, "The person", (entry, v): Person => ({
    kind: "person",
    ...entry,
    name: v.name ?? "",
    ...(v.role === undefined ? {} : { role: v.role }),
    ...(v.organisation === undefined ? {} : { organisation: v.organisation }),
    ...(v.email === undefined ? {} : { email: v.email }),
    ...(v.phone === undefined ? {} : { phone: v.phone }),
  }));
  return { people: read.entries, problems: read.problems, source: read.source };
}
