/**
 * A JSON Schema (draft 2020-12) or a part of one, as plain data: each field reader carries the
 * schema of the values it accepts, and `papersmith schema` writes them out as they are.
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * `schema` that also accepts `null`: an optional key written with no value is skipped by the
 * loader, so an editor must not flag it either.
 */
export function nullable(schema: JsonSchema): JsonSchema {
  const { type, anyOf } = schema;
  if (typeof type === "string") return withEnumNull({ ...schema, type: [type, "null"] });
  if (Array.isArray(type)) return withEnumNull({ ...schema, type: [...(type as unknown[]), "null"] });
  if (Array.isArray(anyOf)) return { ...schema, anyOf: [...(anyOf as unknown[]), { type: "null" }] };
  return { anyOf: [schema, { type: "null" }] };
}

function withEnumNull(schema: JsonSchema): JsonSchema {
  return Array.isArray(schema.enum) ? { ...schema, enum: [...(schema.enum as unknown[]), null] } : schema;
}
