import type { BlockGraph, BlockKey, Inclusion } from "./block-graph.js";

/** One step of a cycle: a directive and the text it is written in. */
export interface CycleStep {
  readonly label: string;
  readonly inclusion: Inclusion;
}

/**
 * The shortest chain of directives by which rendering `from` reaches `to` again, each with the
 * text it is written in; undefined when it never does. Breadth first, so the message names
 * the shortest cycle and the search visits each block once.
 */
export function pathBack(graph: BlockGraph, from: BlockKey, to: BlockKey): CycleStep[] | undefined {
  if (from === to) return [];
  const cameBy = new Map<BlockKey, { step: CycleStep; before: BlockKey | undefined }>();
  const queue: BlockKey[] = [from];
  const visited = new Set<BlockKey>([from]);
  for (let at = 0; at < queue.length; at++) {
    const block = queue[at]!;
    for (const text of graph.get(block) ?? []) {
      for (const inclusion of text.inclusions) {
        const step = { label: text.label, inclusion };
        if (inclusion.target === to) return [...stepsTo(cameBy, block), step];
        if (visited.has(inclusion.target)) continue;
        visited.add(inclusion.target);
        cameBy.set(inclusion.target, { step, before: block });
        queue.push(inclusion.target);
      }
    }
  }
  return undefined;
}

/** The steps from the search's start to `block`, in order. */
function stepsTo(cameBy: ReadonlyMap<BlockKey, { step: CycleStep; before: BlockKey | undefined }>, block: BlockKey): CycleStep[] {
  const steps: CycleStep[] = [];
  for (let at = cameBy.get(block); at !== undefined; at = at.before === undefined ? undefined : cameBy.get(at.before)) {
    steps.push(at.step);
  }
  return steps.reverse();
}
