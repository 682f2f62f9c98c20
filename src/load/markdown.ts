import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkFrontmatter from "remark-frontmatter";
import remarkDirective from "remark-directive";
import type { Root } from "mdast";

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ["yaml"]).use(remarkDirective).freeze();

/** Parses Markdown (GFM, front matter, directives) into mdast with positions. */
export function parseMarkdown(text: string): Root {
  return processor.runSync(processor.parse(text)) as Root;
}
