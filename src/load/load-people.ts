import type { Person, SourceText } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { id, organisation, text } from "./fields.js";
import { optional, readMapping, required } from "./read-mapping.js";
import { listItems, readYamlFile } from "./yaml-file.js";

const PERSON = {
  id: required(id),
  name: required(text),
  role: optional(text),
  organisation: optional(organisation),
  email: optional(text),
  phone: optional(text),
};

/** Loads `people.yaml`: a list of people. Each person with schema errors still defines its id. */
export function loadPeople(source: string, file: string): { people: Person[]; problems: Problem[]; source: SourceText } {
  const yaml = readYamlFile(source, file);
  const people: Person[] = [];
  for (const item of listItems(yaml, "people")) {
    const read = readMapping(item, PERSON, yaml.rc, "The person");
    if (!read?.values.id) continue;
    const v = read.values;
    people.push({
      kind: "person",
      id: read.values.id,
      idRange: read.valueRanges.get("id") ?? read.range,
      range: read.range,
      name: v.name ?? "",
      ...(v.role === undefined ? {} : { role: v.role }),
      ...(v.organisation === undefined ? {} : { organisation: v.organisation }),
      ...(v.email === undefined ? {} : { email: v.email }),
      ...(v.phone === undefined ? {} : { phone: v.phone }),
    });
  }
  return { people, problems: yaml.rc.ctx.problems, source: yaml.source };
}
