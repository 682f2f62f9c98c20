import type { ContainerDirective } from "mdast-util-directive";
import { visit } from "unist-util-visit";
import { SECTORS, type Finding, type IdRef, type Session, type SourceText } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { date, id, idRef, listOf, oneOf, text } from "./fields.js";
import { optional, readMapping, required } from "./read-mapping.js";
import { readMarkdownDocument } from "./markdown-document.js";
import { entityId } from "./entity-id.js";
import { positionRange } from "../diagnostics/position-range.js";

/** The front-matter keys of a session. */
export const SESSION_FIELDS = {
  id: optional(id, "The session's id (lowercase kebab-case); the default is the file name without .md.", ["leaders-workshop-1"]),
  title: required(text, "The session's title.", ["First leaders' workshop"]),
  shortTitle: optional(text, "A shorter title, used in the text of links to the session.", ["Workshop 1"]),
  date: required(date, "The day of the session, YYYY-MM-DD.", ["2014-10-06"]),
  location: optional(text, "Where the session took place.", ["Leeds"]),
  attendees: optional(listOf(idRef), "Who attended: person ids from people.yaml.", [["chief-exec-a", "medical-director-b"]]),
  sectors: optional(listOf(oneOf(SECTORS)), `The sectors represented: ${SECTORS.join(", ")}.`, [["general-practice", "acute"]]),
  values: optional(listOf(idRef), "The charter values discussed: value ids from charter.yaml.", [["patients-central"]]),
};

/** The comma-separated value ids of a directive's `values` attribute, each positioned at the directive. */
export function valueIdsOf(node: ContainerDirective, file: string): IdRef[] {
  const written = node.attributes?.values ?? "";
  const range = positionRange(node, file);
  return written.split(",").map((part) => part.trim()).filter((part) => part !== "").map((valueId) => ({ id: valueId, range }));
}

function findingsOf(session: { id: string }, tree: Session["body"]["tree"], file: string): Finding[] {
  const findings: Finding[] = [];
  visit(tree, "containerDirective", (node: ContainerDirective) => {
    const findingId = node.attributes?.id;
    if (node.name !== "finding" || !findingId) return;
    const range = positionRange(node, file);
    const title = node.attributes?.["title"]?.trim();
    findings.push({
      kind: "finding", id: findingId, idRange: range, range, sessionId: session.id, number: findings.length + 1,
      ...(title ? { title } : {}), values: valueIdsOf(node, file), node,
    });
  });
  return findings;
}

/** Loads one `sessions/*.md` file, with the findings declared in its body. */
export function loadSession(source: string, file: string): { session?: Session; problems: Problem[]; source?: SourceText } {
  const { document, problems } = readMarkdownDocument(source, file, "session");
  if (!document) return { problems };
  const { rc } = document;
  const read = readMapping(document.frontMatter, SESSION_FIELDS, rc, "The session's front matter");
  const v = read?.values ?? {};
  const { id: sessionId, idRange } = entityId(v.id, read?.valueRanges.get("id"), file, rc, true);
  const session: Session = {
    kind: "session",
    id: sessionId,
    idRange,
    range: read?.range ?? rc.ctx.fileStart(),
    file,
    title: v.title ?? "",
    date: v.date ?? "",
    attendees: v.attendees ?? [],
    sectors: v.sectors ?? [],
    values: v.values ?? [],
    body: document.body,
    findings: findingsOf({ id: sessionId }, document.body.tree, file),
    ...(v.location === undefined ? {} : { location: v.location }),
    ...(v.shortTitle === undefined ? {} : { shortTitle: v.shortTitle }),
  };
  return { session, problems: rc.ctx.problems, source: document.source };
}
