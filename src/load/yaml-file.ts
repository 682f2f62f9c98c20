import { isSeq, type Node as YamlNode } from "yaml";
import { parseYamlSource, scalarValueRanges } from "./yaml-source.js";
import type { SourceText } from "../model/index.js";
import { isNodeLike } from "./fields.js";
import { nodeRange, type ReadContext } from "./read-context.js";

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
