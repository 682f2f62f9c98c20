import { appendFileSync, existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fromHtml } from "hast-util-from-html";
import { selectAll } from "hast-util-select";
import { ensureCompiled, papersmith, STACK_LINE } from "../helpers/cli.js";
import { checkLines, listFiles, projectWith, snapshot } from "../helpers/robustness.js";

/**
 * Links, images and logos that leave the project (issue 10, "Paths"): refused with a clear
 * message at the link, and nothing is written. Logo files that are missing, empty or broken,
 * and an SVG logo with a script in it.
 */

const FIRST = "papers/01-first.md";
const CHROMIUM = "/usr/bin/chromium";

function withConfig(dir: string, from: string, to: string): void {
  const file = join(dir, "papersmith.yaml");
  writeFileSync(file, readFileSync(file, "utf8").replace(from, to));
}

/** The link-broken messages a project gives, as `line:column message`, for one file. */
async function brokenLinks(dir: string, file: string): Promise<string[]> {
  const { diagnostics } = await checkLines(dir);
  return diagnostics.filter((d) => d.file === file && d.rule === "link-broken").map((d) => `${d.line}:${d.column} ${d.message}`);
}

beforeAll(() => ensureCompiled());

describe("links and images that leave the project", () => {
  it("refuses ../ escaping the project, absolute paths and file: URLs, in links and images", async () => {
    const dir = projectWith();
    appendFileSync(join(dir, FIRST), [
      "",
      "[up](../../../etc/passwd) ![Up](../../secret.svg)",
      "",
      "[abs](/etc/passwd) ![Abs](/etc/hostname)",
      "",
      "[file](file:///etc/passwd) ![File](FILE:///etc/passwd)",
      "",
      "[encoded](..%2F..%2F..%2Fetc%2Fpasswd) [backslash](\\etc\\passwd)",
      "",
    ].join("\n"));
    const outside = "cannot be used: it points outside the project folder. Use a path relative to this file, inside the project.";
    const fileUrl = "cannot be used: file: URLs are not allowed. Use a path relative to this file, inside the project.";
    expect(await brokenLinks(dir, FIRST)).toEqual([
      `17:1 The link "../../../etc/passwd" ${outside}`,
      `17:27 The image "../../secret.svg" ${outside}`,
      `19:1 The link "/etc/passwd" ${outside}`,
      `19:20 The image "/etc/hostname" ${outside}`,
      `21:1 The link "file:///etc/passwd" ${fileUrl}`,
      `21:28 The image "FILE:///etc/passwd" ${fileUrl}`,
      // %2F is not a separator: this names a file in papers/, which does not exist.
      "23:1 The link \"..%2F..%2F..%2Fetc%2Fpasswd\" points to papers/..%2F..%2F..%2Fetc%2Fpasswd, which does not exist.",
      `23:40 The link "\\etc\\passwd" ${outside}`,
    ]);
  });

  it("refuses logos outside the project, at absolute paths or as file: URLs, and writes nothing", async () => {
    for (const [logo, message] of [
      ["../outside.svg", "The logo \"../outside.svg\" cannot be used: it points outside the project folder."],
      ["/etc/logo.svg", "The logo \"/etc/logo.svg\" cannot be used: it points outside the project folder."],
      ["file:///etc/logo.svg", "must be an SVG or PNG file in the project, not an address (\"file:///etc/logo.svg\")"],
      ["assets/../../outside.svg", "The logo \"assets/../../outside.svg\" cannot be used: it points outside the project folder."],
    ] as const) {
      const dir = projectWith();
      withConfig(dir, "logo: assets/beta.svg", `logo: "${logo}"`);
      const run = await papersmith("build", dir, "--html-only", "--no-color").run();
      expect(run.code, logo).toBe(1);
      expect(run.stdout, logo).toContain(message);
      expect(run.stdout, logo).toMatch(/^papersmith\.yaml:12:11 {2}error/m);
      expect(existsSync(join(dir, "dist")), logo).toBe(false);
    }
  });
});

describe("symlinks that point outside the project", () => {
  it("refuses an image in assets/ that is a symlink to /etc/passwd, and never copies it", async () => {
    const dir = projectWith();
    symlinkSync("/etc/passwd", join(dir, "assets", "passwd.svg"));
    appendFileSync(join(dir, FIRST), "\n![A chart](../assets/passwd.svg)\n");
    const run = await papersmith("build", dir, "--html-only", "--no-color").run();
    const copied = join(dir, "dist", "assets", "passwd.svg");
    expect(existsSync(copied) ? readFileSync(copied, "utf8") : "", "the output must never hold /etc/passwd").not.toContain("root:");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/papers\/01-first\.md:17:1 {2}error {2}.*assets\/passwd\.svg.*outside the project.*\[link-broken\]/);
  });

  it("refuses a logo that is a symlink to a file outside the project", async () => {
    const dir = projectWith();
    const secret = projectWith(); // another folder: stands for anything outside the project
    writeFileSync(join(secret, "secret.svg"), '<svg xmlns="http://www.w3.org/2000/svg"><text>OUTSIDE-SECRET</text></svg>');
    symlinkSync(join(secret, "secret.svg"), join(dir, "assets", "linked.svg"));
    withConfig(dir, "logo: assets/beta.svg", "logo: assets/linked.svg");
    const run = await papersmith("build", dir, "--html-only", "--no-color").run();
    const built = existsSync(join(dir, "dist")) ? listFiles(join(dir, "dist")).map((f) => readFileSync(join(dir, "dist", f), "latin1")).join("") : "";
    expect(built, "the output must never hold a file from outside the project").not.toContain("OUTSIDE-SECRET");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/papersmith\.yaml:12:11 {2}error {2}.*assets\/linked\.svg.*outside the project.*\[link-broken\]/);
  });

  it("refuses an image under a symlinked folder that leads outside the project", async () => {
    const dir = projectWith();
    symlinkSync("/etc", join(dir, "assets", "etc"));
    appendFileSync(join(dir, FIRST), "\n![Host](../assets/etc/hostname)\n");
    const run = await papersmith("build", dir, "--html-only", "--no-color").run();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/papers\/01-first\.md:17:1 {2}error {2}The image "\.\.\/assets\/etc\/hostname" .*\[link-broken\]/);
    expect(existsSync(join(dir, "dist"))).toBe(false);
  });
});

