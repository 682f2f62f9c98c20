import { deserialize } from "node:v8";
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { BibliographyEntry, Charter, GlossaryEntry, Person, Quote, Series, SeriesConfig, SourceText } from "../model/index.js";
import { problem, type Problem } from "../diagnostics/diagnostic.js";
import { UsageError } from "../diagnostics/errors.js";
import { CONFIG_FILE, DEFAULT_BUILD, DEFAULT_LANGUAGE } from "../config/defaults.js";
import { readSource } from "./read-source.js";
import { BIBLIOGRAPHY_FILE } from "./load-bibliography.js";
import { BIBTEX_FILE } from "./load-bibtex.js";
import type { MarkdownKind } from "./load-markdown-file.js";
import type { CacheKind, LoadedAs } from "./cached-loaders.js";
import type { SourceCache } from "./source-cache.js";
import { sharedParsePool, type ParsePool } from "./parse-pool.js";
import { ParseCache } from "./parse-cache.js";
import { listProjectFiles, markdownFilesIn } from "./project-files.js";
import { fileStart } from "../diagnostics/position-range.js";

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

/** Where a file's result comes from: the memory cache (preview), the parse cache on disk, else the parse pool. */
interface Loading {
  readonly memory: SourceCache | undefined;
  readonly disk: ParseCache | undefined;
  readonly pool: ParsePool;
}

/** One file's result (undefined when it could not be read or parsed) and its problems. */
interface FileResult<T> {
  readonly value: T | undefined;
  readonly problems: readonly Problem[];
}

/**
 * Reads a file and has the pool parse it with the loader of its kind, unless a cache has its
 * result: the memory cache, or the parse cache, which keeps the bytes the worker sent.
 * Unreadable content, and a file over its parse budget, become a problem.
 */
async function loadFile<K extends CacheKind>(root: string, file: string, kind: K, loading: Loading): Promise<FileResult<LoadedAs<K>>> {
  const source = await readSource(join(root, file), file);
  if (!source.ok) return { value: undefined, problems: [source.problem] };
  const remembered = loading.memory?.get<LoadedAs<K>>(file, source.text);
  if (remembered !== undefined) return { value: remembered, problems: remembered.problems };
  const key = loading.disk === undefined ? undefined : ParseCache.keyOf(kind, file, source.text);
  let bytes = key === undefined ? undefined : loading.disk?.get(key);
  if (bytes === undefined) {
    const outcome = await loading.pool.parse(kind, file, source.text);
    if (!outcome.ok) return { value: undefined, problems: [tooComplex(file, outcome)] };
    bytes = outcome.bytes;
    if (key !== undefined) loading.disk?.set(key, bytes);
  }
  const value = deserialize(bytes) as LoadedAs<K>;
  loading.memory?.set(file, source.text, value);
  return { value, problems: value.problems };
}

/** The problem of a file that took longer to parse than its budget, or more memory: it defines nothing. */
function tooComplex(file: string, over: { readonly budgetMs: number } | { readonly heapMb: number }): Problem {
  const gaveUp = "budgetMs" in over ? `after ${over.budgetMs / 1000} s` : `when it took more than ${over.heapMb} MB of memory`;
  return problem("schema", fileStart(file),
    `${file} is too complex to parse: papersmith gave up ${gaveUp}. Look for a very long run of punctuation `
    + "(such as `*`, `_`, `[` or `(`) or lists and quotes nested very deep; a file of real prose parses in well under a second.");
}

async function optionalFile<K extends CacheKind>(root: string, file: string, kind: K, loading: Loading): Promise<FileResult<LoadedAs<K>>> {
  return (await exists(join(root, file))) ? loadFile(root, file, kind, loading) : { value: undefined, problems: [] };
}

const EMPTY_CONFIG: SeriesConfig = {
  file: CONFIG_FILE,
  range: fileStart(CONFIG_FILE),
  series: { title: "", language: DEFAULT_LANGUAGE }, partners: [], theme: { fonts: [] }, build: DEFAULT_BUILD, rules: [], personalDataAllow: [], citationStyle: "harvard",
};

export interface LoadOptions {
  /** Results of earlier loads in this process, reused for files whose text is unchanged. */
  readonly cache?: SourceCache;
  /** The workers that parse; else the process's shared pool. */
  readonly pool?: ParsePool;
  /** Results of earlier runs, kept on disk, for files whose text is unchanged. */
  readonly parseCache?: ParseCache;
}

