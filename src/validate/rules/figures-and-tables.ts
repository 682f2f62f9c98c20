import type { FigureOrTable, SourceRange } from "../../model/index.js";
import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";

function where(range: SourceRange): string {
  return `${range.file}:${range.start.line}:${range.start.column}`;
}

/** Where a caption goes: under a figure's content, above a table. */
function captionMissing(figure: FigureOrTable): Problem {
  const { label } = figure;
  const how = label === "figure"
    ? "add a paragraph after its image, as the last thing before the closing `:::`"
    : "add a paragraph before the table, as the first thing after the opening line";
  return problem("caption-missing", figure.range, `${figure.text} (\`:::${label}${figure.id === undefined ? "" : `{#${figure.id}}`}\`) has no caption: ${how}.`);
}

/**
 * `caption-missing`: a figure or table without its caption paragraph, at the container; and
 * `duplicate-id`: a figure or table whose id another one of its paper has (at each), or that a
 * heading of its paper has, explicit or made from its text (at the figure or table: both would be
 * the same place in the page).
 */
export const figuresAndTables: ValidationRule = {
  produces: ["caption-missing", "duplicate-id"],
  check(_series, index) {
    const out: Problem[] = [];
    for (const [paper, figures] of index.figures) {
      for (const figure of figures) if (!figure.caption) out.push(captionMissing(figure));
      const headings = index.headings.get(paper) ?? [];
      for (const figure of figures) {
        if (figure.id === undefined) continue;
        const others = figures.filter((other) => other !== figure && other.id === figure.id);
        if (others.length > 0) {
          out.push(problem("duplicate-id", figure.range,
            `Another figure or table in ${paper.file} has the id "${figure.id}" (${others.map((o) => where(o.range)).join(", ")}); ids must be unique.`));
        }
        const heading = headings.find((h) => h.id === figure.id);
        if (heading) {
          out.push(problem("duplicate-id", figure.range,
            `The heading "${heading.text}" (${where(heading.range)}) already has the id "${figure.id}" in this paper; give the ${figure.label} another id.`));
        }
      }
    }
    return out;
  },
};
