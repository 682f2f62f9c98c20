import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Charter, Person, Quote, Series, SeriesConfig, SourceText } from "../model/index.js";
import { problem, type Problem } from "../diagnostics/diagnostic.js";
import { UsageError } from "../diagnostics/errors.js";
import { CONFIG_FILE, DEFAULT_BUILD, DEFAULT_LANGUAGE } from "../config/defaults.js";
import { readSource } from "./read-source.js";
import { loadConfig } from "./load-config.js";
import { loadCharter } from "./load-charter.js";
import { loadPeople } from "./load-people.js";
import { loadQuotes } from "./load-quotes.js";
import { MARKDOWN_LOADERS, type MarkdownKind } from "./load-markdown-file.js";
import type { SourceCache } from "./source-cache.js";
import type { DiskCache } from "./disk-cache.js";
import { listProjectFiles, markdownFilesIn } from "./project-files.js";

export interface LoadResult {
  readonly series: Series;
  readonly problems: Problem[];
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

type Loader<T> = (text: string, file: string) => T & { problems: Problem[] };

/** Where a loaded file's result may come from instead of its loader: the caches, nearest first. */
interface Caches {
  readonly memory: SourceCache | undefined;
  readonly disk: DiskCache | undefined;
}

/** Reads a file and hands its text to `load` (or takes the cached result); unreadable content becomes a problem. */
async function loadFile<T extends object>(
  root: string, file: string, problems: Problem[], load: Loader<T>, caches: Caches, kind?: MarkdownKind,
): Promise<T | undefined> {
  // One turn of the event loop per file, so that work waiting on I/O meanwhile (a build
  // connecting to its browser, which started before the check) is not held up until the whole
  // project is parsed.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const source = await readSource(join(root, file), file);
  if (!source.ok) {
    problems.push(source.problem);
    return undefined;
  }
  const { memory, disk } = caches;
  const compute = (): T & { problems: Problem[] } => load(source.text, file);
  // Only Markdown files go to disk: the few YAML files parse in a millisecond or two.
  const fromDisk = (): Promise<T & { problems: Problem[] }> | (T & { problems: Problem[] }) =>
    disk && kind ? disk.lookup(kind, file, source.text, compute) : compute();
  const result = await (memory ? memory.lookup(file, source.text, fromDisk) : fromDisk());
  problems.push(...result.problems);
  return result;
}

async function optionalFile<T extends object>(root: string, file: string, problems: Problem[], load: Loader<T>, caches: Caches): Promise<T | undefined> {
  return (await exists(join(root, file))) ? loadFile(root, file, problems, load, caches) : undefined;
}

const EMPTY_CONFIG: SeriesConfig = {
  file: CONFIG_FILE, series: { title: "", language: DEFAULT_LANGUAGE }, partners: [], theme: {}, build: DEFAULT_BUILD, rules: [], personalDataAllow: [],
};

export interface LoadOptions {
  /** Results of earlier loads in this process, reused for files whose text is unchanged. */
  readonly cache?: SourceCache;
  /** Results of earlier runs, kept on disk, for Markdown files whose text is unchanged. */
  readonly diskCache?: DiskCache;
}

/**
 * Loads a whole series project (SPEC §1) into the model. Every file is read and checked even
 * when others are bad; all their problems come back together. Throws UsageError only when the
 * folder is not a project at all (missing, unreadable, no papersmith.yaml).
 */
export async function loadSeries(projectDir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const { cache } = options;
  const caches: Caches = { memory: cache, disk: options.diskCache };
  const root = resolve(projectDir);
  let info;
  try {
    info = await stat(root);
  } catch {
    throw new UsageError(`The project folder ${projectDir} does not exist.`);
  }
  if (!info.isDirectory()) throw new UsageError(`${projectDir} is not a folder; give the folder that holds ${CONFIG_FILE}.`);
  if (!(await exists(join(root, CONFIG_FILE)))) {
    throw new UsageError(`No ${CONFIG_FILE} in ${projectDir}: this is not a papersmith project. Run \`papersmith init ${projectDir}\` to start one.`);
  }

  const problems: Problem[] = [];
  const [configResult, charterResult, peopleResult, quotesResult, sessionFiles, caseFiles, paperFiles] = await Promise.all([
    loadFile(root, CONFIG_FILE, problems, loadConfig, caches),
    optionalFile(root, "charter.yaml", problems, loadCharter, caches),
    optionalFile(root, "people.yaml", problems, loadPeople, caches),
    optionalFile(root, "quotes.yaml", problems, loadQuotes, caches),
    markdownFilesIn(root, "sessions"),
    markdownFilesIn(root, "case-studies"),
    markdownFilesIn(root, "papers"),
  ]);
  const config = configResult?.config ?? EMPTY_CONFIG;
  const markdownFiles: [string, MarkdownKind][] = [
    ...sessionFiles.map((file): [string, MarkdownKind] => [file, "session"]),
    ...caseFiles.map((file): [string, MarkdownKind] => [file, "case-study"]),
    ...paperFiles.map((file): [string, MarkdownKind] => [file, "paper"]),
  ];
  const [loaded, { files, outside }] = await Promise.all([
    Promise.all(markdownFiles.map(([file, kind]) => loadFile(root, file, problems, MARKDOWN_LOADERS[kind], caches, kind))),
    listProjectFiles(root, config.build.outDir),
  ]);
  const markdown = loaded.flatMap((result) => (result ? [result] : []));
  const unloaded = new Set(markdownFiles.filter((_, i) => {
    const result = loaded[i];
    return !result || (!result.paper && !result.session && !result.caseStudy);
  }).map(([file]) => file));
  cache?.retain(files);
  const sources = new Map<string, SourceText>();
  for (const result of [configResult, charterResult, peopleResult, quotesResult, ...markdown]) {
    if (result?.source) sources.set(result.source.file, result.source);
  }
  if (paperFiles.length === 0) {
    problems.push(problem("schema", { file: CONFIG_FILE, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      "The series has no papers: add at least one Markdown file to papers/."));
  }
  const charter: Charter | undefined = charterResult?.charter;
  const series: Series = {
    root,
    config,
    people: peopleResult?.people ?? ([] as Person[]),
    quotes: quotesResult?.quotes ?? ([] as Quote[]),
    sessions: markdown.flatMap((r) => (r.session ? [r.session] : [])),
    caseStudies: markdown.flatMap((r) => (r.caseStudy ? [r.caseStudy] : [])),
    papers: markdown.flatMap((r) => (r.paper ? [r.paper] : [])),
    files,
    unloaded,
    sources,
    outside,
    ...(charter ? { charter } : {}),
  };
  return { series, problems };
}
