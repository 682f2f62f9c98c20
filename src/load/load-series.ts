import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { Charter, Person, Quote, Series, SeriesConfig, SourceText } from "../model/index.js";
import { problem, type Problem } from "../diagnostics/diagnostic.js";
import { UsageError } from "../diagnostics/errors.js";
import { CONFIG_FILE, DEFAULT_BUILD, DEFAULT_LANGUAGE } from "../config/defaults.js";
import { readSource } from "./read-source.js";
import type { LoadedMarkdown, MarkdownKind } from "./load-markdown-file.js";
import { CACHED_LOADERS, type CacheKind, type LoadedAs } from "./cached-loaders.js";
import type { SourceCache } from "./source-cache.js";
import { ParseCache } from "./parse-cache.js";
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

/** Where a loaded file's result may come from instead of its loader: the caches, nearest first. */
interface Caches {
  readonly memory: SourceCache | undefined;
  readonly parse: ParseCache | undefined;
}

/** One file's result (undefined when it could not be read) and its problems. */
interface FileResult<T> {
  readonly value: T | undefined;
  readonly problems: readonly Problem[];
}

/** Reads a file and hands its text to the loader of its kind (or takes the cached result); unreadable content becomes a problem. */
async function loadFile<K extends CacheKind>(root: string, file: string, kind: K, caches: Caches): Promise<FileResult<LoadedAs<K>>> {
  const source = await readSource(join(root, file), file);
  if (!source.ok) return { value: undefined, problems: [source.problem] };
  const { memory, parse } = caches;
  const load = CACHED_LOADERS[kind] as (text: string, file: string) => LoadedAs<K>;
  const fromDisk = (): LoadedAs<K> => {
    if (parse === undefined) return load(source.text, file);
    const key = ParseCache.keyOf(kind, file, source.text);
    const bytes = parse.get(key);
    if (bytes !== undefined) return deserialize(bytes) as LoadedAs<K>;
    const made = load(source.text, file);
    parse.set(key, serialize(made));
    return made;
  };
  const value = memory ? memory.lookup(file, source.text, fromDisk) : fromDisk();
  return { value, problems: value.problems };
}

async function optionalFile<K extends CacheKind>(root: string, file: string, kind: K, caches: Caches): Promise<FileResult<LoadedAs<K>>> {
  return (await exists(join(root, file))) ? loadFile(root, file, kind, caches) : { value: undefined, problems: [] };
}

/** How long the loader may hold the event loop before letting it go round. */
const SLICE_MS = 4;

/**
 * Loads the Markdown files one by one, letting the event loop go round every few milliseconds,
 * so that I/O waiting meanwhile is not held up until the whole project is parsed: a build
 * connecting to its browser, which started before the check. (Immediates queued all at once,
 * one per file, would all run in one pass of the loop, with no I/O between them.) Not after
 * every file: each round polls for I/O, which adds up over thousands of files.
 */
async function loadMarkdownFiles(root: string, files: readonly (readonly [string, MarkdownKind])[], caches: Caches): Promise<FileResult<LoadedMarkdown>[]> {
  const results: FileResult<LoadedMarkdown>[] = [];
  let sliceStart = -Infinity;
  for (const [file, kind] of files) {
    if (performance.now() - sliceStart >= SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    // Awaited here, so that the slice's time counts each file's parsing too, not only its reading.
    results.push(await loadFile(root, file, kind, caches));
  }
  return results;
}

const EMPTY_CONFIG: SeriesConfig = {
  file: CONFIG_FILE,
  range: { file: CONFIG_FILE, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
  series: { title: "", language: DEFAULT_LANGUAGE }, partners: [], theme: {}, build: DEFAULT_BUILD, rules: [], personalDataAllow: [],
};

export interface LoadOptions {
  /** Results of earlier loads in this process, reused for files whose text is unchanged. */
  readonly cache?: SourceCache;
  /** Results of earlier runs, kept on disk, for files whose text is unchanged. */
  readonly parseCache?: ParseCache;
}

/**
 * Loads a whole series project (SPEC §1) into the model. Every file is read and checked even
 * when others are bad; all their problems come back together. Throws UsageError only when the
 * folder is not a project at all (missing, unreadable, no papersmith.yaml).
 */
export async function loadSeries(projectDir: string, options: LoadOptions = {}): Promise<LoadResult> {
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

  const caches: Caches = { memory: options.cache, parse: options.parseCache };
  const [configFile, charterFile, peopleFile, quotesFile, sessionFiles, caseFiles, paperFiles] = await Promise.all([
    loadFile(root, CONFIG_FILE, "config", caches),
    optionalFile(root, "charter.yaml", "charter", caches),
    optionalFile(root, "people.yaml", "people", caches),
    optionalFile(root, "quotes.yaml", "quotes", caches),
    markdownFilesIn(root, "sessions"),
    markdownFilesIn(root, "case-studies"),
    markdownFilesIn(root, "papers"),
  ]);
  const [configResult, charterResult, peopleResult, quotesResult] = [configFile.value, charterFile.value, peopleFile.value, quotesFile.value];
  const config = configResult?.config ?? EMPTY_CONFIG;
  const markdownFiles: [string, MarkdownKind][] = [
    ...sessionFiles.map((file): [string, MarkdownKind] => [file, "session"]),
    ...caseFiles.map((file): [string, MarkdownKind] => [file, "case-study"]),
    ...paperFiles.map((file): [string, MarkdownKind] => [file, "paper"]),
  ];
  const [markdownResults, { files, outside }] = await Promise.all([
    loadMarkdownFiles(root, markdownFiles, caches),
    listProjectFiles(root, config.build.outDir),
  ]);
  // In the files' order, whichever finished first.
  const problems: Problem[] = [configFile, charterFile, peopleFile, quotesFile, ...markdownResults].flatMap((result) => result.problems);
  const loaded = markdownResults.map((result) => result.value);
  const markdown = loaded.flatMap((result) => (result ? [result] : []));
  const unloaded = new Set(markdownFiles.filter((_, i) => {
    const result = loaded[i];
    return !result || (!result.paper && !result.session && !result.caseStudy);
  }).map(([file]) => file));
  if (configResult?.config === undefined) unloaded.add(CONFIG_FILE);
  caches.memory?.retain(files);
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
