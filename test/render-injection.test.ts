import { beforeAll, describe, expect, it } from "vitest";
import { fromHtml } from "hast-util-from-html";
import { selectAll } from "hast-util-select";
import { renderFixture, type Rendered } from "./render-helpers.js";

/** What must never reach a page or print document from Markdown or YAML. */
function expectInert(html: string, where: string): void {
  const tree = fromHtml(html);
  const scripts = selectAll("script", tree).map((s) => String(s.properties["src"] ?? "inline"));
  expect(scripts.every((src) => src.endsWith("assets/papersmith.js")), `${where}: scripts ${scripts.join(", ")}`).toBe(true);
  expect(selectAll("iframe, object, embed, svg, form, base, meta[http-equiv]", tree), where).toHaveLength(0);
  expect(selectAll("body style", tree), where).toHaveLength(0);
  for (const element of selectAll("*", tree)) {
    for (const [name, value] of Object.entries(element.properties)) {
      expect(/^on/i.test(name), `${where}: ${element.tagName} has ${name}`).toBe(false);
      if (name === "href" || name === "src") expect(/^\s*(javascript|vbscript|data:text)/i.test(String(value)), `${where}: ${name}=${String(value)}`).toBe(false);
    }
  }
}

describe("render: user text never becomes markup or script", () => {
  let r: Rendered;
  beforeAll(async () => {
    // The build never renders a project with errors; the renderer must stay safe even so.
    r = await renderFixture("injection");
  });

  it("keeps raw HTML in Markdown and markup in YAML strings inert on every page", () => {
    for (const page of r.pages) expectInert(r.html(page), page);
  });

  it("keeps print documents inert too", () => {
    for (const doc of r.site.print) expectInert(doc.html, doc.path);
  });

  it("shows YAML text as text", () => {
    // Typeset like any text (curly quotes), and still text.
    expect(r.text("index.html", "h1")).toBe("Injection <script>alert(‘title’)</script> series");
    expect(r.text("papers/1-paper-scriptalertpaperscript.html", "h1")).toBe("Paper <script>alert(‘paper’)</script>");
    expect(r.text("case-studies/bad.html", "h1")).toBe("Case <iframe src=https://evil.example/></iframe>");
    expect(r.text("index.html", "footer .copyright")).toBe("<img src=x onerror=alert(1)> copyright");
  });

  it("drops a javascript: partner url but keeps the logo and its text alternative", () => {
    for (const page of r.pages) expect(r.html(page), page).not.toContain("javascript:");
    for (const doc of r.site.print) expect(doc.html, doc.path).not.toContain("javascript:");
    const logo = r.one("index.html", "header .cobrand .logo");
    expect(logo.properties["href"]).toBeUndefined();
    expect(r.one("index.html", "header .cobrand img").properties["alt"]).toBe("Logo\" onerror=\"alert(1)");
  });

  it("keeps a bad colour and font stack out of the CSS", () => {
    const css = String(r.files.get("assets/papersmith.css"));
    expect(css).not.toContain("display:none");
    expect(css).not.toContain("</style>");
    for (const doc of r.site.print) expect(doc.html).not.toContain("alert('font')");
  });

  it("keeps the link text of a markdown javascript: link, without the link", () => {
    const html = r.html("papers/1-paper-scriptalertpaperscript.html");
    expect(html).toContain("markdown link");
    expect(r.all("papers/1-paper-scriptalertpaperscript.html", ".paper-body a").map((a) => a.properties["href"] ?? null))
      .toEqual([null, null, "../case-studies/bad.html"]);
    expect(r.text("papers/1-paper-scriptalertpaperscript.html", ".paper-body .ref-case")).toBe("<b onclick=alert(1)>x</b>");
  });
});
