import { MAX_BLOCK_NESTING } from "../../model/index.js";
import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import { positionRange } from "../../diagnostics/position-range.js";
import type { ValidationRule } from "../rule.js";
import { blockGraph, type BlockKey, type Inclusion } from "../inclusion/block-graph.js";
import { pathBack } from "../inclusion/cycle-path.js";

/**
 * How many blocks show one below another under each block, along its longest chain, leaving
 * out the directives on a cycle (directive-cycle reports those, so what is left has none).
 * Iterative, since a chain may be thousands of blocks long.
 */
function heights(graph: ReturnType<typeof blockGraph>, onCycle: ReadonlySet<Inclusion>): Map<BlockKey, number> {
  const height = new Map<BlockKey, number>();
  const targets = (block: BlockKey): BlockKey[] =>
    (graph.get(block) ?? []).flatMap((t) => t.inclusions.filter((i) => !onCycle.has(i)).map((i) => i.target));
  for (const root of graph.keys()) {
    const stack: [BlockKey, boolean][] = [[root, false]];
    while (stack.length > 0) {
      const [block, done] = stack.pop()!;
      if (height.has(block)) continue;
      const below = targets(block);
      if (done) {
        height.set(block, below.reduce((max, t) => Math.max(max, (height.get(t) ?? 0) + 1), 0));
        continue;
      }
      stack.push([block, true]);
      for (const t of below) if (!height.has(t)) stack.push([t, false]);
    }
  }
  return height;
}

/**
 * `schema`: a chain of blocks showing each other more than MAX_BLOCK_NESTING deep (quote a
 * shows quote b, which shows quote c, …), reported once per chain at the directive from which
 * the rest of the chain is too deep to show; the renderer shows nothing below the limit.
 */
export const blockNesting: ValidationRule = {
  produces: ["schema"],
  check(series, index) {
    const graph = blockGraph(series, index);
    const onCycle = new Set<Inclusion>();
    for (const [block, texts] of graph) {
      for (const text of texts) for (const i of text.inclusions) if (pathBack(graph, i.target, block) !== undefined) onCycle.add(i);
    }
    const height = heights(graph, onCycle);
    const out: Problem[] = [];
    for (const texts of graph.values()) {
      for (const text of texts) {
        for (const inclusion of text.inclusions) {
          if (onCycle.has(inclusion) || height.get(inclusion.target) !== MAX_BLOCK_NESTING) continue;
          out.push(problem("schema", positionRange(inclusion.node, inclusion.file),
            `${inclusion.written} starts a chain of blocks shown inside each other nested more than ${MAX_BLOCK_NESTING} levels deep; papersmith shows no deeper. Show fewer quotes or blocks inside each other.`));
        }
      }
    }
    return out;
  },
};