/**
 * Loads a whole series project (see docs/reference.md#files) into the model. Every file is read and checked even
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

  return loadProject(root, { memory: options.cache, disk: options.parseCache, pool: options.pool ?? sharedParsePool() });
}

/** Loads the files of the project at `root`, a folder with a papersmith.yaml. */
async function loadProject(root: string, loading: Loading): Promise<LoadResult> {
  // The Markdown files are queued for the workers as soon as they are listed, not after the YAML files.
  const yamlLoads = Promise.all([
    loadFile(root, CONFIG_FILE, "config", loading),
    optionalFile(root, "charter.yaml", "charter", loading),
    optionalFile(root, "people.yaml", "people", loading),
    optionalFile(root, "quotes.yaml", "quotes", loading),
    optionalFile(root, "glossary.yaml", "glossary", loading),
    optionalFile(root, BIBLIOGRAPHY_FILE, "bibliography", loading),
    optionalFile(root, BIBTEX_FILE, "bibtex", loading),
  ]);
  const [sessionFiles, caseFiles, paperFiles] = await Promise.all([
    markdownFilesIn(root, "sessions"), markdownFilesIn(root, "case-studies"), markdownFilesIn(root, "papers"),
  ]);
  const markdownFiles: [string, MarkdownKind][] = [
    ...sessionFiles.map((file): [string, MarkdownKind] => [file, "session"]),
    ...caseFiles.map((file): [string, MarkdownKind] => [file, "case-study"]),
    ...paperFiles.map((file): [string, MarkdownKind] => [file, "paper"]),
  ];
  const markdownLoads = Promise.all(markdownFiles.map(([file, kind]) => loadFile(root, file, kind, loading)));
  const [configFile, charterFile, peopleFile, quotesFile, glossaryFile, bibliographyFile, bibtexFile] = await yamlLoads;
  const [configResult, charterResult, peopleResult, quotesResult, glossaryResult, bibliographyResult] = [configFile.value, charterFile.value, peopleFile.value, quotesFile.value, glossaryFile.value, bibliographyFile.value];
  const config = configResult?.config ?? EMPTY_CONFIG;
  const [markdownResults, { files, outside }] = await Promise.all([markdownLoads, listProjectFiles(root, config.build.outDir)]);
  // In the files' order, whichever finished first.
  const problems: Problem[] = [configFile, charterFile, peopleFile, quotesFile, glossaryFile, bibliographyFile, bibtexFile, ...markdownResults].flatMap((result) => result.problems);
  const loaded = markdownResults.map((result) => result.value);
  const markdown = loaded.flatMap((result) => (result ? [result] : []));
  const unloaded = new Set(markdownFiles.filter((_, i) => {
    const result = loaded[i];
    return !result || (!result.paper && !result.session && !result.caseStudy);
  }).map(([file]) => file));
  if (configResult?.config === undefined) unloaded.add(CONFIG_FILE);
  // A YAML file that exists but could not be read, parsed within its budget, or parsed at all (it defines nothing).
  for (const [file, result] of [["charter.yaml", charterFile], ["people.yaml", peopleFile], ["quotes.yaml", quotesFile], ["glossary.yaml", glossaryFile], [BIBLIOGRAPHY_FILE, bibliographyFile]] as const) {
    if (result.value === undefined ? result.problems.length > 0 : result.problems.some((p) => p.rule === "yaml-syntax")) unloaded.add(file);
  }
  if (bibtexFile.value === undefined ? bibtexFile.problems.length > 0 : !bibtexFile.value.parsed) unloaded.add(BIBTEX_FILE);
  loading.memory?.retain(files);
  const sources = new Map<string, SourceText>();
  for (const result of [configResult, charterResult, peopleResult, quotesResult, glossaryResult, bibliographyResult, bibtexFile.value, ...markdown]) {
    if (result?.source) sources.set(result.source.file, result.source);
  }
  if (paperFiles.length === 0) {
    problems.push(problem("schema", fileStart(CONFIG_FILE),
      "The series has no papers: add at least one Markdown file to papers/."));
  }
  const charter: Charter | undefined = charterResult?.charter;
  const series: Series = {
    root,
    config,
    people: peopleResult?.people ?? ([] as Person[]),
    quotes: quotesResult?.quotes ?? ([] as Quote[]),
    glossary: glossaryResult?.glossary ?? ([] as GlossaryEntry[]),
    bibliography: [...(bibliographyResult?.bibliography ?? ([] as BibliographyEntry[])), ...(bibtexFile.value?.bibliography ?? [])],
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
