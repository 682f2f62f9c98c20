import { loadCharter } from "./load-charter.js";
import { loadBibliography } from "./load-bibliography.js";
import { loadBibtex } from "./load-bibtex.js";
import { loadConfig } from "./load-config.js";
import { loadGlossary } from "./load-glossary.js";
import { MARKDOWN_LOADERS } from "./load-markdown-file.js";
import { loadPeople } from "./load-people.js";
import { loadQuotes } from "./load-quotes.js";

/**
 * The loader of each kind of source file, by the name the parse cache keys its results under.
 * A loader's result depends on nothing but the file's text and path, which is what lets the
 * cache keep it. The YAML files are cached too: they are small, but parsing them is what
 * would load and warm up the YAML parser (and, for quotes and the charter, the Markdown one)
 * on a run that finds every Markdown file cached.
 */
export const CACHED_LOADERS = {
  config: loadConfig,
  charter: loadCharter,
  people: loadPeople,
  quotes: loadQuotes,
  glossary: loadGlossary,
  bibliography: loadBibliography,
  bibtex: loadBibtex,
  ...MARKDOWN_LOADERS,
} as const;

/** What a file is, for the parse cache's key. */
export type CacheKind = keyof typeof CACHED_LOADERS;

/** What the loader of `kind` gives. */
export type LoadedAs<K extends CacheKind> = ReturnType<(typeof CACHED_LOADERS)[K]>;
