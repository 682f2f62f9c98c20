import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { makeFolder } from "../config/make-folder.js";
import { dirname, join } from "node:path";
import type { Command } from "commander";
import { UsageError } from "../diagnostics/errors.js";
import { SCAFFOLD } from "./init-scaffold.js";
import { SCHEMA_FOLDER, writeSchemas } from "../schema/write-schemas.js";
import { PROJECT_SCHEMAS } from "../schema/project-schemas.js";

/**
 * `papersmith init [dir]`: scaffold a working project, with the JSON Schemas its YAML files
 * point to in `schemas/`; never overwrites a file.
 */
export function registerInit(program: Command, setExit: (code: number) => void): void {
  program.command("init").argument("[dir]", "where to create the project", ".")
    .description("scaffold a small working series project")
    .action(async (dir: string) => {
      const schemaFiles = PROJECT_SCHEMAS.map((schema) => `${SCHEMA_FOLDER}/${schema.fileName}`);
      const clashes = [...Object.keys(SCAFFOLD), ...schemaFiles].filter((file) => existsSync(join(dir, file)));
      if (clashes.length > 0) {
        throw new UsageError(`init will not overwrite existing files in ${dir}: ${clashes.join(", ")}. Choose an empty folder.`);
      }
      for (const [file, content] of Object.entries(SCAFFOLD)) {
        await makeFolder(dirname(join(dir, file)));
        await writeFile(join(dir, file), content, { flag: "wx" });
      }
      await writeSchemas(join(dir, SCHEMA_FOLDER), { overwrite: false });
      process.stdout.write(`Created a papersmith project in ${dir}. Next: papersmith check ${dir}\n`);
      setExit(0);
    });
}
