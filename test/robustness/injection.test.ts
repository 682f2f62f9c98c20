import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fromHtml } from "hast-util-from-html";
import { selectAll } from "hast-util-select";
import { ensureCompiled, papersmith } from "../helpers/cli.js";
import { listFiles, projectWith } from "../helpers/robustness.js";

/**
 * CSS and URL injection (issue 10, "Injection"), beyond test/render-injection.test.ts: CSS
 * `expression()` and `url(javascript:)` in Markdown and in YAML strings (theme.font, partner
 * colour), data: and disguised javascript: URLs, checked in the built HTML, CSS and PDFs.
 */

const CHROMIUM = "/usr/bin/chromium";
const FIRST = "papers/01-first.md";
const HOSTILE = /javascript:|vbscript:|expression\s*\(|alert\(/i;

const MARKDOWN = `

<div style="background:url(javascript:alert(1))">styled div</div>

<span style="width: expression(alert(2))">expression span</span> and <p style="behavior:url(x.htc)">behaviour</p>

![data svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMyk+)
[data html](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==)

[mixed case](JaVaScRiPt:alert(5)) [entity](&#106;avascript:alert(6)) [spaced]( javascript:alert(7)) [vb](vbscript:msgbox(8))
[ref link][r]

[r]: javascript:alert(9)

<a href="java&#x09;script:alert(10)">tab entity</a>
`;

let dir: string;

beforeAll(async () => {
  ensureCompiled();
  dir = projectWith();
  appendFileSync(join(dir, FIRST), MARKDOWN);
  const config = join(dir, "papersmith.yaml");
  writeFileSync(config, readFileSync(config, "utf8").replace("build:", [
    "theme:",
    "  font: \"Arial; background: url(javascript:alert(11)); width: expression(alert(12))\"",
    "build:",
  ].join("\n")));
  const quotes = "- id: css\n  by: chief-a\n  text: \"He said <style>body{background:url(javascript:alert(13))}</style> <b style='x:expression(alert(14))'>this</b>\"\n";
  writeFileSync(join(dir, "quotes.yaml"), quotes);
  appendFileSync(join(dir, FIRST), "\n::quote{#css}\n");
  const run = await papersmith("build", dir, "--chromium", CHROMIUM).env({ SOURCE_DATE_EPOCH: "1416000000" }).run();
  expect(run.code, run.stdout + run.stderr).toBe(0);
}, 90_000);

const built = (ext: string): string[] => listFiles(join(dir, "dist")).filter((f) => f.endsWith(ext));
const read = (file: string, encoding: BufferEncoding = "utf8"): string => readFileSync(join(dir, "dist", file), encoding);

describe("CSS and URL injection", () => {
  it("drops every style attribute and <style> element that Markdown or YAML tried to add", () => {
    for (const page of built(".html")) {
      const tree = fromHtml(read(page));
      expect(selectAll("[style]", tree), page).toHaveLength(0);
      expect(selectAll("body style", tree), page).toHaveLength(0);
    }
    // Raw HTML blocks are dropped whole; inline raw HTML loses its tags and keeps its text.
    expect(read("papers/1-first-paper.html")).not.toContain("styled div");
    expect(read("papers/1-first-paper.html")).toContain("expression span");
  });

  it("keeps no javascript:, vbscript:, data: or expression() in any href, src or attribute of the pages", () => {
    for (const page of built(".html")) {
      for (const element of selectAll("*", fromHtml(read(page)))) {
        for (const [name, value] of Object.entries(element.properties)) {
          const text = Array.isArray(value) ? value.join(" ") : String(value);
          expect(HOSTILE.test(text), `${page}: <${element.tagName} ${name}="${text}">`).toBe(false);
          if (name === "href" || name === "src") expect(/^\s*data:/i.test(text), `${page}: ${name}=${text.slice(0, 40)}`).toBe(false);
        }
      }
    }
  });

  it("keeps the font stack with url(javascript:) and expression() out of the stylesheet", () => {
    const css = read("assets/papersmith.css");
    expect(css).not.toMatch(HOSTILE);
    expect(css).not.toContain("--font-body: Arial;");
  });

  it("shows the YAML quote's markup as text, not as style", () => {
    const html = read("papers/1-first-paper.html");
    const quote = selectAll("blockquote, figure", fromHtml(html)).map((q) => JSON.stringify(q)).join("");
    expect(quote).toContain("He said");
    expect(quote).toContain("this");
    expect(html).not.toMatch(/<style>body\{background/);
  });

  it("leaves every PDF free of JavaScript actions, javascript: URIs and the injected text as code", () => {
    const pdfs = built(".pdf");
    expect(pdfs.length).toBeGreaterThan(1);
    for (const pdf of pdfs) {
      const bytes = read(pdf, "latin1");
      expect(bytes, pdf).not.toMatch(/\/JavaScript|\/JS\s*[(<]|\/Launch|\/SubmitForm|\/ImportData/);
      expect(bytes, pdf).not.toMatch(/\/URI\s*\(\s*(javascript|vbscript|data):/i);
    }
  });

  it("refuses url(javascript:) as a partner colour with a positioned schema error, writing nothing", async () => {
    const bad = projectWith();
    const config = join(bad, "papersmith.yaml");
    writeFileSync(config, readFileSync(config, "utf8").replace("\"#5C2D91\"", "\"url(javascript:alert(1))\""));
    const run = await papersmith("build", bad, "--html-only", "--no-color").run();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("papersmith.yaml:14:13  error  `colour` must be a hex colour such as \"#005EB8\", not \"url(javascript:alert(1))\".  [schema]");
    expect(run.stderr).toContain("nothing was written");
  });

  it("refuses expression() as a theme accent", async () => {
    const bad = projectWith();
    const config = join(bad, "papersmith.yaml");
    writeFileSync(config, readFileSync(config, "utf8").replace("build:", "theme:\n  accent: \"expression(alert(1))\"\nbuild:"));
    const run = await papersmith("check", bad, "--no-color").run();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/papersmith\.yaml:16:11 {2}error {2}.*expression\(alert\(1\)\).*\[(schema|ref-missing)\]/);
  });
});
