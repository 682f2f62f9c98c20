import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Element, ElementContent, Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";

/** The templates/ folder of the package (beside src/ and lib/). */
export const TEMPLATE_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

/**
 * What fills a `data-slot` element of a template: its new children; `true` to keep it as written
 * (a section holding other slots); a function to change it; `undefined` removes the element.
 */
export type SlotValue = readonly ElementContent[] | string | true | ((element: Element) => void) | undefined;
export type Slots = Readonly<Record<string, SlotValue>>;

/** HTML templates parsed once into hast and filled per page; user text only ever enters as hast nodes. */
export class Templates {
  private readonly trees = new Map<string, Root>();
  private readonly texts = new Map<string, string>();

  constructor(private readonly dir: string = TEMPLATE_DIR) {}

  /** The raw text of a template file (CSS, JS). */
  text(name: string): string {
    let value = this.texts.get(name);
    if (value === undefined) {
      value = readFileSync(`${this.dir}${name}`, "utf8");
      this.texts.set(name, value);
    }
    return value;
  }

  /** A fresh copy of the template with its slots filled. */
  fill(name: string, slots: Slots): Root {
    let tree = this.trees.get(name);
    if (tree === undefined) {
      const source = this.text(name);
      tree = stripPositions(fromHtml(source, { fragment: !/^\s*<!doctype/i.test(source) }));
      this.trees.set(name, tree);
    }
    const copy = clone(tree);
    copy.children = fillChildren(copy.children, slots) as RootContent[];
    return copy;
  }

  /** A fragment template's filled children, for placing inside another element. */
  fragment(name: string, slots: Slots): ElementContent[] {
    return this.fill(name, slots).children.filter((n): n is ElementContent => n.type !== "doctype");
  }
}

function fillChildren(children: readonly RootContent[], slots: Slots): RootContent[] {
  const out: RootContent[] = [];
  for (const child of children) {
    if (child.type !== "element") { out.push(child); continue; }
    const name = child.properties["dataSlot"];
    if (typeof name === "string") {
      delete child.properties["dataSlot"];
      const value = slots[name];
      if (value === undefined) continue;
      if (typeof value === "string") child.children = [{ type: "text", value }];
      else if (typeof value === "function") value(child);
      else if (value !== true) child.children = [...value];
      if (value !== true && typeof value !== "function") { out.push(child); continue; }
    }
    child.children = fillChildren(child.children, slots) as ElementContent[];
    if (child.content) child.content.children = fillChildren(child.content.children, slots);
    out.push(child);
  }
  return out;
}

/** A deep copy of a position-free hast tree (several times faster than structuredClone here). */
function clone<T>(node: T): T {
  if (Array.isArray(node)) return node.map((n: unknown) => clone(n)) as T;
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = clone(value);
  return out as T;
}

function stripPositions<T extends object>(node: T): T {
  delete (node as { position?: unknown }).position;
  for (const child of (node as { children?: object[] }).children ?? []) stripPositions(child);
  return node;
}
