import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Command } from "commander";
import { UsageError } from "../diagnostics/errors.js";
import { SCAFFOLD } from "./init-scaffold.js";

/** `papersmith init [dir]`: scaffold a working project; never overwrites a file. */
export function registerInit(program: Command, setExit: (code: number) => void): void {
  program.command("init").argument("[dir]", "where to create the project", ".")
    .description("scaffold a small working series project")
    .action(async (dir: string) => {
      const clashes = Object.keys(SCAFFOLD).filter((file) => existsSync(join(dir, file)));
      if (clashes.length > 0) {
        throw new UsageError(`init will not overwrite existing files in ${dir}: ${clashes.join(", ")}. Choose an empty folder.`);
      }
      for (const [file, content] of Object.entries(SCAFFOLD)) {
        await mkdir(dirname(join(dir, file)), { recursive: true });
        await writeFile(join(dir, file), content, { flag: "wx" });
      }
      process.stdout.write(`Created a papersmith project in ${dir}. Next: papersmith check ${dir}\n`);
      setExit(0);
    });
}
