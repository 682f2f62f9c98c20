import { isMap, isScalar, isSeq, Scalar, type Node as YamlNode } from "yaml";
import type { IdRef, MarkdownText, OrganisationRef } from "../model/index.js";
import { derefNode } from "./yaml-source.js";
import { nodeRange, type ReadContext } from "./read-context.js";
import { markdownFromYaml } from "./markdown-field.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { DATE_TIME, parseMoment } from "./moment.js";
import type { JsonSchema } from "./json-schema.js";

/**
 * Reads one field's value node; reports type problems itself (rule `schema`) and returns
 * undefined for a value it cannot use. `label` names the field in messages, e.g. "`date`".
 */
export type ReadField<T> = (node: YamlNode, rc: ReadContext, label: string) => T | undefined;

/**
 * A field reader together with the JSON Schema of the values it accepts without a `schema`
 * problem: the loader's check and the published schema are one definition, so they cannot drift.
 */
export interface FieldReader<T> extends ReadField<T> {
  readonly schema: JsonSchema;
}

/** A field reader from its reading function and the schema of what that function accepts. */
export function fieldReader<T>(schema: JsonSchema, read: ReadField<T>): FieldReader<T> {
  return Object.assign((node: YamlNode, rc: ReadContext, label: string) => read(node, rc, label), { schema });
}

/** Text as YAML gives it: a string, or a number kept as written. */
const TEXT_SCHEMA: JsonSchema = { title: "text", type: ["string", "number"] };

export const KEBAB_ID = /^[a-z0-9][a-z0-9-]*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

