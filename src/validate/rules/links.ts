import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";
import { logoFileProblem } from "../logo-file.js";
import { fontFileProblem } from "../font-file.js";
import { throughOutsideLink } from "../../resolve/project-path.js";
import { suggestLink, type LinkSuggestion } from "../link-suggestion.js";

/** What to say after "…, which does not exist." when an existing file is likely meant. */
function pointTo(suggestion: LinkSuggestion | undefined, file: string): string {
  if (!suggestion) return "";
  return suggestion.found === "relative"
    ? ` Paths are relative to the file they are written in: from ${file}, write "${suggestion.url}".`
    : ` Did you mean "${suggestion.url}"?`;
}

/** `link-broken` and `image-alt`: every relative link, image, logo and font file must exist; images and logos describe themselves. */
export const links: ValidationRule = {
  produces: ["link-broken", "image-alt"],
  check(series, index) {
    const out: Problem[] = [];
    for (const link of index.links) {
      const noun = link.kind === "logo" ? "logo" : link.kind;
      // A logo with no logoAlt at all is the schema rule's; an empty one is this rule's.
      const altMissing = link.kind === "image" || (link.kind === "logo" && link.altRange !== undefined);
      if (altMissing && (link.alt ?? "").trim() === "") {
        const message = link.kind === "logo"
          ? "This logo has an empty `logoAlt`: describe it (usually the organisation's name) for people who cannot see it."
          : `This image has no alt text: write it in the brackets, ![what it shows](${link.url}).`;
        out.push(problem("image-alt", link.altRange ?? link.range, message));
      }
      if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(link.url) && !/^file:/i.test(link.url)) continue; // external image
      const file = link.range.file;
      if (link.path === undefined) {
        const fileUrl = /^file:/i.test(link.url);
        const why = fileUrl ? "file: URLs are not allowed" : "it points outside the project folder";
        const suggestion = fileUrl ? undefined : suggestLink(link.url, undefined, file, series.files);
        const instead = suggestion ? ` Did you mean "${suggestion.url}"?` : " Use a path relative to this file, inside the project.";
        out.push(problem("link-broken", link.range, `The ${noun} "${link.url}" cannot be used: ${why}.${instead}`, suggestion?.url));
      } else if (throughOutsideLink(link.path, series.outside)) {
        out.push(problem("link-broken", link.range, `The ${noun} "${link.url}" points to ${link.path}, through a symbolic link that leads outside the project; papersmith never reads files outside the project. Copy the file into the project instead.`));
      } else if (link.path !== "." && !series.files.has(link.path)) {
        const suggestion = suggestLink(link.url, link.path, file, series.files);
        out.push(problem("link-broken", link.range, `The ${noun} "${link.url}" points to ${link.path}, which does not exist.${pointTo(suggestion, file)}`, suggestion?.url));
      } else if (link.kind === "logo") {
        const wrong = logoFileProblem(series.root, link.path);
        if (wrong) out.push(problem("link-broken", link.range, `The logo "${link.url}" ${wrong}: a logo must be an SVG or PNG file.`));
      } else if (link.kind === "font") {
        const wrong = fontFileProblem(series.root, link.path);
        if (wrong) out.push(problem("link-broken", link.range, `The font "${link.url}" ${wrong}.`));
      }
    }
    return out;
  },
};
