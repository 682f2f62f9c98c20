import { isMap, isScalar, type Node as YamlNode } from "yaml";
import { derefNode } from "./yaml-source.js";
import type { ReadContext } from "./read-context.js";

/**
 * The scalar written at `path` in a YAML mapping (aliases followed), as its text: what a field
 * said even when its reader refused it, so that later messages quote the real value rather
 * than the default that stood in for it. Undefined when absent, empty, or not a scalar.
 */
export function writtenScalar(node: YamlNode | undefined, path: readonly string[], rc: ReadContext): string | undefined {
  let current: unknown = node;
  for (const key of path) {
    const mapping = derefNode(current, rc.doc);
    if (!isMap(mapping)) return undefined;
    current = mapping.get(key, true);
  }
  const scalar = derefNode(current, rc.doc);
  if (!isScalar(scalar) || scalar.value === null || scalar.value === undefined) return undefined;
  return String(scalar.value);
}

/** `{ statusWritten }` for an entity whose front matter writes a `status`, else nothing: spread into the entity. */
export function statusAsWritten(frontMatter: YamlNode | undefined, rc: ReadContext): { readonly statusWritten?: string } {
  const written = writtenScalar(frontMatter, ["status"], rc);
  return written === undefined ? {} : { statusWritten: written };
}
