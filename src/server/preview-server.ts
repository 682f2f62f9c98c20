import { createServer } from "node:http";
import { isAbsolute, relative, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { EnvironmentError, UsageError } from "../diagnostics/errors.js";
import { DEFAULT_BUILD } from "../config/defaults.js";
import { openPrinter } from "../print/print-documents.js";
import { pdfRenderer } from "../print/pdf-renderer.js";
import { htmlRenderer } from "../render/html-renderer.js";
import { createApp } from "./app.js";
import type { PreviewContext } from "./context.js";
import { decideUpdate } from "./decide-update.js";
import { EventHub } from "./event-hub.js";
import { listen } from "./listen.js";
import type { OverlayDiagnostic, PreviewPayload } from "./payload.js";
import { PreviewRender, type PreviewRenderers } from "./preview-render.js";
import { silentReporter, type PreviewReporter } from "./reporter.js";
import { SiteBuilder, type Rebuild } from "./site-builder.js";
import { watchProject, type ProjectWatcher } from "./watcher.js";

export interface PreviewOptions {
  readonly projectDir: string;
  /** Default 4173; the next free port is taken when it is in use; 0 lets the system choose. */
  readonly port?: number;
  /** Default 127.0.0.1 (loopback only). */
  readonly host?: string;
  /** The browser that prints /pdf/<number> (found as for `build` when absent). */
  readonly chromium?: string;
  readonly reporter?: PreviewReporter;
  /** Quiet time that ends a burst of saves; default 50 ms. */
  readonly debounceMs?: number;
  /** The parse cache's folder, for the first build (none: parse every file). */
  readonly cacheDir?: string;
  /** Aborted on Ctrl-C: a first build still running ends at once, and startPreview rejects. */
  readonly stop?: AbortSignal;
}

export interface PreviewServer {
  readonly url: string;
  readonly port: number;
  /** Folders watched (one OS watcher each). */
  readonly watchers: number;
  /** Pages connected to the event stream. */
  readonly clients: number;
  /** Rebuilds finished since the start (the first build included). */
  readonly rebuilds: number;
  /** Resolves when no rebuild is running or waiting. */
  idle(): Promise<void>;
  /** Stops watching, ends every event stream and connection, waits for PDFs being printed. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4173;
export const DEFAULT_HOST = "127.0.0.1";

/**
 * `papersmith preview`: builds the project, serves the site from memory with drafts, and
 * rebuilds after every burst of saves (changed files only are parsed again), telling open pages
 * to reload or to show the errors. Throws UsageError when the folder is not a project.
 */
export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const reporter = options.reporter ?? silentReporter;
  const root = resolve(options.projectDir);
  const builder = new SiteBuilder(root, options.cacheDir);
  const hub = new EventHub();
  // One browser, started on the first PDF asked for, prints every PDF until the server closes.
  const pdf = pdfRenderer({
    printer: () => openPrinter({ format: DEFAULT_BUILD.pdf.format, concurrency: 1, ...(options.chromium === undefined ? {} : { chromium: options.chromium }) }),
  });
  const renderers: PreviewRenderers = { html: htmlRenderer, pdf };
  let current: PreviewRender | undefined;
  let shownError: PreviewPayload | undefined;
  let lastReported: string | undefined;
  let rebuilds = 0;
  /** Counts good renders: pages carry the number of theirs. */
  let render = 0;

  const reportDiagnostics = async (diagnostics: readonly Diagnostic[]): Promise<void> => {
    const key = JSON.stringify(diagnostics);
    if (key === lastReported) return;
    lastReported = key;
    await reporter.diagnostics(root, diagnostics);
  };

  /** Applies one rebuild: the new render and what open pages are told. */
  const apply = async (result: Rebuild, files: readonly string[], started: number): Promise<void> => {
    rebuilds += 1;
    let payload: PreviewPayload | undefined;
    if (result.kind === "ok") {
      const next = new PreviewRender(result.context, renderers);
      payload = decideUpdate({ previous: current?.html, next: next.html, changedFiles: files, openPages: hub.openPages(), overlayShown: shownError !== undefined });
      current = next;
      render += 1;
      shownError = undefined;
    } else {
      const diagnostics = result.kind === "errors" ? result.check.diagnostics.map(overlayDiagnostic)
        : result.kind === "unusable" ? [unusable(result.message)] : [environmentFailure(result.message)];
      payload = { type: "error", diagnostics };
      shownError = payload;
    }
    if (payload !== undefined) hub.send(payload);
    if (result.kind === "unusable" || result.kind === "failed") {
      reporter.failure(result.message);
    } else {
      await reportDiagnostics(result.check.diagnostics);
    }
    if (files.length > 0) reporter.rebuilt(files, Math.round(performance.now() - started), payload);
  };

  // Ctrl-C during the first build ends its parsing, however long a file would have taken.
  const stopFirstBuild = (): void => void builder.close();
  options.stop?.addEventListener("abort", stopFirstBuild, { once: true });
  let first: Rebuild;
  try {
    first = await builder.rebuild();
  } finally {
    options.stop?.removeEventListener("abort", stopFirstBuild);
  }
  if (first.kind === "unusable") throw new UsageError(first.message);
  if (first.kind === "failed") throw new EnvironmentError(first.message);
  current = first.kind === "ok" ? new PreviewRender(first.context, renderers) : undefined;
  render = current === undefined ? 0 : 1;
  shownError = first.kind === "errors" ? { type: "error", diagnostics: first.check.diagnostics.map(overlayDiagnostic) } : undefined;
  rebuilds = 1;

  // Rebuilds run one at a time; saves during one are gathered for the next.
  let waiting = new Set<string>();
  let running: Promise<void> | undefined;
  const drain = async (): Promise<void> => {
    while (waiting.size > 0) {
      const files = [...waiting].sort();
      waiting = new Set();
      const started = performance.now();
      try {
        await apply(await builder.rebuild(), files, started);
      } catch (error) {
        reporter.failure(`The rebuild failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  };
  const schedule = (files: readonly string[]): void => {
    for (const file of files) waiting.add(file);
    running ??= drain().finally(() => {
      running = undefined;
      if (waiting.size > 0) schedule([]);
    });
  };

  const outDir = first.check.series.config.build.outDir;
  const watcher: ProjectWatcher = await watchProject(root, {
    ignoreDirs: isAbsolute(outDir) ? [relative(root, outDir)] : [outDir],
    debounceMs: options.debounceMs ?? 50,
    onChange: schedule,
  });

  const host = options.host ?? DEFAULT_HOST;
  const context: PreviewContext = {
    host,
    current: () => current,
    render: () => render,
    greeting: (served) => [
      ...(served !== undefined && served !== render ? [{ type: "full-reload" } as const] : []),
      ...(shownError === undefined ? [] : [shownError]),
    ],
    hub,
    reportFailure: (message) => reporter.failure(message),
  };
  // A request without Host goes to the app too, so that the Host check refuses it like any other.
  const server = createServer({ requireHostHeader: false }, createApp(context));
  let port: number;
  try {
    port = await listen(server, host, options.port ?? DEFAULT_PORT, (taken, next) => reporter.portTaken(taken, next));
  } catch (error) {
    watcher.close();
    hub.close();
    await builder.close();
    throw error;
  }
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}/`;
  reporter.listening(url);
  await reportDiagnostics(first.check.diagnostics);

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    get watchers() {
      return watcher.size;
    },
    get clients() {
      return hub.size;
    },
    get rebuilds() {
      return rebuilds;
    },
    async idle() {
      while (running !== undefined) await running;
    },
    close() {
      closing ??= (async () => {
        watcher.close();
        hub.close();
        const closed = new Promise<void>((done) => server.close(() => done()));
        server.closeAllConnections();
        // Ending the parse workers ends a rebuild still parsing, rather than waiting for it.
        await Promise.all([closed, pdf.close(), builder.close(), running?.catch(() => undefined)]);
      })();
      return closing;
    },
  };
}

function overlayDiagnostic(d: Diagnostic): OverlayDiagnostic {
  return {
    file: d.file, line: d.line, column: d.column, severity: d.severity, rule: d.rule, message: d.message,
    ...(d.suggestion === undefined ? {} : { suggestion: d.suggestion }),
  };
}

function unusable(message: string): OverlayDiagnostic {
  return { file: "papersmith.yaml", line: 1, column: 1, severity: "error", rule: "project", message };
}

/** A failure of the machine, not of any file: the overlay shows no position for it (file ""). */
function environmentFailure(message: string): OverlayDiagnostic {
  return { file: "", line: 0, column: 0, severity: "error", rule: "environment", message };
}
