import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkProject } from "../src/check.js";
import { ensureCompiled, papersmith, REPO } from "./helpers/cli.js";

/**
 * No entity id ever appears in published text (SPEC §2): every page's text and every PDF's text
 * of the example series, built as it would be published, is searched for every id of the
 * series. An id the writers also use as an ordinary word in their prose ("fragmentation") is
 * allowed where the prose has it; every other id found is a leak.
 */

const EXAMPLE = join(REPO, "examples/integrated-care-series");
/** Directives as written (`:finding[s#f]{text="…"}`, `::quote{#x}`, `:::finding{#x …}`), which are not prose. */
const DIRECTIVE = /:{1,3}[a-z][a-z-]*(?:\[[^\]]*\])?(?:\{[^}]*\})?/g;
/** YAML fields that hold prose (titles and Markdown), as opposed to ids and references. */
const PROSE_KEYS = new Set(["title", "shortTitle", "subtitle", "summary", "statement", "preamble", "about", "text", "name", "role", "locality", "measure", "unit", "themes"]);

function proseOfYaml(value: unknown, key = ""): string[] {
  if (typeof value === "string") return PROSE_KEYS.has(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => proseOfYaml(item, key));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => proseOfYaml(v, k));
  return [];
}

/** Everything the writers wrote as prose, directives taken out. */
async function writersProse(root: string): Promise<string> {
  const parts: string[] = [];
  for (const file of (await readdir(root, { recursive: true })).sort()) {
    const text = await readFile(join(root, file), "utf8").catch(() => "");
    if (file.endsWith(".md")) {
      const [, frontMatter = "", body = ""] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
      parts.push(...proseOfYaml(parse(frontMatter)), body);
    } else if (file.endsWith(".yaml")) {
      parts.push(...proseOfYaml(parse(text)));
    }
  }
  return parts.join("\n").replace(DIRECTIVE, " ");
}

/** Email addresses and web addresses in text. */
const ADDRESSES = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?:\/\/\S+|www\.\S+/g;

const wordPattern = (id: string): RegExp => new RegExp(`(?<![A-Za-z0-9-])${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9-])`);

/** A page's text: its markup, scripts and styles taken out (attributes such as ids and hrefs are not text). */
function pageText(html: string): string {
  return html.replace(/<(script|style)[\s\S]*?<\/\1>/g, " ").replace(/<[^>]+>/g, " ").replace(/&[a-z]+;|&#\d+;/g, " ");
}

describe("published text never shows an entity id", () => {
  let out: string;
  let ids: string[];
  let prose: string;

  beforeAll(async () => {
    ensureCompiled();
    const project = await mkdtemp(join(tmpdir(), "papersmith-no-ids-"));
    await cp(EXAMPLE, project, { recursive: true, filter: (source) => !source.includes("/dist") });
    const { series } = await checkProject(project);
    const all = [
      ...series.config.partners, ...(series.charter?.values ?? []), ...series.people, ...series.quotes,
      ...series.sessions, ...series.sessions.flatMap((session) => session.findings), ...series.caseStudies,
    ].map((entity) => entity.id);
    ids = [...new Set(all)];
    prose = await writersProse(project);
    out = join(project, "out");
    const run = await papersmith("build", project, "--out", out).env({ SOURCE_DATE_EPOCH: "1416000000" }).run();
    expect(run.code).toBe(0);
  }, 120_000);

  it("knows the series' ids (the check can fail)", () => {
    expect(ids.length).toBeGreaterThan(40);
    expect(ids).toContain("shared-values");
    expect(pageText('<p>See <a href="x">finding “shared-values”</a></p>')).toMatch(wordPattern("shared-values"));
  });

  it("in any page of the site or any PDF", async () => {
    const leaks: string[] = [];
    const files = (await readdir(out, { recursive: true })).filter((file) => file.endsWith(".html") || file.endsWith(".pdf")).sort();
    expect(files.filter((file) => file.endsWith(".pdf")).length).toBeGreaterThan(1);
    for (const file of files) {
      // Email and web addresses are the partners' and contacts' own (press@ftn.example.org), not ids.
      const text = (file.endsWith(".pdf")
        ? execFileSync("pdftotext", [join(out, file), "-"], { encoding: "utf8" })
        : pageText(await readFile(join(out, file), "utf8"))).replace(ADDRESSES, " ");
      for (const id of ids) {
        const pattern = wordPattern(id);
        if (pattern.test(prose)) continue; // a word the writers use
        const found = pattern.exec(text);
        if (found) leaks.push(`${file}: "${id}" in …${text.slice(Math.max(0, found.index - 40), found.index + id.length + 40).replace(/\s+/g, " ")}…`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
