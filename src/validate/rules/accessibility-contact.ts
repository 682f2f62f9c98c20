import { problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";

/**
 * `accessibility-contact`: the accessibility statement must tell readers whom to contact about a
 * problem (the UK public sector accessibility regulations ask for it); without
 * `accessibility.contact` the statement can only name the partners.
 */
export const accessibilityContact: ValidationRule = {
  produces: ["accessibility-contact"],
  check(series) {
    if (series.config.accessibility !== undefined || series.unloaded.has(series.config.file)) return [];
    return [problem("accessibility-contact", series.config.range,
      "papersmith.yaml gives no contact for the accessibility statement. Add `accessibility:` with `contact:` (an email address or a web page) so readers can report a problem or ask for another format.")];
  },
};
