import type { ContainerDirective } from "mdast-util-directive";
import type {
  CaseStudy, CharterValue, Entity, EntityKind, Finding, Paper, PaperAnchor, Partner, Person,
  Series, SeriesIndex, Session,
} from "../model/index.js";
import type { RenderOptions } from "./options.js";
import type { Publication } from "../resolve/publication.js";
import type { RenderContext } from "./renderer.js";
import { findingText, personWithRole } from "../resolve/link-text.js";
import {
  CHARTER_PAGE, casePage, findingFragment, paperPage, sessionPage, valueFragment, type LinkTarget,
} from "./paths.js";

/**
 * The resolved model seen from the renderer: which entities get pages in this build, and how to
 * find and name them. Built once per render; every page reads it.
 */
export class SiteModel {
  readonly series: Series;
  readonly index: SeriesIndex;
  readonly options: RenderOptions;
  /** Papers built, by number. */
  readonly papers: readonly Paper[];
  /** Case studies that get a page: approved with consent, or all with `includeDrafts`. */
  readonly caseStudies: readonly CaseStudy[];
  /** Sessions that get a page: those the papers of a public build use, or all in an internal one. */
  readonly sessions: readonly Session[];
  /** What this build publishes: the one test of whether an entity may be named. */
  readonly publication: Publication;
  readonly values: readonly CharterValue[];
  readonly partners: readonly Partner[];
  readonly pdfLinks: boolean;
  private readonly pagesByFile = new Map<string, string>();
  private readonly findingsByNode = new Map<ContainerDirective, Finding>();

  constructor(context: RenderContext) {
    const { series, options, publication } = context;
    this.series = series;
    this.index = context.index;
    this.options = options;
    this.publication = publication;
    this.papers = publication.papers;
    this.caseStudies = series.caseStudies.filter((c) => publication.isCasePublic(c))
      .sort((a, b) => compare(a.title, b.title) || compare(a.id, b.id));
    this.sessions = series.sessions.filter((s) => publication.isSessionPublic(s))
      .sort((a, b) => compare(a.date, b.date) || compare(a.id, b.id));
    this.values = series.charter?.values ?? [];
    this.partners = series.config.partners;
    this.pdfLinks = options.pdfLinks ?? true;
    for (const paper of this.papers) this.pagesByFile.set(paper.file, paperPage(paper));
    for (const caseStudy of this.caseStudies) this.pagesByFile.set(caseStudy.file, casePage(caseStudy));
    for (const session of this.sessions) this.pagesByFile.set(session.file, sessionPage(session));
    for (const session of series.sessions) for (const finding of session.findings) this.findingsByNode.set(finding.node, finding);
    if (series.charter) this.pagesByFile.set(series.charter.file, CHARTER_PAGE);
  }

  /** The output page showing a project file (a paper, case study, session or the charter), if built. */
  pageOfFile(file: string): string | undefined {
    return this.pagesByFile.get(file);
  }

  /** The finding a `:::finding` node of a session body defines. */
  findingOf(node: ContainerDirective): Finding | undefined {
    return this.findingsByNode.get(node);
  }

  /** The first entity of a kind with an id (duplicates are errors, so there is one in a rendered build). */
  entity(kind: EntityKind, id: string): Entity | undefined {
    return this.index.byKind.get(kind)?.get(id)?.[0];
  }

  partner(id: string): Partner | undefined { const e = this.entity("partner", id); return e?.kind === "partner" ? e : undefined; }
  person(id: string): Person | undefined { const e = this.entity("person", id); return e?.kind === "person" ? e : undefined; }
  value(id: string): CharterValue | undefined { const e = this.entity("value", id); return e?.kind === "value" ? e : undefined; }
  session(id: string): Session | undefined { const e = this.entity("session", id); return e?.kind === "session" ? e : undefined; }

  isBuilt(paper: Paper): boolean { return this.publication.isPaperBuilt(paper); }
  isPublished(caseStudy: CaseStudy): boolean { return this.publication.isCasePublic(caseStudy); }
  /** An internal build (`--drafts`): every page says it is not for publication. */
  get internal(): boolean { return this.publication.internal; }

  /** Papers of this build that use (`case:x`, `session:x`…) or cite (`value:x`) an entity, by number. */
  papersUsing(key: string): readonly Paper[] {
    const [kind, id] = splitKey(key);
    const set = kind === "value" ? this.index.citedBy.get(id) : this.index.usedBy.get(key);
    return [...(set ?? [])].filter((p) => this.isBuilt(p)).sort((a, b) => a.number - b.number);
  }

