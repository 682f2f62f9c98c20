import { isMap, isScalar, type Node as YamlNode, type Pair } from "yaml";
import type { SourceRange } from "../model/index.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { derefNode } from "./yaml-source.js";
import { fieldReader, isNodeLike, type FieldReader } from "./fields.js";
import { nodeRange, type ReadContext } from "./read-context.js";
import { nullable, type JsonSchema } from "./json-schema.js";

/**
 * How one key of a mapping is read, and how it is explained: the loader's check, the JSON
 * Schemas (`papersmith schema`) and the field reference in the docs all come from this.
 */
export interface FieldSpec<T> {
  readonly read: FieldReader<T>;
  readonly required?: boolean;
  /** What the field holds, for people: shown by editors and in the docs. */
  readonly description: string;
  /** Values as they would be written in YAML; each must be valid for the field. */
  readonly examples: readonly unknown[];
  /**
   * The reader is given an empty value too (and decides whether that is a problem), instead
   * of the key being skipped as unset.
   */
  readonly readsEmpty?: boolean;
}

export type MappingSpec = Readonly<Record<string, FieldSpec<unknown>>>;

type ValueOf<F> = F extends FieldSpec<infer T> ? T : never;

/** The values read from a mapping: every field may be absent when it was missing or bad. */
export type MappingValues<S extends MappingSpec> = { -readonly [K in keyof S]?: ValueOf<S[K]> };

export interface MappingResult<S extends MappingSpec> {
  readonly values: MappingValues<S>;
  /** Where each key present was written. */
  readonly keys: ReadonlyMap<string, SourceRange>;
  /** Where each value present was written. */
  readonly valueRanges: ReadonlyMap<string, SourceRange>;
  readonly range: SourceRange;
}

/** A required field: how it is read, what it holds and examples of it. */
export const required = <T>(read: FieldReader<T>, description: string, examples: readonly unknown[]): FieldSpec<T> =>
  ({ read, required: true, description, examples });
/** An optional field: how it is read, what it holds and examples of it. */
export const optional = <T>(read: FieldReader<T>, description: string, examples: readonly unknown[]): FieldSpec<T> =>
  ({ read, description, examples });
/** An optional field whose reader also judges an empty value (see FieldSpec.readsEmpty). */
export const optionalReadingEmpty = <T>(read: FieldReader<T>, description: string, examples: readonly unknown[]): FieldSpec<T> =>
  ({ read, description, examples, readsEmpty: true });

/**
 * The JSON Schema of a mapping read by `readMapping` with `spec`: its known keys (each with its
 * description and examples), the required ones, and no others.
 */
export function mappingSchema(spec: MappingSpec): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [key, field] of Object.entries(spec)) {
    // An optional key written with no value is skipped, not checked: the schema lets it be null.
    const value = field.required || field.readsEmpty ? field.read.schema : nullable(field.read.schema);
    properties[key] = { description: field.description, ...value, examples: field.examples };
  }
  const requiredKeys = Object.keys(spec).filter((key) => spec[key]?.required);
  return { title: "mapping", type: "object", properties, ...(requiredKeys.length > 0 ? { required: requiredKeys } : {}), additionalProperties: false };
}

/**
 * Reads a YAML mapping against a spec: each known key through its reader, unknown keys
 * reported with a did-you-mean suggestion, missing required fields reported at the mapping's
 * first key (see docs/reference.md#rules). `what` names the mapping in messages, e.g. "The person".
 */
export function readMapping<S extends MappingSpec>(
  node: YamlNode | undefined, spec: S, rc: ReadContext, what: string,
): MappingResult<S> | undefined {
  const target = derefNode(node, rc.doc);
  if (target === undefined || (isScalar(target) && target.value === null)) {
    const at = node?.range ? nodeRange(node, rc) : rc.ctx.fileStart();
    for (const key of Object.keys(spec)) {
      if (spec[key]?.required) rc.ctx.report("schema", at, `${what} is missing the required field \`${key}\`.`);
    }
    return { values: {}, keys: new Map(), valueRanges: new Map(), range: at };
  }
  if (!isMap(target)) {
    rc.ctx.report("schema", nodeRange(node, rc), `${what} must be a mapping of keys to values.`);
    return undefined;
  }
  const values: Record<string, unknown> = {};
  const keys = new Map<string, SourceRange>();
  const valueRanges = new Map<string, SourceRange>();
  const known = Object.keys(spec);
  let firstKey: SourceRange | undefined;
  const suggested = new Set<string>();
  for (const pair of target.items as Pair<unknown, unknown>[]) {
    const keyNode = isNodeLike(pair.key) ? pair.key : undefined;
    const keyRange = nodeRange(keyNode, rc);
    firstKey ??= keyRange;
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) {
      rc.ctx.report("schema", keyRange, `${what} has a key that is not plain text.`);
      continue;
    }
    const field = Object.hasOwn(spec, key) ? spec[key] : undefined;
    if (!field) {
      const suggestion = didYouMean(key, known);
      if (suggestion) suggested.add(suggestion);
      const hint = suggestion ? ` Did you mean \`${suggestion}\`?` : ` Known keys: ${known.join(", ")}.`;
      rc.ctx.report("schema", keyRange, `Unknown key \`${key}\` in ${what.charAt(0).toLowerCase()}${what.slice(1)}.${hint}`, suggestion);
      continue;
    }
    keys.set(key, keyRange);
    const valueNode = isNodeLike(pair.value) ? pair.value : undefined;
    const empty = valueNode === undefined || (isScalar(valueNode) && valueNode.value === null);
    if (empty && !(field.readsEmpty && valueNode !== undefined)) {
      if (field.required) rc.ctx.report("schema", keyRange, `\`${key}\` is required but has no value.`);
      continue;
    }
    if (valueNode === undefined) continue;
    valueRanges.set(key, nodeRange(valueNode, rc));
    const value = field.read(valueNode, rc, `\`${key}\``);
    if (value !== undefined) values[key] = value;
  }
  const range = nodeRange(target, rc);
  // A misspelt required key is reported once, as unknown with its suggestion, not again as missing.
  const missing = known.filter((key) => spec[key]?.required && !keys.has(key) && !suggested.has(key));
  for (const key of missing) {
    rc.ctx.report("schema", firstKey ?? range, `${what} is missing the required field \`${key}\`.`);
  }
  return { values: values as MappingValues<S>, keys, valueRanges, range };
}

/** A field reader for a nested mapping. */
export function mappingOf<S extends MappingSpec>(spec: S, what: string): FieldReader<MappingValues<S>> {
  return fieldReader(mappingSchema(spec), (node, rc) => readMapping(node, spec, rc, what)?.values);
}
