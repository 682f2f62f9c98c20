import type { SourceRange } from "../model/index.js";
import { KEBAB_ID } from "./fields.js";
import type { ReadContext } from "./read-context.js";

/**
 * An entity's id: its `id` field, or else its file's name without `.md` (see docs/reference.md#files). A file
 * name that is not a valid id is reported when the id comes from it.
 */
export function entityId(
  written: string | undefined, writtenRange: SourceRange | undefined, file: string, rc: ReadContext, checkFileName: boolean,
): { id: string; idRange: SourceRange } {
  if (written !== undefined && writtenRange) return { id: written, idRange: writtenRange };
  const base = file.slice(file.lastIndexOf("/") + 1).replace(/\.md$/, "");
  const idRange = rc.ctx.fileStart();
  if (checkFileName && !KEBAB_ID.test(base)) {
    rc.ctx.report("schema", idRange, `The file name "${base}" is not a valid id (lowercase kebab-case); rename the file or set \`id:\` in the front matter.`);
  }
  return { id: base, idRange };
}
