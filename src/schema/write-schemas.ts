import { stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { makeFolder } from "../config/make-folder.js";
import { EnvironmentError, UsageError } from "../diagnostics/errors.js";
import { PROJECT_SCHEMAS, schemaFileText } from "./project-schemas.js";

/** The folder `papersmith schema` writes to, and where `init` puts the schemas in a new project. */
export const SCHEMA_FOLDER = "schemas";

/** What the usual write failures mean, in words. */
const WHY: Readonly<Record<string, string>> = {
  EACCES: "permission denied", EPERM: "permission denied", EROFS: "the file system is read-only", ENOSPC: "the disk is full",
  ENOENT: "no folder can be made there",
};

/**
 * Writes every schema file into `folder` (made when missing), replacing older copies, and
 * returns the names written. A folder that is a file is a usage error; one that cannot be
 * written is an environment error.
 */
export async function writeSchemas(folder: string, options: { overwrite: boolean } = { overwrite: true }): Promise<string[]> {
  const existing = await stat(folder).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new UsageError(`${folder} is a file, not a folder: give --out a folder for the schemas.`);
  try {
    await makeFolder(folder);
    for (const schema of PROJECT_SCHEMAS) {
      await writeFile(join(folder, schema.fileName), schemaFileText(schema), { flag: options.overwrite ? "w" : "wx" });
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (code === "ENOTDIR") {
      throw new UsageError(`The schemas cannot be written to ${folder}: a file stands in the way (${code}).`);
    }
    const why = WHY[code] ?? `the system said ${code || "no more"}`;
    throw new EnvironmentError(`The schemas cannot be written to ${folder}: ${why}. Check that the folder is writable, or give --out another one.`);
  }
  return PROJECT_SCHEMAS.map((schema) => schema.fileName);
}
