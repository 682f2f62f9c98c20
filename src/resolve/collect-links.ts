import { positionRange } from "../diagnostics/position-range.js";
import type { Nodes } from "mdast";
import { posix } from "node:path";
import { projectPath } from "./project-path.js";
import type { LocalLink, MarkdownText, Series } from "../model/index.js";

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/** True for a URL that papersmith must check on disk: not external, not a fragment only. */
export function isLocalUrl(url: string): boolean {
  if (url === "" || url.startsWith("#") || url.startsWith("//")) return false;
  return !SCHEME.test(url) || /^file:/i.test(url);
}

function linksInMarkdown(markdown: MarkdownText, out: LocalLink[]): void {
  const file = markdown.range.file;
  const base = posix.dirname(file);
  const walk = (node: Nodes): void => {
    if (node.type === "link" || node.type === "image" || node.type === "definition") {
      const url = node.url;
      const kind = node.type === "image" ? "image" : "link";
      if (node.type === "image" || isLocalUrl(url)) {
        const path = isLocalUrl(url) && !/^file:/i.test(url) ? projectPath(url, base) : undefined;
        const link: LocalLink = {
          kind, url, range: positionRange(node, file),
          ...(path === undefined ? {} : { path }),
          ...(node.type === "image" ? { alt: node.alt ?? "" } : {}),
        };
        out.push(link);
      }
    }
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(markdown.tree);
}

/** Every local link, every image, every partner logo and every font file in the project. */
export function collectLinks(series: Series): LocalLink[] {
  const out: LocalLink[] = [];
  for (const partner of series.config.partners) {
    const path = isLocalUrl(partner.logo) && !/^file:/i.test(partner.logo) ? projectPath(partner.logo, ".") : undefined;
    out.push({
      kind: "logo", url: partner.logo, alt: partner.logoAlt, range: partner.logoRange,
      ...(partner.logoAltRange ? { altRange: partner.logoAltRange } : {}),
      ...(path === undefined ? {} : { path }),
    });
    if (partner.about) linksInMarkdown(partner.about, out);
  }
  for (const font of series.config.theme.fonts) {
    const path = isLocalUrl(font.file) && !/^file:/i.test(font.file) ? projectPath(font.file, ".") : undefined;
    out.push({ kind: "font", url: font.file, range: font.fileRange, ...(path === undefined ? {} : { path }) });
  }
  if (series.charter?.preamble) linksInMarkdown(series.charter.preamble, out);
  for (const value of series.charter?.values ?? []) linksInMarkdown(value.statement, out);
  for (const quote of series.quotes) linksInMarkdown(quote.text, out);
  for (const doc of [...series.sessions, ...series.caseStudies, ...series.papers]) linksInMarkdown(doc.body, out);
  return out;
}
