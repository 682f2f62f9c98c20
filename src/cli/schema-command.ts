import type { Command } from "commander";
import { SCHEMA_FOLDER, writeSchemas } from "../schema/write-schemas.js";

/** `papersmith schema [--out DIR]`: writes the JSON Schemas of the project files (see docs/fields.md). */
export function registerSchema(program: Command, setExit: (code: number) => void): void {
  program.command("schema")
    .description("write JSON Schemas of papersmith.yaml, charter.yaml, people.yaml, quotes.yaml, glossary.yaml and the front matter, for editors")
    .option("--out <dir>", "the folder to write them to", SCHEMA_FOLDER)
    .action(async (options: { out: string }) => {
      const written = await writeSchemas(options.out);
      process.stdout.write(`Wrote ${written.length} JSON Schemas to ${options.out}: ${written.join(", ")}\n`);
      setExit(0);
    });
}
