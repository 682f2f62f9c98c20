import type { Command } from "commander";
import { checkProject } from "../check.js";
import { contentExitCode, reportDiagnostics, type CommonOptions } from "./output-options.js";
import { cacheDirFor, reportCacheUse, type CacheOption } from "./cache-option.js";

interface CheckCommandOptions extends CommonOptions, CacheOption {
  readonly readability?: boolean;
}

/** `papersmith check [dir]`: validate only. */
export function registerCheck(program: Command, setExit: (code: number) => void): void {
  program.command("check").argument("[dir]", "the series project folder", ".")
    .description("validate the project and report every problem")
    .option("--readability", "turn the readability rule on")
    .action(async (dir: string, _opts: unknown, command: Command) => {
      const options = command.optsWithGlobals<CheckCommandOptions>();
      const result = await checkProject(dir, { ...cacheDirFor(options), ...(options.readability ? { forceOn: ["readability"] } : {}) });
      reportCacheUse(result.cache);
      await reportDiagnostics(result.series.root, result.diagnostics, options);
      setExit(contentExitCode(result.errors, result.warnings, options.strict));
    });
}