describe("logo files", () => {
  it("reports a missing logo at its value, and keeps the last good build", async () => {
    const dir = projectWith();
    expect((await papersmith("build", dir, "--html-only").run()).code).toBe(0);
    const before = snapshot(join(dir, "dist"));
    withConfig(dir, "logo: assets/beta.svg", "logo: assets/gamma.svg");
    const run = await papersmith("build", dir, "--html-only", "--no-color").run();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("papersmith.yaml:12:11  error  The logo \"assets/gamma.svg\" points to assets/gamma.svg, which does not exist.  [link-broken]");
    expect(run.stderr).toContain("nothing was written");
    expect(snapshot(join(dir, "dist"))).toEqual(before);
  });

  it("reports a zero-byte logo: an empty file is neither SVG nor PNG", async () => {
    const dir = projectWith({ "assets/beta.svg": "" });
    const { diagnostics } = await checkLines(dir);
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity}`)).toContain("papersmith.yaml:12:11 error");
  });

  it("builds without crashing when a logo is corrupt (a truncated SVG, PNG bytes that are not a PNG)", async () => {
    const dir = projectWith({
      "assets/beta.svg": '<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height=',
      "assets/alpha.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
    });
    withConfig(dir, "logo: assets/alpha.svg", "logo: assets/alpha.png");
    const run = await papersmith("build", dir, "--chromium", CHROMIUM).run();
    // Today the build succeeds and the cover shows the text alternative in place of the image.
    expect(run.stderr + run.stdout).not.toMatch(STACK_LINE);
    expect([0, 1]).toContain(run.code);
    if (run.code === 0) {
      const home = readFileSync(join(dir, "dist", "index.html"), "utf8");
      expect(home).toContain('alt="Alpha Alliance logo"');
      expect(home).toContain('alt="Beta Network logo"');
    }
  }, 60_000);
});

describe("an SVG logo with a script in it", () => {
  const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" onload="document.title='PWNED-ONLOAD'">
  <script>document.title = 'PWNED-SCRIPT'; fetch('http://127.0.0.1:9/pwned');</script>
  <rect width="40" height="20" fill="#5C2D91"/>
</svg>
`;
  let dir: string;

  beforeAll(async () => {
    dir = projectWith({ "assets/beta.svg": SVG });
    const run = await papersmith("build", dir, "--chromium", CHROMIUM).env({ SOURCE_DATE_EPOCH: "1416000000" }).run();
    expect(run.code, run.stderr).toBe(0);
  }, 90_000);

  it("is only ever referenced through <img> on the pages, never inlined", () => {
    for (const page of listFiles(join(dir, "dist")).filter((f) => f.endsWith(".html"))) {
      const html = readFileSync(join(dir, "dist", page), "utf8");
      expect(html, page).not.toContain("PWNED");
      const tree = fromHtml(html);
      expect(selectAll("svg script, svg[onload], object, embed, iframe", tree), page).toHaveLength(0);
      for (const script of selectAll("script", tree)) expect(String(script.properties["src"]), page).toMatch(/(assets\/papersmith\.js|assets\/search\.js|pagefind\/pagefind-ui\.js)$/);
    }
    const logos = selectAll("img", fromHtml(readFileSync(join(dir, "dist", "index.html"), "utf8")))
      .map((img) => String(img.properties["src"])).filter((src) => src.includes("beta"));
    expect(logos).toEqual(["assets/beta.svg"]);
  });

  it("never runs when a browser shows the built home page", async () => {
    const { default: puppeteer } = await import("puppeteer");
    const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"] });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      await page.goto(`file://${join(dir, "dist", "index.html")}`, { waitUntil: "load" });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await page.title()).not.toContain("PWNED");
      expect(await page.evaluate(() => Array.from(document.images).filter((i) => i.src.includes("beta")).length)).toBe(1);
      expect(requests.filter((url) => url.includes("pwned"))).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 30_000);

  it("leaves no script or JavaScript action in the PDFs", () => {
    const pdfs = listFiles(join(dir, "dist")).filter((f) => f.endsWith(".pdf"));
    expect(pdfs.length).toBeGreaterThan(0);
    for (const pdf of pdfs) {
      const bytes = readFileSync(join(dir, "dist", pdf), "latin1");
      expect(bytes, pdf).not.toMatch(/\/JavaScript|\/JS\s*[(<]|\/Launch|\/OpenAction\s*<<[^>]*\/S\s*\/JavaScript/);
      expect(bytes, pdf).not.toContain("PWNED");
    }
  });
});
