import type { Command } from "commander";
import { checkProject } from "../check.js";
import { UsageError } from "../diagnostics/errors.js";
import { traceability } from "../report/traceability.js";
import { formatReportCsv, formatReportTable } from "../report/format-report.js";
import { formatJson } from "../diagnostics/format-json.js";
import { reportDiagnostics } from "./output-options.js";
import { cacheDirFor, reportCacheUse } from "./cache-option.js";

/** `papersmith report [dir]`: traceability of values × case studies × papers × sessions. */
export function registerReport(program: Command, setExit: (code: number) => void): void {
  program.command("report").argument("[dir]", "the series project folder", ".")
    .description("traceability: values × case studies × papers × sessions")
    .action(async (dir: string, _opts: unknown, command: Command) => {
      const options = command.optsWithGlobals<{ format?: string; quiet?: boolean; color?: boolean; cache?: boolean }>();
      const format = options.format ?? "table";
      if (!["table", "json", "csv"].includes(format)) throw new UsageError(`report --format must be table, json or csv, not "${format}".`);
      const result = await checkProject(dir, cacheDirFor(options));
      reportCacheUse(result.cache);
      if (result.errors > 0) {
        // stdout holds only what --format asked for, so that `report --format csv > out.csv` or
        // a JSON parser never reads a human report: JSON gets the diagnostics as JSON (see docs/reference.md#rules),
        // the table and CSV get nothing, and the human report goes to stderr.
        if (format === "json") process.stdout.write(formatJson(result.diagnostics));
        else await reportDiagnostics(result.series.root, result.diagnostics, { ...options, format: "human" }, process.stderr);
        setExit(1);
        return;
      }
      const data = traceability(result.series, result.index);
      process.stdout.write(format === "json" ? `${JSON.stringify(data, null, 2)}\n` : format === "csv" ? formatReportCsv(data) : formatReportTable(data));
      setExit(0);
    });
}
