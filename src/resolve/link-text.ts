import type { Entity, HeadingAnchor, Finding } from "../model/index.js";

/** The generated text of a reference to `target` (see docs/reference.md#references), before any `{text="..."}` override. */
export function generatedText(target: Entity, anchor?: HeadingAnchor | Finding): string {
  switch (target.kind) {
    case "paper": {
      const base = `Paper ${target.number}: ${target.title}`;
      return anchor && "text" in anchor ? `${base} — ${anchor.text}` : base;
    }
    case "person":
      return target.role ? `${target.name}, ${target.role}` : target.name;
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
    default:
      return target.title;
  }
}


/** A finding's text: its title, else "<session short title>, finding N"; never its id. */
export function findingText(finding: Finding, sessionTitle: string): string {
  return finding.title ?? `${sessionTitle}, finding ${finding.number}`;
}
