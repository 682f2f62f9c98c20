import { close, createIndex } from "pagefind";
import { EnvironmentError } from "../diagnostics/errors.js";
import type { RenderedFile } from "./layout.js";
import { SEARCH_DIR } from "./paths.js";

/** Pagefind's other UIs and its highlighting script, which the site does not load. */
const UNUSED = /^pagefind-(?:component-ui|modular-ui|highlight)\./;

/**
 * The site search's static index, with Pagefind's UI, as files under `pagefind/`: made from
 * the site's pages as rendered (each page's `<main>`, which the layout marks with
 * `data-pagefind-body`), so it holds exactly what the build publishes. `language` is the
 * series' BCP 47 tag; Pagefind indexes by its primary language subtag.
 */
export async function searchIndexFiles(pages: readonly RenderedFile[], language: string): Promise<RenderedFile[]> {
  try {
    const created = await createIndex({ forceLanguage: language.split("-")[0]!.toLowerCase(), keepIndexUrl: true });
    const index = created.index;
    if (index === undefined) throw new Error(created.errors.join("; "));
    for (const page of pages) {
      const added = await index.addHTMLFile({ sourcePath: page.path, content: String(page.content) });
      if (added.errors.length > 0) throw new Error(added.errors.join("; "));
    }
    const { files, errors } = await index.getFiles();
    if (errors.length > 0) throw new Error(errors.join("; "));
    return files.filter((file) => !UNUSED.test(file.path)).map((file) => ({ path: `${SEARCH_DIR}/${file.path}`, content: file.content }));
  } catch (error) {
    throw new EnvironmentError(`The site's search index could not be built with Pagefind: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    await close();
  }
}
