import type { Nodes, Root } from "mdast";
import type { ContainerDirective } from "mdast-util-directive";
import { problem, type Problem } from "../diagnostics/diagnostic.js";
import type { SourceRange } from "../model/index.js";

/** A line of colons alone, as it stands in a text node (micromark strips the indentation). */
const BARE_FENCE = /^(:{3,})[ \t]*$/;
/** A line that starts like a container's opening but that micromark did not read as one. */
const FAILED_OPENING = /^:{3,}[^:\s]|^:{3,}[ \t]+\S/;
/** A container's opening with its colons left out (`finding{#id}`): reported only when a stray fence follows it. */
const COLONLESS_OPENING = /^[A-Za-z][A-Za-z0-9-]*\{[^{}]*\}[ \t]*$/;
/** The source of a container's last line, up to where the container ends, when a closing fence ends it. */
const FENCE_AT_END = /^([ \t>]*)(:{3,})[ \t]*$/;
const LINE_BREAK = /\r\n|\r|\n/;

/** A run of colons at a place in the source. */
interface Fence {
  readonly line: number;
  readonly column: number;
  readonly colons: number;
}

/** What the walk learns of one container directive. */
interface Container {
  readonly node: ContainerDirective;
  readonly opening: Fence;
  /** How many characters the opening line has from its colons on. */
  readonly openingWidth: number;
  /** The fence on the line where the container ends, when one ends it. */
  readonly closing: Fence | undefined;
  /** The nearest container this one is inside. */
  readonly outer: Container | undefined;
  /** What holds the container: the file, a list item, a quote or another container. */
  readonly holder: string;
  /** The first container opened inside this one with at least as many colons: it can never be closed on its own. */
  inner?: Container;
}

/** A line of text that micromark did not read as a fence or an opening, though it looks like one. */
interface FenceLikeLine extends Fence {
  readonly kind: "bare" | "opening" | "colonless";
  readonly written: string;
  readonly outer: Container | undefined;
}

/**
 * Finds `:::` containers that are never closed or closed by a fence of another length, and
 * `:::` lines that close nothing (`directive-unclosed`), and lines written as a container's
 * opening that micromark read as text (`unknown-directive`). Everything is read from the
 * tree (which the fast path and micromark build alike) and the source lines it was parsed
 * from; each slip gives one problem, at the fence or opening line a writer has to fix.
 */
export function containerFenceProblems(tree: Root, source: string, file: string): Problem[] {
  if (!source.includes(":::")) return [];
  const lines = source.split("\n").map((line) => line.replace(/\r$/, ""));
  const { containers, fenceLines } = walk(tree, lines);
  const at: At = (fence, length) =>
    ({ file, start: { line: fence.line, column: fence.column }, end: { line: fence.line, column: fence.column + length } });
  const explained = new Set<FenceLikeLine>();
  const problems: Problem[] = [];
  for (const container of containers) {
    const ending = endingProblem(container, fenceLines, explained, at);
    if (ending) problems.push(ending);
    if (container.inner) problems.push(nestingProblem(container, container.inner, at));
  }
  problems.push(...fenceLineProblems(fenceLines, containers, explained, at));
  return problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
}

/** The range of `length` characters from a fence. */
type At = (fence: Fence, length: number) => SourceRange;

/**
 * What is wrong with how a container ends, if anything: closed by a longer fence; not closed,
 * with a shorter fence inside it (which is then `explained`); or never closed at all. Nothing
 * when another container opens inside it (`nestingProblem` says so) or when it was itself
 * opened inside one whose fence closed both (reported there).
 */
