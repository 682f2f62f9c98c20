import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import type { Entity } from "../../model/index.js";
import type { Traceability } from "../../report/traceability.js";
import { linkOrText, text } from "../blocks.js";
import type { Layout, RenderedFile } from "../layout.js";
import { REPORT_JSON, REPORT_PAGE } from "../paths.js";
import type { SiteModel } from "../site-model.js";
import type { Templates } from "../template.js";

/**
 * `report.html`: the traceability data of report.json as a page — values × case studies × papers
 * × sessions, the values not covered, what no paper uses, and the findings each paper cites.
 * Every entry links to its page when this build has one.
 */
export function renderReportPage(site: SiteModel, layout: Layout, templates: Templates, data: Traceability): RenderedFile {
  const linker = layout.linker(REPORT_PAGE);
  const link = (entity: Entity | undefined, label: string): ElementContent => {
    const target = entity && site.targetOf(entity);
    return linkOrText(target && linker.href(target), label);
  };
  // A case study without a page here is not public yet: its id (as in report.json), not its title.
  const caseStudy = (id: string): ElementContent => {
    const e = site.entity("case", id);
    return e?.kind === "case" && site.isPublished(e) ? link(e, e.title) : text(`${id} (not published)`);
  };
  const session = (id: string): ElementContent => { const e = site.session(id); return link(e, e?.title ?? id); };
  const paper = (n: number): ElementContent => {
    const e = site.series.papers.find((p) => p.number === n);
    return link(e, e ? site.textOf(e) : `Paper ${n}`);
  };
  const finding = (key: string): ElementContent => {
    const [sessionId = "", findingId = ""] = key.split("#");
    const f = site.session(sessionId)?.findings.find((x) => x.id === findingId);
    return link(f, f ? site.textOf(f) : key);
  };
  const value = (id: string): ElementContent => { const e = site.value(id); return link(e, e?.title ?? id); };
  const list = (items: readonly ElementContent[]): Element =>
    h("td", items.length === 0 ? [h("span", { className: ["none"] }, "None")] : [h("ul", items.map((i) => h("li", [i])))]);

  const valuesTable = h("table", { className: ["traceability"] }, [
    h("caption", "Each value with the case studies that demonstrate it, the papers that cite it and the sessions that discussed it"),
    h("thead", [h("tr", ["Value", "Case studies", "Cited by papers", "Sessions"].map((label) => h("th", { scope: "col" }, label)))]),
    h("tbody", data.values.map((v) => h("tr", { id: `trace-${v.id}` }, [
      h("th", { scope: "row" }, [value(v.id)]),
      list(v.caseStudies.map(caseStudy)),
      list(v.citedByPapers.map(paper)),
      list(v.sessions.map(session)),
    ]))),
  ]);
  const unused = data.unused.map((key): ElementContent => {
    const colon = key.indexOf(":");
    const [kind, id] = [key.slice(0, colon), key.slice(colon + 1)];
    switch (kind) {
      case "case": return h("li", [text("Case study: "), caseStudy(id)]);
      case "session": return h("li", [text("Session: "), session(id)]);
      case "finding": return h("li", [text("Finding: "), finding(id)]);
      case "reference": return h("li", [text(`Reference “${id}” (references.yaml)`)]);
      default: {
        const quote = site.entity("quote", id);
        const by = quote?.kind === "quote" ? site.person(quote.by.id)?.name : undefined;
        return h("li", [text(`Quote “${id}”${by === undefined ? "" : ` by ${by}`}`)]);
      }
    }
  });
  const findingsTable = h("table", { className: ["traceability"] }, [
    h("caption", "Each paper with the session findings and the sources it cites"),
    h("thead", [h("tr", ["Paper", "Status", "Findings cited", "Sources cited", "Citations"].map((label) => h("th", { scope: "col" }, label)))]),
    h("tbody", data.papers.map((p) => h("tr", [
      h("th", { scope: "row" }, [paper(p.number)]),
      h("td", p.status === "final" ? "Final" : "Draft"),
      list(p.findings.map(finding)),
      list(p.references.map((id) => text(id))),
      h("td", String(p.citations)),
    ]))),
  ]);
  const main = templates.fragment("report.html", {
    kicker: site.series.config.series.title,
    "json-link": (el) => { el.properties["href"] = linker.href({ page: REPORT_JSON }); },
    values: data.values.length > 0 ? true : undefined,
    "values-table": [valuesTable],
    "uncovered-section": data.values.length > 0 ? true : undefined,
    uncovered: data.uncoveredValues.length > 0 ? data.uncoveredValues.map((id) => h("li", [value(id)])) : undefined,
    "no-uncovered": data.uncoveredValues.length === 0 ? true : undefined,
    unused: unused.length > 0 ? unused : undefined,
    "no-unused": unused.length === 0 ? true : undefined,
    "findings-table": [findingsTable],
  });
  return layout.render({ path: REPORT_PAGE, title: "Traceability report", section: "report", main });
}
