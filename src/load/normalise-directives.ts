import type { Parent, Root, RootContent } from "mdast";
import type { TextDirective, LeafDirective, ContainerDirective } from "mdast-util-directive";
import { toString } from "mdast-util-to-string";
import { problem, type Problem } from "../diagnostics/diagnostic.js";
import { positionRange } from "../diagnostics/position-range.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import {
  BLOCK_DIRECTIVE_NAMES, FIGURE_CONTAINERS, FIGURE_REFERENCES, INLINE_DIRECTIVES, isEmbedDirective, isInlineDirective, isListingDirective,
} from "../model/directive-names.js";

/** Where a Markdown text lives: findings may only be declared in session notes. */
export type MarkdownPlace = "paper" | "session" | "case-study" | "field";

type Directive = TextDirective | LeafDirective | ContainerDirective;


/** The exact source text of a node, when offsets are known. */
function sourceOf(node: RootContent, source: string): string | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : source.slice(start, end);
}

function attributeNames(node: Directive): string[] {
  return Object.keys(node.attributes ?? {});
}

function hasLabel(node: Directive, written: string | undefined): boolean {
  return node.children.length > 0 || (written !== undefined && written.startsWith(`:${node.name}[`));
}

/**
 * Checks every directive against see docs/reference.md#references and repairs prose that remark-directive misread:
 * a bare `:name` with an unknown name and no label or attributes (the `:30` of "10:30") is
 * turned back into the text it was written as. Everything else that is not a papersmith
 * directive, or is written wrongly, is an `unknown-directive` problem.
 */
export function normaliseDirectives(tree: Root, source: string, file: string, place: MarkdownPlace): Problem[] {
  const problems: Problem[] = [];
  const report = (node: Directive, message: string, suggestion?: string): void => {
    problems.push(problem("unknown-directive", positionRange(node, file), message, suggestion));
  };

  const visit = (parent: Parent): void => {
    for (let i = 0; i < parent.children.length; i++) {
      const node = parent.children[i] as RootContent;
      if (node.type === "textDirective") {
        const written = sourceOf(node, source);
        if (!isInlineDirective(node.name)) {
          const bare = node.children.length === 0 && attributeNames(node).length === 0 && written === `:${node.name}`;
          if (bare) {
            const restored: RootContent = { type: "text", value: `:${node.name}` };
            if (node.position) restored.position = node.position;
            parent.children.splice(i, 1, restored);
            continue;
          }
          const suggestion = didYouMean(node.name, Object.keys(INLINE_DIRECTIVES));
          report(node, `\`:${node.name}\` is not a papersmith reference. References are :${Object.keys(INLINE_DIRECTIVES).join(", :")}.`, suggestion);
        } else {
          checkInline(node, written, report);
          if ((FIGURE_REFERENCES as readonly string[]).includes(node.name)) checkFigureReference(node, place, report);
          if (node.name === "cite" && place !== "paper") {
            report(node, "`:cite[…]` belongs in papers: each paper lists what it cites in its References section.");
          }
        }
      } else if (node.type === "leafDirective") {
        checkBlock(node, report);
      } else if (node.type === "containerDirective") {
        checkContainer(node, place, report);
      }
      if ("children" in node) visit(node);
    }
  };
  visit(tree);
  return problems;
}

type Report = (node: Directive, message: string, suggestion?: string) => void;

