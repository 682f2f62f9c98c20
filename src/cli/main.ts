import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { EXIT, EnvironmentError, UsageError } from "../diagnostics/errors.js";
import { registerCheck } from "./check-command.js";
import { registerInit } from "./init-command.js";
import { registerBuild } from "./build-command.js";
import { registerReport } from "./report-command.js";
import { exitCleanlyOnSignals, interruption } from "./interrupt.js";
import { registerPreview } from "./preview-command.js";
import { registerSchema } from "./schema-command.js";

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** Builds the command line: global options, then one thin file per command. */
function program(setExit: (code: number) => void): Command {
  const cli = new Command("papersmith")
    .description("Turn plain YAML and Markdown into a validated, co-branded series of policy papers (HTML and PDF).")
    .version(packageVersion(), "-v, --version")
    .option("--format <format>", "diagnostics format: human, json or github (report: table, json or csv)")
    .option("--strict", "fail on warnings as well as errors")
    .option("--quiet", "print errors only")
    .option("--no-color", "never colour the output")
    .option("--no-cache", "parse every file again: neither read nor write the parse cache")
    .showHelpAfterError("(run papersmith --help for usage)")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerCheck(cli, setExit);
  registerInit(cli, setExit);
  registerBuild(cli, setExit);
  registerReport(cli, setExit);
  registerPreview(cli, setExit);
  registerSchema(cli, setExit);
  for (const command of cli.commands) command.exitOverride();
  // A command interrupted by Ctrl-C closes its browser and leaves no half-written file.
  // Preview has a shutdown of its own.
  cli.hook("preAction", (_cli, action) => {
    if (["build", "check", "report"].includes(action.name())) exitCleanlyOnSignals();
  });
  return cli;
}

/**
 * Runs papersmith with the given arguments and returns the exit code (see README.md#usage): 0 success,
 * 1 content errors, 2 usage or configuration error, 3 environment failure. Content problems
 * are reports, never stack traces; only bugs print one.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = EXIT.ok;
  const cli = program((c) => { code = c; });
  try {
    await cli.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    const stopped = interruption();
    if (stopped !== undefined) return await stopped;
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`papersmith: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof EnvironmentError) {
      process.stderr.write(`papersmith: ${error.message}\n`);
      return EXIT.environment;
    }
    const io = error as NodeJS.ErrnoException;
    if (io.code && ["EACCES", "EPERM", "ENOSPC", "EROFS", "EMFILE", "EIO", "ENOTDIR", "EISDIR", "EEXIST"].includes(io.code)) {
      process.stderr.write(`papersmith: a file could not be read or written (${io.code}): ${io.message.replace(/^[A-Z]+: /, "")}. Check the permissions and free space of the output folder.\n`);
      return EXIT.environment;
    }
    // A folder that cannot be made where one was asked for (inside /proc, say): its parent refuses it.
    if (io.code === "ENOENT" && io.syscall === "mkdir") {
      process.stderr.write(`papersmith: a folder could not be made (${io.code}): ${io.message.replace(/^[A-Z]+: /, "")}. Check that the output folder is somewhere new folders can be made.\n`);
      return EXIT.environment;
    }
    throw error;
  }
}
