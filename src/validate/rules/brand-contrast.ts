import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { SourceRange } from "../../model/index.js";
import type { ValidationRule } from "../rule.js";
import { contrastOnWhite } from "../contrast.js";

const MINIMUM = 4.5;

/** `brand-contrast`: a partner colour or hex accent with contrast below 4.5:1 on white (WCAG AA). */
export const brandContrast: ValidationRule = {
  produces: ["brand-contrast"],
  check(series) {
    const out: Problem[] = [];
    const checkColour = (colour: string, range: SourceRange, what: string): void => {
      const ratio = contrastOnWhite(colour);
      if (ratio < MINIMUM) {
        out.push(problem("brand-contrast", range, `${what} ${colour} has a contrast of ${(Math.floor(ratio * 100) / 100).toFixed(2)}:1 on white; text in it needs at least ${MINIMUM}:1 (WCAG AA). Choose a darker shade.`));
      }
    };
    for (const partner of series.config.partners) {
      if (partner.colour && partner.colourRange) checkColour(partner.colour, partner.colourRange, `The colour of ${partner.shortName ?? partner.name}`);
    }
    const accent = series.config.theme.accent;
    if (accent && "colour" in accent) checkColour(accent.colour, accent.range, "The accent colour");
    return out;
  },
};
