import type { GlossaryEntry, SourceText } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { id, text } from "./fields.js";
import { optional, required } from "./read-mapping.js";
import { readEntityList } from "./yaml-file.js";

/** The keys of each entry in glossary.yaml. */
export const GLOSSARY_FIELDS = {
  id: required(id, "The abbreviation's id (lowercase kebab-case), written in a body as :abbr[id].", ["ccg", "a-and-e"]),
  term: required(text, "The abbreviation as it is printed.", ["CCG", "A&E"]),
  expansion: required(text, "What the abbreviation stands for, as it reads in a sentence: the first use in each paper prints it before the abbreviation.", ["clinical commissioning group", "accident and emergency"]),
  definition: optional(text, "A plain-language explanation, printed in the paper's list of abbreviations.", ["The NHS body that planned and bought local health services in England from 2013 to 2022."]),
};

/** Loads `glossary.yaml`: a list of abbreviations. Each entry with schema errors still defines its id. */
export function loadGlossary(source: string, file: string): { glossary: GlossaryEntry[]; problems: Problem[]; source: SourceText } {
  const read = readEntityList(source, file, "abbreviations", GLOSSARY_FIELDS, "The abbreviation", (entry, v): GlossaryEntry => ({
    kind: "glossary",
    ...entry,
    term: v.term ?? entry.id.toUpperCase(),
    expansion: v.expansion ?? "",
    ...(v.definition === undefined ? {} : { definition: v.definition }),
  }));
  return { glossary: read.entries, problems: read.problems, source: read.source };
}