function describe(node: unknown): string {
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return "empty";
    if (typeof v === "string") return `the text "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
    return `${typeof v === "number" ? "the number" : typeof v === "boolean" ? "the boolean" : "the value"} ${String(v)}`;
  }
  return "a value of another kind";
}

function scalarOf(node: YamlNode, rc: ReadContext): Scalar | undefined {
  const target = derefNode(node, rc.doc);
  return isScalar(target) ? target : undefined;
}

/** Plain text: a string (numbers are accepted and kept as written). */
export const text: FieldReader<string> = fieldReader(TEXT_SCHEMA, (node, rc, label) => {
  const scalar = scalarOf(node, rc);
  const v = scalar?.value;
  if (typeof v === "string") return v;
  if (typeof v === "number" && scalar?.source !== undefined) return scalar.source;
  rc.ctx.report("schema", nodeRange(node, rc), `${label} must be text, not ${describe(derefNode(node, rc.doc))}.`);
  return undefined;
});

/** Markdown text, parsed, with tree positions mapped to the file. */
export const markdown: FieldReader<MarkdownText> = fieldReader({ ...TEXT_SCHEMA, title: "Markdown", contentMediaType: "text/markdown" }, (node, rc, label) => {
  const value = text(node, rc, label);
  const scalar = scalarOf(node, rc);
  return value === undefined || !scalar ? undefined : markdownFromYaml(value, scalar, rc);
});

/** A `YYYY-MM-DD` date that exists in the calendar, as a YAML string or date. */
export const date: FieldReader<string> = fieldReader({ title: "date (YYYY-MM-DD)", type: "string", format: "date", pattern: DATE.source }, (node, rc, label) => {
  const scalar = scalarOf(node, rc);
  const v: unknown = scalar?.value;
  const written = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === "string" ? v : undefined;
  const match = written === undefined ? null : DATE.exec(written);
  if (written !== undefined && match) {
    const [, y, m, d] = match;
    const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (day.getUTCMonth() === Number(m) - 1 && day.getUTCDate() === Number(d)) return written;
    rc.ctx.report("schema", nodeRange(node, rc), `${label} ${written} is not a day in the calendar.`);
    return undefined;
  }
  rc.ctx.report("schema", nodeRange(node, rc), `${label} must be a date written YYYY-MM-DD, not ${describe(derefNode(node, rc.doc))}.`);
  return undefined;
});

/** A moment (see parseMoment), as a YAML string or timestamp; returned in ISO 8601 UTC. */
export const dateTime: FieldReader<string> = fieldReader({ title: "date, or date and time with its zone", type: "string", pattern: DATE_TIME.source }, (node, rc, label) => {
  const scalar = scalarOf(node, rc);
  const v: unknown = scalar?.value;
  const written = v instanceof Date ? v.toISOString() : typeof v === "string" ? v.trim() : undefined;
  const moment = written === undefined ? undefined : parseMoment(written);
  if (moment === "not-in-calendar") {
    rc.ctx.report("schema", nodeRange(node, rc), `${label} ${written} is not a moment in the calendar.`);
    return undefined;
  }
  if (moment !== undefined) return moment;
  const hint = written !== undefined && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/.test(written)
    ? " Add its time zone, such as Z for UTC (2014-11-14T00:01:00Z)."
    : " Write it as 2014-11-14T00:01:00Z (or with an offset such as +01:00).";
  rc.ctx.report("schema", nodeRange(node, rc), `${label} must be a date and time with its zone, not ${describe(derefNode(node, rc.doc))}.${hint}`);
  return undefined;
});

/** A whole number of at least 1. */
export const positiveInteger: FieldReader<number> = fieldReader({ title: "whole number, 1 or more", type: "integer", minimum: 1 }, (node, rc, label) => {
  const v = scalarOf(node, rc)?.value;
  if (typeof v === "number" && Number.isInteger(v) && v >= 1) return v;
  rc.ctx.report("schema", nodeRange(node, rc), `${label} must be a whole number of 1 or more, not ${describe(derefNode(node, rc.doc))}.`);
  return undefined;
});

/** `true` or `false`. */
export const boolean: FieldReader<boolean> = fieldReader({ title: "true or false", type: "boolean" }, (node, rc, label) => {
  const v = scalarOf(node, rc)?.value;
  if (typeof v === "boolean") return v;
  rc.ctx.report("schema", nodeRange(node, rc), `${label} must be true or false, not ${describe(derefNode(node, rc.doc))}.`);
  return undefined;
});

/** One of a fixed set of words, with a did-you-mean suggestion. */
export function oneOf<T extends string>(allowed: readonly T[]): FieldReader<T> {
  return fieldReader({ title: `one of ${allowed.join(", ")}`, type: "string", enum: [...allowed] }, (node, rc, label) => {
    const v = scalarOf(node, rc)?.value;
    if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
    const list = allowed.map((a) => `"${a}"`).join(", ");
    const suggestion = typeof v === "string" ? didYouMean(v, allowed) : undefined;
    rc.ctx.report("schema", nodeRange(node, rc), `${label} must be one of ${list}, not ${describe(derefNode(node, rc.doc))}.`, suggestion);
    return undefined;
  });
}

/** An id as written: kebab-case text, or a whole number (kept as written, so `7` is the id "7"). */
const ID_SCHEMA: JsonSchema = { title: "id", anyOf: [{ type: "string", pattern: KEBAB_ID.source }, { type: "integer", minimum: 0 }] };

/**
 * A lowercase kebab-case id. A malformed id is reported but still returned: an entity with
 * schema errors still defines its id, so references to it do not flood the report (see docs/reference.md#rules).
 */
export const id: FieldReader<string> = fieldReader(ID_SCHEMA, (node, rc, label) => {
  const v = text(node, rc, label);
  if (v === undefined || KEBAB_ID.test(v)) return v;
  const fixed = kebabCase(v);
  rc.ctx.report("schema", nodeRange(node, rc), `${label} "${v}" is not a valid id: ids are lowercase kebab-case (letters, digits and hyphens).`, fixed || undefined);
  return v;
});

/** A reference to another entity by id; whether it exists is checked later. */
export const idRef: FieldReader<IdRef> = fieldReader({ ...TEXT_SCHEMA, title: "id" }, (node, rc, label) => {
  const v = text(node, rc, label);
  return v === undefined ? undefined : { id: v, range: nodeRange(node, rc) };
});

/** A partner id (kebab-case) or free text. */
export const organisation: FieldReader<OrganisationRef> = fieldReader({ ...TEXT_SCHEMA, title: "partner id or text" }, (node, rc, label) => {
  const v = text(node, rc, label);
  return v === undefined ? undefined : { text: v, isPartnerRef: KEBAB_ID.test(v), range: nodeRange(node, rc) };
});

/** A hex colour such as `#005EB8`. */
export const hexColour: FieldReader<string> = fieldReader({ title: "hex colour", type: "string", pattern: HEX_COLOUR.source }, (node, rc, label) => {
  const v = text(node, rc, label);
  if (v === undefined) return undefined;
  if (HEX_COLOUR.test(v)) return v;
  rc.ctx.report("schema", nodeRange(node, rc), `${label} must be a hex colour such as "#005EB8", not "${v}".`);
  return undefined;
});

/** An absolute http(s) address: anything else (`javascript:`, `file:`, a relative path) is refused. */
export const webUrl: FieldReader<string> = fieldReader({ title: "web address", type: "string", pattern: "^[Hh][Tt][Tt][Pp][Ss]?://" }, (node, rc, label) => {
  const v = text(node, rc, label);
  if (v === undefined) return undefined;
  try {
    const url = new URL(v);
    if (url.protocol === "https:" || url.protocol === "http:") return v;
  } catch { /* reported below */ }
  rc.ctx.report("schema", nodeRange(node, rc), `${label} must be a web address starting with https:// or http://, not "${v}".`);
  return undefined;
});

/** A list whose items are read by `item`; bad items are reported and skipped. */
export function listOf<T>(item: FieldReader<T>, options: { min?: number } = {}): FieldReader<T[]> {
  const itemTitle = typeof item.schema.title === "string" ? item.schema.title : "values";
  const schema = { title: `list (each: ${itemTitle})`, type: "array", items: item.schema, ...(options.min === undefined ? {} : { minItems: options.min }) };
  return fieldReader(schema, (node, rc, label) => {
    const target = derefNode(node, rc.doc);
    if (!isSeq(target)) {
      rc.ctx.report("schema", nodeRange(node, rc), `${label} must be a list, not ${describe(target)}.`);
      return undefined;
    }
    const out: T[] = [];
    for (const entry of target.items) {
      const value = isNodeLike(entry) ? item(entry, rc, `Each entry of ${label}`) : undefined;
      if (value !== undefined) out.push(value);
    }
    if (options.min !== undefined && target.items.length < options.min) {
      rc.ctx.report("schema", nodeRange(node, rc), `${label} must have at least ${options.min} ${options.min === 1 ? "entry" : "entries"}.`);
    }
    return out;
  });
}

/**
 * A list whose item nodes the caller reads one by one (so each keeps its own positions), and
 * whose items `schema` describes. Reports anything but a list.
 */
export function nodeListOf(schema: JsonSchema): FieldReader<YamlNode[]> {
  const anyNode: FieldReader<YamlNode> = fieldReader({}, (node) => node);
  const read = listOf(anyNode);
  return fieldReader(schema, (node, rc, label) => read(node, rc, label));
}

/** True for a YAML node (not a bare JS value or pair). */
export function isNodeLike(value: unknown): value is YamlNode {
  return isScalar(value) || isMap(value) || isSeq(value) || (typeof value === "object" && value !== null && "range" in value);
}

function kebabCase(value: string): string {
  return value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}