function endingProblem(container: Container, fenceLines: readonly FenceLikeLine[], explained: Set<FenceLikeLine>, at: At): Problem | undefined {
  const { opening, closing, outer } = container;
  const colons = ":".repeat(opening.colons);
  if (closing) {
    if (closing.colons === opening.colons) return undefined;
    return problem("directive-unclosed", at(closing, closing.colons),
      `This \`${":".repeat(closing.colons)}\` closes \`${describe(container)}\` (line ${opening.line}), which opens with ${opening.colons} colons; close a container with as many colons as it opens with: \`${colons}\`.`, colons);
  }
  if (container.inner) return undefined;
  if (outer?.closing && outer.inner === container && outer.closing.line === container.node.position?.end.line) return undefined;
  const shorter = fenceLines.find((line) => line.kind === "bare" && line.outer === container && !explained.has(line));
  if (shorter) {
    explained.add(shorter);
    return problem("directive-unclosed", at(shorter, shorter.colons),
      `This \`${":".repeat(shorter.colons)}\` does not close \`${describe(container)}\` (line ${opening.line}): a container closes only with as many colons as it opens with. Write \`${colons}\`.`, colons);
  }
  return problem("directive-unclosed", at(opening, container.openingWidth),
    `\`${describe(container)}\` is never closed, so everything after it to the end of ${container.holder} belongs to it. End it with a line \`${colons}\` after its last paragraph.`, colons);
}

/** A container not closed before another with at least as many colons opens inside it: the writer meant them one after the other. */
function nestingProblem(container: Container, inner: Container, at: At): Problem {
  const { opening, closing } = container;
  const colons = ":".repeat(opening.colons);
  const both = closing && inner.node.position?.end.line === closing.line
    ? ` (and the \`${":".repeat(closing.colons)}\` on line ${closing.line} closes both)` : "";
  return problem("directive-unclosed", at(opening, container.openingWidth),
    `\`${describe(container)}\` is not closed before line ${inner.opening.line}, so \`${describe(inner)}\` opens inside it${both}. Add a line \`${colons}\` before line ${inner.opening.line}.`, colons);
}

/**
 * Text lines written as an opening (`unknown-directive`) and fences that close nothing. A line
 * that fails to open a container leaves the fence meant to close it with nothing to close:
 * that fence is its follow-on, not reported again. An opening written without its colons
 * (`finding{#id}`) is only a guess until such a fence follows it with no container between;
 * it is reported then, instead.
 */
function fenceLineProblems(fenceLines: readonly FenceLikeLine[], containers: readonly Container[], explained: ReadonlySet<FenceLikeLine>, at: At): Problem[] {
  const problems: Problem[] = [];
  let failed: FenceLikeLine | undefined;
  let colonless: FenceLikeLine | undefined;
  for (const line of fenceLines) {
    if (explained.has(line)) continue;
    if (line.kind === "colonless") {
      colonless = line;
    } else if (line.kind === "opening") {
      failed = line;
      problems.push(problem("unknown-directive", at(line, line.written.length), `\`${line.written}\` does not open a container: ${whyNotOpening(line.written)}`));
    } else if (failed && failed.outer === line.outer) {
      failed = undefined;
    } else if (colonless && closesWithNothingBetween(colonless, line, containers)) {
      const opening = `${":".repeat(line.colons)}${colonless.written}`;
      problems.push(problem("directive-unclosed", at(colonless, colonless.written.length),
        `\`${colonless.written}\` opens nothing without its colons, so the \`${":".repeat(line.colons)}\` on line ${line.line} closes nothing. Write \`${opening}\`.`, opening));
      colonless = undefined;
    } else {
      problems.push(problem("directive-unclosed", at(line, line.colons),
        `This \`${":".repeat(line.colons)}\` closes nothing: no container is open here, so it shows as text. If the line that opened it (such as \`:::finding{#some-id}\`) was deleted, put it back; otherwise delete this line.`));
    }
  }
  return problems;
}

/** Whether `fence` could be the one meant to close what `opening` meant to open: in the same place, with no container opened between. */
function closesWithNothingBetween(opening: FenceLikeLine, fence: FenceLikeLine, containers: readonly Container[]): boolean {
  return opening.outer === fence.outer && !containers.some((c) => c.opening.line > opening.line && c.opening.line < fence.line);
}

