import type { Heading, Nodes, PhrasingContent } from "mdast";
import { slug } from "github-slugger";
import type { HeadingAnchor, Paper } from "../model/index.js";

/** The text of a heading, each reference counted as its generated text (see docs/reference.md#references). */
function headingText(children: readonly PhrasingContent[], textOf: (node: Nodes) => string | undefined): string {
  let out = "";
  for (const child of children) {
    const generated = child.type === "textDirective" ? textOf(child) : undefined;
    if (generated !== undefined) out += generated;
    else if ("value" in child && typeof child.value === "string") out += child.value;
    else if ("children" in child) out += headingText(child.children as PhrasingContent[], textOf);
  }
  return out.trim();
}

function headingsOf(paper: Paper): Heading[] {
  const out: Heading[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === "heading") out.push(node);
    else if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(paper.body.tree);
  return out;
}

/**
 * A paper's headings with unique ids: explicit `{#id}`s are reserved first, then GitHub-style
 * slugs are made unique in document order (github-slugger's `-1`, `-2` suffixes).
 */
export function headingAnchors(paper: Paper, textOf: (node: Nodes) => string | undefined): HeadingAnchor[] {
  const headings = headingsOf(paper);
  const used = new Set<string>();
  for (const h of headings) if (h.data?.explicitId) used.add(h.data.explicitId);
  const anchors: HeadingAnchor[] = [];
  for (const node of headings) {
    const text = headingText(node.children, textOf);
    const explicitId = node.data?.explicitId;
    let id: string;
    if (explicitId) {
      id = explicitId;
    } else {
      const base = slug(text);
      id = base;
      for (let n = 1; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
    }
    const p = node.position;
    const range = p
      ? { file: paper.file, start: { line: p.start.line, column: p.start.column }, end: { line: p.end.line, column: p.end.column } }
      : paper.range;
    anchors.push({ id, text, depth: node.depth, explicit: explicitId !== undefined, node, range });
  }
  return anchors;
}
