import type { Command } from "commander";
import { UsageError } from "../diagnostics/errors.js";
import { useColor, type CommonOptions } from "./output-options.js";
import { cacheDirFor, type CacheOption } from "./cache-option.js";

interface PreviewCommandOptions extends CommonOptions, CacheOption {
  readonly port: string;
  readonly host: string;
  readonly open?: boolean;
  readonly chromium?: string;
}

function portNumber(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--port takes a port number (0–65535), not "${value}".`);
  return Number(value);
}

/** Resolves on the first SIGINT or SIGTERM (Ctrl-C). */
function interrupted(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      resolve(signal);
    };
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
  });
}

/** `papersmith preview [dir]`: a local server with live reload, until Ctrl-C. */
export function registerPreview(program: Command, setExit: (code: number) => void): void {
  program.command("preview").argument("[dir]", "the series project folder", ".")
    .description("serve the site (drafts included) with live reload and an error overlay")
    .option("--port <n>", "port to listen on (the next free one is taken when it is in use)", "4173")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--open", "open the preview in the desktop's browser")
    .option("--chromium <path>", "the Chromium or Chrome that prints /pdf/<number>")
    .action(async (dir: string, _opts: unknown, command: Command) => {
      const options = command.optsWithGlobals<PreviewCommandOptions>();
      const port = portNumber(options.port);
      // Loaded on demand so that other commands never pay for the server.
      const { startPreview } = await import("../server/preview-server.js");
      const { terminalReporter } = await import("../server/reporter.js");
      const { openBrowser } = await import("../server/open-browser.js");
      const reporter = terminalReporter({ out: process.stdout, color: useColor(options, process.stdout), quiet: options.quiet === true });
      const stopping = new AbortController();
      const stop = interrupted().then(() => stopping.abort());
      let server;
      try {
        server = await startPreview({
          projectDir: dir, port, host: options.host, reporter, stop: stopping.signal,
          ...(options.chromium === undefined ? {} : { chromium: options.chromium }),
          ...cacheDirFor(options),
        });
      } catch (error) {
        // Stopped during the first build: nothing was served yet, nothing to close.
        if (!stopping.signal.aborted) throw error;
        setExit(0);
        return;
      }
      if (options.open) openBrowser(server.url, (message) => reporter.failure(message));
      await stop;
      await server.close();
      setExit(0);
    });
}