/** Why a line starting with colons is not a container's opening. */
function whyNotOpening(written: string): string {
  if (/^:+[ \t]/.test(written)) return "write the name straight after the colons, e.g. `:::finding{#some-id}`.";
  if (/^:+\{/.test(written)) return "a container needs a name before its attributes, e.g. `:::finding{#some-id}`.";
  if (/^:+[A-Za-z][\w-]*[ \t]+\{/.test(written)) return "write the `{…}` straight after the name, with no space.";
  if (written.includes("{") && !written.includes("}")) return "its `{` is never closed with `}`.";
  if (/\}[ \t]*\S/.test(written)) return "nothing may follow its `{…}` on the line.";
  return "its name or attributes are not written as `:::name{#id key=\"value\"}` (check the quotes).";
}

/** How a container's opening is written, short: colons, name and id. */
function describe(container: Container): string {
  const id = container.node.attributes?.id;
  return `${":".repeat(container.opening.colons)}${container.node.name}${id ? `{#${id}}` : ""}`;
}

/**
 * Walks the tree in document order with an explicit stack (trees nest as deep as their
 * source), recording each container and each text line that looks like a fence or an opening.
 */
function walk(tree: Root, lines: readonly string[]): { containers: Container[]; fenceLines: FenceLikeLine[] } {
  const containers: Container[] = [];
  const fenceLines: FenceLikeLine[] = [];
  const stack: { node: Nodes; outer: Container | undefined; holder: string }[] = [{ node: tree, outer: undefined, holder: "the file" }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, holder } = item;
    let { outer } = item;
    if (node.type === "containerDirective") {
      const container = containerOf(node, lines, outer, holder);
      if (container) {
        if (outer && container.opening.colons >= outer.opening.colons) outer.inner ??= container;
        containers.push(container);
        outer = container;
      }
    } else if (node.type === "paragraph") {
      fenceLines.push(...fenceLikeLines(node, lines, outer));
      continue;
    }
    if (!("children" in node)) continue;
    const childHolder = node.type === "listItem" ? "the list item" : node.type === "blockquote" ? "the quote"
      : node.type === "containerDirective" && outer ? `\`${describe(outer)}\`` : holder;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, outer, holder: childHolder });
  }
  return { containers, fenceLines };
}

function containerOf(node: ContainerDirective, lines: readonly string[], outer: Container | undefined, holder: string): Container | undefined {
  const position = node.position;
  if (!position) return undefined;
  const openingLine = lines[position.start.line - 1] ?? "";
  const written = openingLine.slice(position.start.column - 1).trimEnd();
  const colons = /^:*/.exec(written)?.[0].length ?? 3;
  const endLine = lines[position.end.line - 1] ?? "";
  const fence = FENCE_AT_END.exec(endLine.slice(0, position.end.column - 1));
  const closing = fence
    ? { line: position.end.line, column: (fence[1]?.length ?? 0) + 1, colons: fence[2]?.length ?? 3 }
    : undefined;
  return { node, opening: { line: position.start.line, column: position.start.column, colons }, openingWidth: written.length, closing, outer, holder };
}

/**
 * The lines of a paragraph's text that look like a fence or an opening: each line that starts
 * a text node at the paragraph's start or after a hard break, and each line after a line
 * break inside a text node. Micromark strips a line's indentation from the text; its column is
 * where the line's text starts in the source.
 */
function fenceLikeLines(paragraph: Nodes & { type: "paragraph" }, lines: readonly string[], outer: Container | undefined): FenceLikeLine[] {
  const found: FenceLikeLine[] = [];
  paragraph.children.forEach((child, index) => {
    if (child.type !== "text" || !child.position) return;
    const atLineStart = index === 0 || paragraph.children[index - 1]?.type === "break";
    child.value.split(LINE_BREAK).forEach((text, k) => {
      if (k === 0 && !atLineStart) return;
      const bare = BARE_FENCE.exec(text);
      const kind = bare ? "bare" : FAILED_OPENING.test(text) ? "opening" : COLONLESS_OPENING.test(text) ? "colonless" : undefined;
      if (!kind) return;
      const line = child.position!.start.line + k;
      const column = k === 0 ? child.position!.start.column : (lines[line - 1] ?? "").search(/[^ \t>]/) + 1;
      found.push({ kind, line, column, colons: /^:*/.exec(text)?.[0].length ?? 3, written: text.trimEnd(), outer });
    });
  });
  return found;
}