function checkInline(node: TextDirective, written: string | undefined, report: Report): void {
  if (!hasLabel(node, written) || toString(node).trim() === "") {
    report(node, `\`:${node.name}\` needs the id it refers to in brackets, e.g. \`:${node.name}[${node.name === "paper" ? "2" : "some-id"}]\`.`);
    return;
  }
  const allowed = node.name === "person" ? ["text", "role"] : node.name === "cite" ? ["locator"] : ["text"];
  const extra = attributeNames(node).filter((name) => !allowed.includes(name));
  if (extra.length > 0) {
    const takes = node.name === "person" ? "a `text` attribute, or `{role}` for name, role and organisation"
      : node.name === "cite" ? "only a `locator` attribute, as in `{locator=\"p. 12\"}`" : "only a `text` attribute";
    report(node, `\`:${node.name}[…]\` takes ${takes}, not ${extra.map((a) => `\`${a}\``).join(", ")}.`, extra.includes("id") || node.name === "cite" ? undefined : "text");
  }
}

function checkBlock(node: LeafDirective, report: Report): void {
  if (isInlineDirective(node.name)) {
    report(node, `\`::${node.name}\` is written as a block; an inline reference takes one colon: \`:${node.name}[…]\`.`);
    return;
  }
  if (isEmbedDirective(node.name)) {
    const id = node.attributes?.id;
    if (!id) report(node, `\`::${node.name}\` needs the id of the ${node.name === "quote" ? "quote" : "case study"} to show, e.g. \`::${node.name}{#some-id}\`.`);
    const extra = attributeNames(node).filter((name) => name !== "id");
    if (extra.length > 0) report(node, `\`::${node.name}\` takes only an id, not ${extra.map((a) => `\`${a}\``).join(", ")}.`);
    if (node.children.length > 0) report(node, `\`::${node.name}\` takes no [label]; write \`::${node.name}{#id}\`.`);
    return;
  }
  if (isListingDirective(node.name)) {
    if (attributeNames(node).length > 0 || node.children.length > 0) {
      report(node, `\`::${node.name}\` takes no label or attributes.`);
    }
    return;
  }
  const suggestion = didYouMean(node.name, BLOCK_DIRECTIVE_NAMES);
  report(node, `\`::${node.name}\` is not a papersmith block. Blocks are ::${BLOCK_DIRECTIVE_NAMES.join(", ::")}.`, suggestion);
}

/** `:figure[id]` and `:table[id]` name a figure or table of the paper they are written in, by its id alone. */
function checkFigureReference(node: TextDirective, place: MarkdownPlace, report: Report): void {
  const label = toString(node).trim();
  if (label === "") return;
  if (place !== "paper") {
    report(node, `\`:${node.name}[…]\` refers to a ${node.name} of the paper it is written in, so it belongs in papers; elsewhere refer to it with \`:paper[N#${label}]\`, N its paper's number.`);
  } else if (label.includes("#")) {
    report(node, `\`:${node.name}[…]\` takes the id of a ${node.name} in this paper; to refer to one in another paper, write \`:paper[${label}]\`.`, `paper[${label}]`);
  }
}

/** `:::figure{#id}` and `:::table{#id wide}`: numbered in papers, with an id and (a table) `wide` only. */
function checkFigureContainer(node: ContainerDirective, place: MarkdownPlace, report: Report): void {
  if (place !== "paper") {
    report(node, `\`:::${node.name}\` blocks belong in papers (papers/*.md), where they are numbered.`);
    return;
  }
  const allowed = node.name === "table" ? ["id", "wide"] : ["id"];
  const extra = attributeNames(node).filter((name) => !allowed.includes(name));
  if (extra.length > 0) {
    const takes = node.name === "table" ? "an id and `wide`" : "an id";
    report(node, `\`:::${node.name}\` takes ${takes} only, not ${extra.map((a) => `\`${a}\``).join(", ")}.`, didYouMean(extra[0] ?? "", allowed));
  }
  const wide = node.attributes?.["wide"];
  if (node.name === "table" && typeof wide === "string" && wide !== "") {
    report(node, `\`wide\` takes no value: write \`:::table{#id wide}\` for a table on a landscape page, and leave it out for one upright.`, "wide");
  }
}

function checkContainer(node: ContainerDirective, place: MarkdownPlace, report: Report): void {
  if ((FIGURE_CONTAINERS as readonly string[]).includes(node.name)) {
    checkFigureContainer(node, place, report);
    return;
  }
  if (node.name !== "finding") {
    const names = ["finding", ...FIGURE_CONTAINERS];
    const suggestion = didYouMean(node.name, names);
    report(node, `\`:::${node.name}\` is not a papersmith container; they are \`:::finding\` (in session notes), \`:::figure\` and \`:::table\` (in papers).`, suggestion);
    return;
  }
  if (place !== "session") {
    report(node, "`:::finding` blocks belong in session notes (sessions/*.md); cite a finding elsewhere with `:finding[session#finding]`.");
    return;
  }
  if (!node.attributes?.id) report(node, "`:::finding` needs an id, e.g. `:::finding{#shared-outcomes}`.");
  const extra = attributeNames(node).filter((name) => name !== "id" && name !== "title" && name !== "values");
  if (extra.length > 0) report(node, `\`:::finding\` takes an id, a \`title\` and \`values\` only, not ${extra.map((a) => `\`${a}\``).join(", ")}.`);
}
