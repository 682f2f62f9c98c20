import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import { positionRange } from "../../diagnostics/position-range.js";
import type { ValidationRule } from "../rule.js";
import { blockGraph } from "../inclusion/block-graph.js";
import { pathBack, type CycleStep } from "../inclusion/cycle-path.js";

/** Steps shown in a message; a longer cycle is elided in the middle so the message stays readable. */
const MAX_STEPS_SHOWN = 8;

/** "charter.yaml preamble → ::about-partners → papersmith.yaml partner "a" about → ::values-charter". */
function describeCycle(steps: readonly CycleStep[]): string {
  const shown = steps.length <= MAX_STEPS_SHOWN
    ? steps.map((s) => `${s.label} → ${s.inclusion.written}`)
    : [...steps.slice(0, MAX_STEPS_SHOWN - 1).map((s) => `${s.label} → ${s.inclusion.written}`), "…", `${steps.at(-1)!.label} → ${steps.at(-1)!.inclusion.written}`];
  return shown.join(" → ");
}

/**
 * `directive-cycle`: a block directive that, directly or through others, includes itself, so
 * rendering it would never end (`::values-charter` in the charter's preamble, `::quote{#a}`
 * in quote b's text while quote a shows quote b). Reported at every directive on the cycle,
 * since removing any one of them breaks it.
 */
export const directiveCycle: ValidationRule = {
  produces: ["directive-cycle"],
  check(series, index) {
    const graph = blockGraph(series, index);
    const out: Problem[] = [];
    for (const [block, texts] of graph) {
      for (const text of texts) {
        for (const inclusion of text.inclusions) {
          const rest = pathBack(graph, inclusion.target, block);
          if (rest === undefined) continue;
          const steps = [{ label: text.label, inclusion }, ...rest];
          out.push(problem("directive-cycle", positionRange(inclusion.node, inclusion.file),
            `${inclusion.written} includes itself: ${describeCycle(steps)}. Rendering it would never end; remove the directive from the text it would repeat.`));
        }
      }
    }
    return out;
  },
};