  /** Approved case studies published by this build that list a value in `values`. */
  casesDemonstrating(value: CharterValue): readonly CaseStudy[] {
    return this.caseStudies.filter((c) => c.status === "approved" && c.values.some((v) => v.id === value.id));
  }

  /** The findings of a session that its page shows: those the build's papers cite, or all in an internal build. */
  publishedFindings(session: Session): readonly Finding[] {
    return session.findings.filter((f) => this.publication.isFindingPublic(f));
  }

  /** Where an entity (and optionally a heading or finding of it) is shown, when it has a page in this build. */
  targetOf(entity: Entity, anchor?: PaperAnchor | Finding): LinkTarget | undefined {
    if (!this.publication.isPublic(entity)) return undefined;
    switch (entity.kind) {
      case "value":
        return this.series.charter ? { page: CHARTER_PAGE, fragment: valueFragment(entity) } : undefined;
      case "case":
        return this.isPublished(entity) ? { page: casePage(entity) } : undefined;
      case "session":
        if (anchor !== undefined && "kind" in anchor) {
          return this.publication.isFindingPublic(anchor) ? { page: sessionPage(entity), fragment: findingFragment(anchor) } : undefined;
        }
        return { page: sessionPage(entity) };
      case "finding": {
        const session = this.session(entity.sessionId);
        return session && this.publication.isSessionPublic(session) ? { page: sessionPage(session), fragment: findingFragment(entity) } : undefined;
      }
      case "paper":
        if (!this.isBuilt(entity)) return undefined;
        return anchor !== undefined && !("kind" in anchor) && anchor.id !== undefined ? { page: paperPage(entity), fragment: anchor.id } : { page: paperPage(entity) };
      case "partner":
      case "person":
      case "quote":
      case "glossary":
      case "bibliography":
        return undefined;
    }
  }

  /**
   * The text a reference to an entity shows: a title, "Paper 2: Title", "Name, role, organisation"
   * (lists of people; an inline `:person[id]` shows the name alone, see references.ts). An entity
   * this build does not publish is named only by what it is, never by its title or id.
   */
  textOf(entity: Entity, anchor?: PaperAnchor | Finding): string {
    const withheld = this.withheldText(entity, anchor);
    if (withheld !== undefined) return withheld;
    switch (entity.kind) {
      case "value":
      case "case":
        return entity.title;
      case "session":
        return anchor !== undefined && "kind" in anchor ? this.findingText(anchor) : entity.shortTitle ?? entity.title;
      case "finding":
        return this.findingText(entity);
      case "paper": {
        const base = `Paper ${entity.number}: ${entity.title}`;
        return anchor !== undefined && !("kind" in anchor) ? `${base} — ${anchor.text}` : base;
      }
      case "person":
        return personWithRole(entity, (org) => this.organisationName(org));
      case "partner":
        return entity.name;
      case "quote":
        return entity.id;
      case "glossary":
        return entity.term;
      case "bibliography":
        return typeof entity.item.title === "string" ? entity.item.title : entity.id;
    }
  }

  /** What a reference to an entity (or a finding of it) that this build does not publish shows instead. */
  private withheldText(entity: Entity, anchor?: PaperAnchor | Finding): string | undefined {
    const { publication } = this;
    switch (entity.kind) {
      case "paper":
        return publication.isPaperPublic(entity) ? undefined : `Paper ${entity.number} (forthcoming)`;
      case "case":
        return publication.isCasePublic(entity) ? undefined : "a case study not yet published";
      case "finding":
        return publication.isFindingPublic(entity) ? undefined : "a finding of a working session";
      case "session":
        if (anchor !== undefined && "kind" in anchor && !publication.isFindingPublic(anchor)) return "a finding of a working session";
        return publication.isSessionPublic(entity) ? undefined : "a working session";
      default:
        return undefined;
    }
  }

  /** As the resolver counts it for heading slugs (src/resolve/link-text.ts), so TOC and links agree. */
  private findingText(finding: Finding): string {
    const session = this.session(finding.sessionId);
    return findingText(finding, session ? session.shortTitle ?? session.title : "Session");
  }

  /** An organisation entry: the partner's name for a partner reference, else the text as written. */
  organisationName(org: { readonly text: string; readonly isPartnerRef: boolean }): string {
    return (org.isPartnerRef ? this.partner(org.text)?.name : undefined) ?? org.text;
  }
}

/** Code-unit order, so output never depends on the machine's locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function splitKey(key: string): [string, string] {
  const colon = key.indexOf(":");
  return colon < 0 ? [key, ""] : [key.slice(0, colon), key.slice(colon + 1)];
}
