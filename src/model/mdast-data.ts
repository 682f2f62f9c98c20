import type { SourceRange } from "./source.js";
import type {} from "mdast-util-directive";
import type {} from "mdast-util-gfm";
import type {} from "mdast-util-frontmatter";

/** What the loader records on mdast nodes beyond the standard fields. */
declare module "mdast" {
  interface HeadingData {
    /** The id given with a trailing `{#id}` (removed from the heading's text by the loader). */
    explicitId?: string;
    explicitIdRange?: SourceRange;
  }
}
export {};
