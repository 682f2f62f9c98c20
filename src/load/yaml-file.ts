import { isSeq, type Node as YamlNode } from "yaml";
import { parseYamlSource, scalarValueRanges } from "./yaml-source.js";
import type { SourceRange, SourceText } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { isNodeLike } from "./fields.js";
import { nodeRange, type ReadContext } from "./read-context.js";
import { readMapping, type MappingSpec, type MappingValues } from "./read-mapping.js";

/** A whole `.yaml` file parsed for reading; `root` is undefined when it did not parse or is empty. */
export interface YamlFile {
  readonly rc: ReadContext;
  readonly root: YamlNode | undefined;
  readonly parsed: boolean;
  readonly source: SourceText;
}

/** Parses a project YAML file with exact positions. */
export function readYamlFile(text: string, file: string): YamlFile {
  const yaml = parseYamlSource(text, file);
  const parsed = yaml.ctx.problems.length === 0;
  const source: SourceText = { file, text, yamlValues: parsed ? scalarValueRanges(yaml.root, 0) : [] };
  return { rc: { ctx: yaml.ctx, doc: yaml.doc, text }, root: yaml.root, parsed, source };
}

/** The items of a top-level YAML list (people.yaml, quotes.yaml); reports anything else. */
export function listItems(file: YamlFile, what: string): YamlNode[] {
  if (file.root === undefined) return [];
  if (!isSeq(file.root)) {
    file.rc.ctx.report("schema", nodeRange(file.root, file.rc), `${file.rc.ctx.file} must be a list of ${what}, each starting with "- id: …".`);
    return [];
  }
  return file.root.items.filter(isNodeLike);
}

/** What every entry of a YAML list of entities has: its id, where that is written, and where the entry is. */
export interface ListedEntry {
  readonly id: string;
  readonly idRange: SourceRange;
  readonly range: SourceRange;
}

/**
 * Reads a file that is a list of entities (people.yaml, quotes.yaml, glossary.yaml): each item
 * against `spec` (named `what` in messages, the list `plural`), made into an entity by `make`.
 * An item with no readable id is left out; one with other schema errors still defines its id.
 */
export function readEntityList<S extends MappingSpec, E>(
  text: string, file: string, plural: string, spec: S, what: string,
  make: (entry: ListedEntry, values: MappingValues<S>) => E,
): { readonly entries: E[]; readonly problems: Problem[]; readonly source: SourceText } {
  const yaml = readYamlFile(text, file);
  const entries: E[] = [];
  for (const item of listItems(yaml, plural)) {
    const read = readMapping(item, spec, yaml.rc, what);
    const id: unknown = read?.values["id"];
    if (read === undefined || typeof id !== "string" || id === "") continue;
    entries.push(make({ id, idRange: read.valueRanges.get("id") ?? read.range, range: read.range }, read.values));
  }
  return { entries, problems: yaml.rc.ctx.problems, source: yaml.source };
}
