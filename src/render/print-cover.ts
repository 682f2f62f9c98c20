import type { Element } from "hast";
import { h } from "hastscript";
import type { Paper } from "../model/index.js";
import type { SiteModel } from "./site-model.js";

/**
 * The authors of a paper for its cover: each one's name, and under it the role and
 * organisation people.yaml gives. An author id that names no one is left out (check reports
 * it); an id is never printed.
 */
export function coverAuthors(site: SiteModel, paper: Paper): Element[] {
  return paper.authors.flatMap((ref) => {
    const person = site.person(ref.id);
    if (person === undefined) return [];
    const details = [person.role, person.organisation === undefined ? undefined : site.organisationName(person.organisation)]
      .filter((d): d is string => d !== undefined && d !== "");
    return [h("li", { className: ["cover-author"] }, [
      h("span", { className: ["cover-author-name"] }, person.name),
      ...(details.length > 0 ? [h("span", { className: ["cover-author-details"] }, details.join(", "))] : []),
    ])];
  });
}
