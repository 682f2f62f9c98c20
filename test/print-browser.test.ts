import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserFailedError, BrowserNotFoundError, openPrinter, printDocuments, type PrintRequest, type PrintResult } from "../src/print/print-documents.js";
import { findBrowser } from "../src/print/find-browser.js";
import { CrossPageBoard } from "../src/print/cross-pages.js";
import { cssString, pageBox, withPrintStyle } from "../src/print/print-css.js";
import { findBrowserEarly } from "../src/print/early-browser.js";
import { browserEnvironment, CHROMIUM_ARGS } from "../src/print/launch-browser.js";
import { checkContents, fixtureHtml, pdfFacts } from "./fixtures/print/pdf-facts.js";

const CHROMIUM = "/usr/bin/chromium";
let root: string;
let savedTmp: string | undefined;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "papersmith-browser-test-"));
  // Browser profiles go to os.tmpdir(): give this file its own, to check they are removed.
  savedTmp = process.env["TMPDIR"];
  mkdirSync(join(root, "tmp"));
  process.env["TMPDIR"] = join(root, "tmp");
});

afterAll(() => {
  if (savedTmp === undefined) delete process.env["TMPDIR"];
  else process.env["TMPDIR"] = savedTmp;
  rmSync(root, { recursive: true, force: true });
});

