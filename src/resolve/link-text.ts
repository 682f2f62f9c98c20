import type { Entity, PaperAnchor, Finding, OrganisationRef, Person } from "../model/index.js";

/**
 * A person as `:person[id]{role}` shows them, and as lists of people (authors, attendees) do:
 * "Name, role, organisation", leaving out what people.yaml does not give. `organisationName`
 * names a partner reference by the partner's name.
 */
export function personWithRole(person: Person, organisationName: (org: OrganisationRef) => string): string {
  return [person.name, person.role, person.organisation === undefined ? undefined : organisationName(person.organisation)]
    .filter((part): part is string => part !== undefined && part.trim() !== "").join(", ");
}

/**
 * The generated text of a reference to `target` (see docs/reference.md#references), before any
 * `{text="..."}` override. A person is named by name alone (`:person[id]{role}`'s longer form is
 * personWithRole).
 */
export function generatedText(target: Entity, anchor?: PaperAnchor | Finding): string {
  switch (target.kind) {
    case "paper": {
      const base = `Paper ${target.number}: ${target.title}`;
      return anchor && "text" in anchor ? `${base} — ${anchor.text}` : base;
    }
    case "person":
      return target.name;
    case "session":
      return anchor && "kind" in anchor ? findingText(anchor, target.shortTitle ?? target.title) : target.shortTitle ?? target.title;
    case "partner":
      return target.shortName ?? target.name;
    case "finding":
      return target.title ?? `Finding ${target.number}`;
    case "quote":
      return target.id;
    case "glossary":
      return target.term;
    case "bibliography":
      return typeof target.item.title === "string" ? target.item.title : target.id;
    default:
      return target.title;
  }
}


/** A finding's text: its title, else "<session short title>, finding N"; never its id. */
export function findingText(finding: Finding, sessionTitle: string): string {
  return finding.title ?? `${sessionTitle}, finding ${finding.number}`;
}
