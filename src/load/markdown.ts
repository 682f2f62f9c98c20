import type { Root } from "mdast";
import type { Extension as MicromarkExtension } from "micromark-util-types";
import { fromMarkdown, type Extension as MdastExtension } from "mdast-util-from-markdown";
import { directive } from "micromark-extension-directive";
import { directiveFromMarkdown } from "mdast-util-directive";
import { frontmatter } from "micromark-extension-frontmatter";
import { frontmatterFromMarkdown } from "mdast-util-frontmatter";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";

interface Syntax {
  readonly extensions: MicromarkExtension[];
  readonly mdastExtensions: MdastExtension[];
}

const always: Syntax = {
  extensions: [frontmatter(["yaml"]), directive(), gfmFootnote(), gfmStrikethrough(), gfmTaskListItem()],
  mdastExtensions: [frontmatterFromMarkdown(["yaml"]), directiveFromMarkdown(), gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTaskListItemFromMarkdown()],
};
const tables: Syntax = { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] };
const autolinks: Syntax = { extensions: [gfmAutolinkLiteral()], mdastExtensions: [gfmAutolinkLiteralFromMarkdown()] };

const syntaxes = new Map<string, Syntax>();

/**
 * The syntax for a text: GitHub Flavored Markdown (what remark-gfm gives, in its parts), front
 * matter and directives. GFM's autolink literals and tables cost most of the parse time —
 * autolinks alone more than all of CommonMark — and can only occur in texts containing `www.`,
 * a scheme or an `@` (autolinks) or a `|` (tables); other texts are parsed without them, to
 * the same tree.
 */
function syntaxFor(withAutolinks: boolean, withTables: boolean): Syntax {
  const key = `${withAutolinks}/${withTables}`;
  let syntax = syntaxes.get(key);
  if (!syntax) {
    const parts = [always, ...(withTables ? [tables] : []), ...(withAutolinks ? [autolinks] : [])];
    syntax = { extensions: parts.flatMap((p) => p.extensions), mdastExtensions: parts.flatMap((p) => p.mdastExtensions) };
    syntaxes.set(key, syntax);
  }
  return syntax;
}

/** True when a text could hold a GFM autolink literal: `www.`, `://` or an email's `@` (plain searches are fast). */
function mayHoldAutolink(text: string): boolean {
  return text.includes("@") || text.includes("://") || /www\./i.test(text);
}

/** Parses Markdown (GFM, front matter, directives) into mdast with positions. */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, syntaxFor(mayHoldAutolink(text), text.includes("|")));
}