function executable(path: string, body = "exit 0"): string {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const profilesLeft = (): string[] => readdirSync(join(root, "tmp")).filter((name) => name.startsWith("papersmith-chromium-"));

const request = (outFile: string, html = fixtureHtml("paper-1")): PrintRequest => ({
  html,
  outFile,
  metadata: { title: "T", author: "A and B", subject: "S", keywords: [], language: "en-GB", creator: "test", date: new Date(0) },
  runningHeader: "Series — Paper",
  draft: false,
});

/** Holds up setContent (the load event) for a while, so the browser can be killed mid-print. */
const slow = (ms: number): string =>
  fixtureHtml("paper-1").replace("</head>", `<script>{ const t = Date.now(); while (Date.now() - t < ${ms}) {} }</script></head>`);

describe("findBrowser", () => {
  let dirs: Record<"a" | "b" | "c" | "x", string>;
  let paths: Record<"explicit" | "papersmith" | "puppeteerEnv" | "downloaded" | "chromium" | "chromiumBrowser" | "googleChrome" | "plain", string>;

  beforeAll(() => {
    const base = join(root, "find");
    dirs = { a: join(base, "a"), b: join(base, "b"), c: join(base, "c"), x: join(base, "x") };
    paths = {
      explicit: executable(join(base, "explicit", "my-chrome")),
      papersmith: executable(join(base, "env", "papersmith-chrome")),
      puppeteerEnv: executable(join(base, "env", "puppeteer-chrome")),
      downloaded: executable(join(base, "cache", "chrome")),
      chromium: executable(join(dirs.c, "chromium")),
      chromiumBrowser: executable(join(dirs.b, "chromium-browser")),
      googleChrome: executable(join(dirs.a, "google-chrome")),
      plain: join(dirs.x, "chromium"),
    };
    mkdirSync(dirs.x, { recursive: true });
    writeFileSync(paths.plain, "not executable");
  });

  const none = (): undefined => undefined;

  it("follows SPEC §4: --chromium, PAPERSMITH_CHROMIUM, PUPPETEER_EXECUTABLE_PATH, puppeteer's browser, then the PATH", () => {
    const path = [dirs.x, dirs.a, dirs.b, dirs.c].join(":");
    const env = { PATH: path, PAPERSMITH_CHROMIUM: paths.papersmith, PUPPETEER_EXECUTABLE_PATH: paths.puppeteerEnv };
    const downloaded = (): string => paths.downloaded;
    expect(findBrowser(paths.explicit, env, downloaded)).toBe(paths.explicit);
    expect(findBrowser(undefined, env, downloaded)).toBe(paths.papersmith);
    expect(findBrowser(undefined, { ...env, PAPERSMITH_CHROMIUM: "" }, downloaded)).toBe(paths.puppeteerEnv);
    expect(findBrowser(undefined, { PATH: path }, downloaded)).toBe(paths.downloaded);
    // chromium before chromium-browser before google-chrome, wherever they are on the PATH;
    // the non-executable chromium in dirs.x is passed over.
    expect(findBrowser(undefined, { PATH: path }, none)).toBe(paths.chromium);
    expect(findBrowser(undefined, { PATH: [dirs.x, dirs.a, dirs.b].join(":") }, none)).toBe(paths.chromiumBrowser);
    expect(findBrowser(undefined, { PATH: [dirs.x, dirs.a].join(":") }, none)).toBe(paths.googleChrome);
  });

  it("skips a stale environment variable and a missing downloaded browser", () => {
    const env = { PATH: dirs.c, PAPERSMITH_CHROMIUM: join(root, "gone"), PUPPETEER_EXECUTABLE_PATH: paths.plain };
    expect(findBrowser(undefined, env, () => join(root, "no-such-chrome"))).toBe(paths.chromium);
  });

  it("looks a bare command name up on the PATH", () => {
    expect(findBrowser("google-chrome", { PATH: [dirs.a, dirs.c].join(":") }, none)).toBe(paths.googleChrome);
    expect(findBrowser(undefined, { PATH: dirs.a, PAPERSMITH_CHROMIUM: "google-chrome" }, none)).toBe(paths.googleChrome);
  });

  it("does not fall back when the --chromium given is not an executable", () => {
    expect(findBrowser(join(root, "missing"), { PATH: dirs.c }, none)).toBeUndefined();
    expect(findBrowser(paths.plain, { PATH: dirs.c }, none)).toBeUndefined();
  });

  it("finds nothing on an empty system", () => {
    expect(findBrowser(undefined, { PATH: dirs.x }, none)).toBeUndefined();
    expect(findBrowser(undefined, {}, none)).toBeUndefined();
  });
});

describe("browser failures", () => {
  it("throws BrowserNotFoundError naming the search order and how to install one", async () => {
    const out = join(root, "not-found", "a.pdf");
    const error = await printDocuments([request(out)], { chromium: join(root, "no", "chromium"), format: "A4" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserNotFoundError);
    const message = (error as Error).message;
    for (const part of ["--chromium", "PAPERSMITH_CHROMIUM", "PUPPETEER_EXECUTABLE_PATH", "puppeteer", "chromium-browser", "google-chrome", "apt-get install chromium"]) {
      expect(message).toContain(part);
    }
    expect(new BrowserNotFoundError().message).toMatch(/^No Chromium or Chrome browser was found/);
    expect(existsSync(out)).toBe(false);
  });

  it("says why when a browser started early exits at once, and leaves no profile behind", async () => {
    const fake = executable(join(root, "early-broken", "chromium"), "echo 'no display, no luck' >&2; exit 7");
    const early = await findBrowserEarly(fake);
    early.launch();
    expect(early.executable).toBe(fake);
    const error = await printDocuments([request(join(root, "early-broken", "a.pdf"))], { chromium: fake, format: "A4", ...(early.launched ? { started: early.launched } : {}) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserFailedError);
    expect((error as Error).message).toMatch(/could not be started: it exited \(7\): no display, no luck/);
    expect(profilesLeft()).toEqual([]);
  }, 30_000);

  it("gives up on a browser that never answers, within the timeout, killing it and its profile", async () => {
    // It sleeps past the test's own time limit: only the print timeout ends this test in time.
    const fake = executable(join(root, "silent", "chromium"), "sleep 60");
    const error = await printDocuments([request(join(root, "silent", "a.pdf"))], { chromium: fake, format: "A4", timeout: 1500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserFailedError);
    expect((error as Error).message).toMatch(/no answer within 1500 ms/);
    expect(profilesLeft()).toEqual([]);
  }, 30_000);

  it("finds no browser early for a --chromium that is not one, and starts nothing", async () => {
    const none = await findBrowserEarly(join(root, "nothing-here"));
    expect(none.executable).toBeUndefined();
    expect(none.launch()).toBeUndefined();
    expect(profilesLeft()).toEqual([]);
  });

  it("throws BrowserFailedError when the browser cannot start, and leaves no profile behind", async () => {
    const fake = executable(join(root, "broken", "chromium"), "echo 'cannot start' >&2; exit 1");
    const error = await printDocuments([request(join(root, "broken", "a.pdf"))], { chromium: fake, format: "A4" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserFailedError);
    expect(profilesLeft()).toEqual([]);
  }, 30_000);

  it("retries each document once in a relaunched browser after a crash", async () => {
    const dir = join(root, "crash-once");
    const launches = join(dir, "launches");
    const wrapper = executable(join(dir, "chromium"), `echo $$ "$*" >> '${launches}'\nexec ${CHROMIUM} "$@"`);
    const outs = [join(dir, "a.pdf"), join(dir, "b.pdf")];
    // Timings leave a loaded machine (the full suite on 2 cores) time to start the browser.
    const printing = printDocuments(outs.map((out) => request(out, slow(5000))), { chromium: wrapper, format: "A4", concurrency: 2 });
    while (!existsSync(launches)) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    process.kill(Number(readFileSync(launches, "utf8").trim().split(" ")[0]), "SIGKILL");
    const results = await printing;
    expect(readFileSync(launches, "utf8").trim().split("\n")).toHaveLength(2);
    for (const out of outs) expect((await pdfFacts(new Uint8Array(readFileSync(out)))).pages).toBe(results[0]?.pages);
    expect(profilesLeft()).toEqual([]);
  }, 40_000);

  it("gives up with BrowserFailedError after the retry, leaving the old PDF where it stood", async () => {
    const dir = join(root, "crash-always");
    const wrapper = executable(join(dir, "chromium"), `(sleep 2.5; kill -9 $$) &\nexec ${CHROMIUM} "$@"`);
    const out = join(dir, "a.pdf");
    writeFileSync(out, "the good PDF of the last build");
    const error = await printDocuments([request(out, slow(6000))], { chromium: wrapper, format: "A4" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserFailedError);
    expect((error as Error).message, (error as Error).message).toContain(out);
    expect(readFileSync(out, "utf8")).toBe("the good PDF of the last build");
    expect(readdirSync(dir).sort()).toEqual(["a.pdf", "chromium"]);
    expect(profilesLeft()).toEqual([]);
  }, 40_000);

  it("prints under a TMPDIR too long for Chromium's singleton socket, and leaves nothing in it", async () => {
    const long = join(root, "tmp", "a-temporary-folder-whose-path-is-too-long-for-a-unix-socket");
    mkdirSync(long, { recursive: true });
    expect(long.length + "/org.chromium.Chromium.XXXXXX/SingletonSocket".length).toBeGreaterThan(107);
    expect(browserEnvironment({ PATH: "/bin" }, long)).toEqual({ PATH: "/bin", TMPDIR: "/tmp" });
    expect(browserEnvironment({ PATH: "/bin" }, "/tmp")).toEqual({ PATH: "/bin" });
    process.env["TMPDIR"] = long;
    try {
      const out = join(root, "long-tmpdir", "a.pdf");
      const [result] = await printDocuments([request(out)], { chromium: CHROMIUM, format: "A4" });
      expect(result?.pages).toBeGreaterThan(1);
      expect(readdirSync(long)).toEqual([]);
    } finally {
      process.env["TMPDIR"] = join(root, "tmp");
    }
  }, 40_000);
});

describe("a long-lived printer", () => {
  it("prints batch after batch with one browser, reusing its pages, and removes it on close", async () => {
    const dir = join(root, "shared");
    const launches = join(dir, "launches");
    const wrapper = executable(join(dir, "chromium"), `echo $$ >> '${launches}'\nexec ${CHROMIUM} "$@"`);
    const printer = await openPrinter({ chromium: wrapper, format: "A4", concurrency: 1 });
    try {
      const [first] = await printer.print([request(join(dir, "a.pdf"))]);
      const [second] = await printer.print([request(join(dir, "b.pdf"), fixtureHtml("paper-2"))]);
      expect(first?.pages).toBeGreaterThan(1);
      expect(second?.pages).toBeGreaterThan(1);
      expect(readFileSync(launches, "utf8").trim().split("\n")).toHaveLength(1);
    } finally {
      await printer.close();
    }
    expect(profilesLeft()).toEqual([]);
  }, 40_000);

  it("prints each document as it comes, before the ones after it exist", async () => {
    const dir = join(root, "stream");
    const printer = await openPrinter({ format: "A4", concurrency: 2 });
    const order: string[] = [];
    try {
      // The second document is made only once the first one's PDF is written: a printer that
      // waited for all its documents before starting would never get there.
      async function* documents(): AsyncGenerator<PrintRequest> {
        order.push("a made");
        yield request(join(dir, "a.pdf"));
        while (!existsSync(join(dir, "a.pdf"))) await new Promise((resolve) => setTimeout(resolve, 10));
        order.push("a printed", "b made");
        yield request(join(dir, "b.pdf"), fixtureHtml("paper-2"));
      }
      const results = await printer.printEach(documents());
      expect(order).toEqual(["a made", "a printed", "b made"]);
      expect(results.map((r) => r.outFile)).toEqual([join(dir, "a.pdf"), join(dir, "b.pdf")]);
      expect(results.every((r) => r.pages > 1)).toBe(true);
    } finally {
      await printer.close();
    }
  }, 40_000);

  it("stops printing with the error of a document source that fails, and can print again after", async () => {
    const dir = join(root, "stream-fails");
    const printer = await openPrinter({ format: "A4", concurrency: 2 });
    try {
      async function* documents(): AsyncGenerator<PrintRequest> {
        yield request(join(dir, "a.pdf"));
        throw new Error("the renderer broke");
      }
      await expect(printer.printEach(documents())).rejects.toThrow("the renderer broke");
      const [again] = await printer.print([request(join(dir, "b.pdf"))]);
      expect(again?.pages).toBeGreaterThan(1);
    } finally {
      await printer.close();
    }
  }, 40_000);
});

describe("pages of other PDFs", () => {
  /** fixtureHtml(name) as `path` in dir, saying first on which page of `target` ("b.pdf#next-steps") a section is, when given. */
  const document = (dir: string, path: string, name: string, target?: string): PrintRequest => ({
    ...request(join(dir, path), target === undefined ? fixtureHtml(name) : fixtureHtml(name).replace("<main>",
      `<main><p>See the next steps<span class="cross-see"> (Paper 1, p.\u00a0<span class="cross-page" data-target="${target}"></span>)</span>.</p>`)),
    path,
    ...(target === undefined ? {} : { crossTargets: [target] }),
  });
  const textOf = (pdf: string): string => spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).stdout.replace(/\u00a0/g, " ");
  /** Prints the documents, given in this order, with a board of their paths. */
  async function printInTurn(documents: readonly PrintRequest[]): Promise<PrintResult[]> {
    const printer = await openPrinter({ format: "A4", concurrency: 2 });
    try {
      return await printer.printEach((async function* given(): AsyncGenerator<PrintRequest> { yield* documents; })(), undefined,
        new CrossPageBoard(documents.map((d) => d.path!)));
    } finally {
      await printer.close();
    }
  }

  it("waits for the other document to be laid out, then prints its page the first time", async () => {
    const dir = join(root, "cross");
    // The referring document comes first and is the longer: without waiting it would print first, without the page.
    const results = await printInTurn([document(dir, "a.pdf", "paper-3", "b.pdf#next-steps"), document(dir, "b.pdf", "paper-1")]);
    const page = results[1]?.anchors["next-steps"];
    expect(page).toBeGreaterThan(2);
    expect(textOf(join(dir, "b.pdf")).split("\f")[page! - 1]).toContain("Next steps");
    expect(textOf(join(dir, "a.pdf"))).toContain(`See the next steps (Paper 1, p. ${page}).`);
    expect(results.map((r) => r.prints)).toEqual([1, 1]);
  }, 40_000);

  it("prints documents that refer to each other, the second with the first one's page", async () => {
    const dir = join(root, "cross-both");
    const results = await printInTurn([document(dir, "a.pdf", "paper-3", "b.pdf#next-steps"), document(dir, "b.pdf", "paper-1", "a.pdf#next-steps")]);
    // a is the longer, so it goes first, knowing no page of b; b then knows a's.
    expect(textOf(join(dir, "a.pdf"))).not.toContain("(Paper 1, p.");
    expect(textOf(join(dir, "b.pdf"))).toContain(`See the next steps (Paper 1, p. ${results[0]?.anchors["next-steps"]}).`);
  }, 40_000);
});

describe("contents page numbers", () => {
  it("reprints when the printed layout differs from the estimate, and then the numbers are right", async () => {
    // A document that changes its layout only when printed: the estimate misses by a page.
    const late = `<script>addEventListener("beforeprint", () => { if (!document.getElementById("late")) { const d = document.createElement("div"); d.id = "late"; d.style.height = "600px"; document.querySelector("main").prepend(d); } });</script>`;
    const out = join(root, "late", "a.pdf");
    const [result] = await printDocuments([request(out, fixtureHtml("paper-1").replace("</head>", `${late}</head>`))], { format: "A4" });
    expect(result?.prints).toBe(2);
    const { entries } = checkContents(await pdfFacts(new Uint8Array(readFileSync(out))));
    expect(entries.length).toBeGreaterThan(5);
    for (const entry of entries) expect(entry.printed).toBe(entry.actual);
  }, 30_000);

  it("prints once when the estimate is right", async () => {
    const results = await printDocuments(
      ["paper-1", "paper-2", "paper-3", "paper-4", "series"].map((name) => request(join(root, "once", `${name}.pdf`), fixtureHtml(name))),
      { format: "A4" },
    );
    expect(results.map((result) => result.prints)).toEqual([1, 1, 1, 1, 1]);
  }, 30_000);
});

describe("Chromium's command line", () => {
  it("is puppeteer's for headless work over a pipe, then ours, with a profile in TMPDIR, never --single-process", async () => {
    const dir = join(root, "command-line");
    const logged = join(dir, "args");
    const wrapper = executable(join(dir, "chromium"), `printf '%s\\n' "$@" > '${logged}'\nexec ${CHROMIUM} "$@"`);
    await printDocuments([request(join(dir, "a.pdf"))], { chromium: wrapper, format: "A4" });
    const args = readFileSync(logged, "utf8").trim().split("\n");
    for (const flag of ["--headless=new", "--remote-debugging-pipe", "--export-tagged-pdf", "--generate-pdf-document-outline", ...CHROMIUM_ARGS]) {
      expect(args).toContain(flag);
    }
    expect(args.filter((arg) => arg.startsWith("--user-data-dir="))).toEqual([expect.stringMatching(new RegExp(`^--user-data-dir=${join(root, "tmp")}/papersmith-chromium-`))]);
    expect(args).not.toContain("--single-process");
    expect(profilesLeft()).toEqual([]);
  }, 40_000);
});

describe("cssString", () => {
  it("keeps any text inside one CSS string, and inside the <style> element", () => {
    expect(cssString("Series — Paper 1")).toBe('"Series — Paper 1"');
    expect(cssString('a "b" \\ c')).toBe('"a \\22 b\\22  \\5c  c"');
    expect(cssString("</style><script>")).toBe('"\\3c /style\\3e \\3c script\\3e "');
    expect(cssString("line\nbreak\u0000")).toBe('"line\\a break\\fffd "');
  });
});

describe("print CSS", () => {
  it("goes last in the head, or before the body when there is no head", () => {
    expect(withPrintStyle("<html><head><title>t</title></head><body></body></html>", "a{}")).toBe(
      '<html><head><title>t</title><style id="papersmith-print">a{}</style></head><body></body></html>',
    );
    expect(withPrintStyle("<p>hi</p>", "a{}")).toBe('<style id="papersmith-print">a{}</style><p>hi</p>');
    expect(() => withPrintStyle("<p></p>", "</style>")).toThrow();
  });

  it("knows the paper sizes and refuses others", () => {
    expect(pageBox("A4")).toMatchObject({ size: "A4", viewport: { width: 643, height: 964 } });
    expect(pageBox("letter landscape").size).toBe("LETTER landscape");
    // A wide table's page: the same paper turned, whichever way the document's pages stand.
    expect(pageBox("A4").wide).toEqual({ size: "A4 landscape", contentWidth: "calc(297mm - 20mm - 20mm)" });
    expect(pageBox("A4 landscape").wide).toEqual(pageBox("A4").wide);
    expect(pageBox("letter").wide.contentWidth).toBe("calc(279.4mm - 20mm - 20mm)");
    expect(() => pageBox("A4; } body { display: none")).toThrow(RangeError);
    expect(() => pageBox("Folio")).toThrow(/Unknown PDF page format/);
  });
});
