import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Series } from "#lib/model/index.js";
import { checkProject } from "#lib/check.js";
import { renderSite } from "#lib/render/site.js";
import { pageBox, printCss, withPrintStyle } from "#lib/print/print-css.js";

/** The same content in the forms the peer tools take, written once per series (outside timing). */
export interface PeerInputs {
  /** One standalone print document per paper, papersmith's paged-media CSS included. */
  readonly htmlFiles: readonly string[];
  /** One Markdown file per paper, with papersmith's directives turned into plain Markdown. */
  readonly markdownFiles: readonly string[];
}

/**
 * Writes `dir/html/NNN.html`: exactly the document papersmith's print stage loads for each
 * paper (the renderer's print HTML with the print CSS added), before the contents' page
 * numbers are filled in. The floor, pagedjs-cli, Vivliostyle and `chromium --print-to-pdf`
 * all print these. And `dir/md/NNN.md` for md-to-pdf, which takes Markdown only.
 */
export async function writePeerInputs(projectDir: string, dir: string): Promise<PeerInputs> {
  const { series, index, errors } = await checkProject(projectDir);
  if (errors > 0) throw new Error(`the generated series in ${projectDir} has ${errors} errors`);
  const site = await renderSite(series, index, { includeDrafts: false, pdfLinks: true });
  const box = pageBox(series.config.build.pdf.format);
  await mkdir(join(dir, "html"), { recursive: true });
  await mkdir(join(dir, "md"), { recursive: true });
  const htmlFiles: string[] = [];
  for (const doc of site.print) {
    if (doc.paper === undefined) continue; // the combined document: peers get one file per paper
    const header = `${series.config.series.title} — ${doc.paper.title}`;
    const file = join(dir, "html", `${String(doc.paper.number).padStart(3, "0")}.html`);
    await writeFile(file, withPrintStyle(doc.html, printCss(box, header, doc.paper.status === "draft")));
    htmlFiles.push(file);
  }
  const markdownFiles: string[] = [];
  for (const paper of series.papers) {
    const file = join(dir, "md", `${String(paper.number).padStart(3, "0")}.md`);
    await writeFile(file, plainMarkdown(series, paper.number));
    markdownFiles.push(file);
  }
  return { htmlFiles, markdownFiles };
}

/**
 * A paper as someone using plain Markdown would write it: title and date as a heading, each
 * inline reference as its link text, a case-study box as a quoted summary with its outcomes
 * table, a quote as a block quote, and the partners' "About" text as a closing section.
 */
function plainMarkdown(series: Series, number: number): string {
  const paper = series.papers.find((p) => p.number === number)!;
  const byId = <T extends { readonly id: string }>(list: readonly T[] | undefined, id: string): T | undefined => list?.find((e) => e.id === id);
  const values = series.charter?.values;
  const inline = (name: string, label: string, text: string | undefined): string => {
    if (text !== undefined) return text;
    const [target = "", fragment] = label.split("#");
    switch (name) {
      case "value": return byId(values, target)?.title ?? label;
      case "case": return byId(series.caseStudies, target)?.title ?? label;
      case "session": return byId(series.sessions, target)?.title ?? label;
      case "finding": return `the finding ${fragment ?? ""} of ${byId(series.sessions, target)?.title ?? target}`;
      case "person": {
        const person = byId(series.people, target);
        return person === undefined ? label : `${person.name}${person.role ? `, ${person.role}` : ""}`;
      }
      case "paper": {
        const other = series.papers.find((p) => p.number === Number(target));
        return other === undefined ? label : `Paper ${other.number}: ${other.title}`;
      }
      default: return label;
    }
  };
  const block = (name: string, id: string): string => {
    if (name === "case-study") {
      const study = byId(series.caseStudies, id);
      if (study === undefined) return "";
      const rows = study.outcomes.map((o) => `> | ${o.measure} | ${o.before ?? ""} | ${o.after ?? ""} | ${o.unit ?? ""} |`);
      return [`> **Case study: ${study.title}**`, ">", `> ${study.summary} (${study.locality}; ${study.sectors.join(", ")})`, ">",
        "> | Measure | Before | After | Unit |", "> |---|---|---|---|", ...rows].join("\n");
    }
    if (name === "quote") {
      const quote = byId(series.quotes, id);
      if (quote === undefined) return "";
      const person = byId(series.people, quote.by.id);
      return `> ${quote.text.source.trim()}\n>\n> — ${person?.name ?? quote.by.id}${person?.role ? `, ${person.role}` : ""}`;
    }
    if (name === "about-partners") {
      return ["## About the partners", "", ...series.config.partners.flatMap((p) => [`### ${p.name}`, "", p.about?.source.trim() ?? "", ""])].join("\n");
    }
    return "";
  };
  const body = paper.body.source
    .replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/, "")
    .replace(/^::([a-z-]+)(?:\{#([a-z0-9-]+)\})?[ \t]*$/gm, (_, name: string, id: string | undefined) => block(name, id ?? ""))
    .replace(/:([a-z]+)\[([^\]]*)\](?:\{text="([^"]*)"\})?/g, (_, name: string, label: string, text: string | undefined) => inline(name, label, text))
    .replace(/^(#{1,6} .*?)\s*\{#[a-z0-9-]+\}\s*$/gm, "$1");
  return `# ${paper.title}\n\n*${paper.date}*\n\n${body.trim()}\n`;
}
