import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { formatHuman } from "../diagnostics/format-human.js";
import type { PreviewPayload } from "./payload.js";
import { countNoun } from "../diagnostics/count-noun.js";

/** What the preview tells its user; the command decides where it goes (only the reporter prints). */
export interface PreviewReporter {
  listening(url: string): void;
  portTaken(port: number, next: number): void;
  /** The project's diagnostics, whenever they differ from the last ones reported. */
  diagnostics(root: string, diagnostics: readonly Diagnostic[]): Promise<void>;
  /** After a rebuild: what changed and what open pages were told. */
  rebuilt(files: readonly string[], ms: number, payload: PreviewPayload | undefined): void;
  failure(message: string): void;
}

export interface TerminalReporterOptions {
  readonly out: NodeJS.WritableStream;
  readonly color: boolean;
  /** Errors and failures only. */
  readonly quiet: boolean;
}

const paint = (on: boolean, code: string, text: string): string => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

/** The terminal reporter: diagnostics in the human format (the same the overlay lists), one line per rebuild. */
export function terminalReporter(options: TerminalReporterOptions): PreviewReporter {
  const { out, color, quiet } = options;
  const time = (): string => paint(color, "2", new Date().toTimeString().slice(0, 8));
  const line = (text: string): void => {
    out.write(`${time()} ${text}\n`);
  };
  return {
    listening(url) {
      out.write(`\n  papersmith preview  ${paint(color, "36", url)}\n\n  Drafts are included. Press Ctrl-C to stop.\n\n`);
    },
    portTaken(port, next) {
      line(paint(color, "33", `Port ${port} is in use; trying ${next} instead.`));
    },
    async diagnostics(root, diagnostics) {
      const shown = quiet ? diagnostics.filter((d) => d.severity === "error") : diagnostics;
      if (quiet && shown.length === 0) return;
      const sources = new Map<string, string>();
      await Promise.all([...new Set(shown.map((d) => d.file))].map(async (file) => {
        try {
          sources.set(file, await readFile(join(root, file), "utf8"));
        } catch { /* no code frame */ }
      }));
      out.write(formatHuman(shown, { color, sources }));
    },
    rebuilt(files, ms, payload) {
      if (quiet || payload === undefined) return;
      // "" is the project folder itself (removed, or back again).
      const what = files.length === 1 ? (files[0] === "" ? "the project folder" : files[0]) : countNoun(files.length, "file");
      const told = payload.type === "full-reload" ? "page reload (all pages)"
        : payload.type === "update" ? (payload.updates.length === 0 ? "errors cleared" : `update ${payload.updates.map((u) => u.path).join(", ")}`)
        : payload.type === "error" ? "errors shown" : payload.type;
      line(`${paint(color, "32", told)} ${paint(color, "2", `after ${what ?? "a change"} (${ms} ms)`)}`);
    },
    failure(message) {
      line(paint(color, "31", message));
    },
  };
}

/** A reporter that says nothing (tests, benchmarks). */
export const silentReporter: PreviewReporter = {
  listening() {},
  portTaken() {},
  async diagnostics() {},
  rebuilt() {},
  failure() {},
};
