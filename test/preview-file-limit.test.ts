import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listProjectFiles } from "../src/load/project-files.js";
import { startPreview, type PreviewServer } from "../src/server/preview-server.js";
import { silentReporter, type PreviewReporter } from "../src/server/reporter.js";
import { retryOnFileLimit } from "../src/server/retry-file-limit.js";
import { FILE_LIMIT_MESSAGE, SiteBuilder } from "../src/server/site-builder.js";
import { fixture } from "./helpers/fixtures.js";

/**
 * Too many open files (EMFILE/ENFILE) during a rebuild: retried a few times, then one clear line
 * in the terminal and the overlay, and the last good build stays served. The failures are
 * injected: checkProject and readdir fail while the test asks them to.
 */

const inject = vi.hoisted(() => ({ checkFailures: 0, checkCalls: 0, readdirFails: false }));

const tooManyFiles = (code = "EMFILE"): Error =>
  Object.assign(new Error(`${code}: too many open files, open '/somewhere/papers/01-values.md'`), { code });

vi.mock("../src/check.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../src/check.js")>();
  return {
    ...real,
    checkProject: async (...args: Parameters<typeof real.checkProject>) => {
      inject.checkCalls += 1;
      if (inject.checkFailures > 0) {
        inject.checkFailures -= 1;
        throw tooManyFiles();
      }
      return real.checkProject(...args);
    },
  };
});

vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...real,
    readdir: (async (...args: Parameters<typeof real.readdir>) => {
      if (inject.readdirFails && String(args[0]).endsWith("papers")) throw tooManyFiles("ENFILE");
      return real.readdir(...args);
    }) as typeof real.readdir,
  };
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("retrying on too many open files", () => {
  it("retries EMFILE and ENFILE with a growing wait, and gives the result once the work succeeds", async () => {
    const waits: number[] = [];
    const codes = ["EMFILE", "ENFILE"];
    let calls = 0;
    const result = await retryOnFileLimit(async () => {
      calls += 1;
      const code = codes[calls - 1];
      if (code !== undefined) throw tooManyFiles(code);
      return "built";
    }, { sleep: async (ms) => { waits.push(ms); }, delayMs: 10 });
    expect(result).toBe("built");
    expect(calls).toBe(3);
    expect(waits).toEqual([10, 20]);
  });

  it("gives up after the tries allowed, throwing the last failure", async () => {
    const waits: number[] = [];
    let calls = 0;
    const failing = retryOnFileLimit(async () => {
      calls += 1;
      throw tooManyFiles();
    }, { tries: 3, sleep: async (ms) => { waits.push(ms); } });
    await expect(failing).rejects.toMatchObject({ code: "EMFILE" });
    expect(calls).toBe(3);
    expect(waits).toEqual([50, 100]);
  });

  it("never retries any other failure", async () => {
    let calls = 0;
    const waits: number[] = [];
    const failing = retryOnFileLimit(async () => {
      calls += 1;
      throw Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT" });
    }, { sleep: async (ms) => { waits.push(ms); } });
    await expect(failing).rejects.toMatchObject({ code: "ENOENT" });
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });
});

describe("a rebuild out of open files", () => {
  let dir: string;
  let server: PreviewServer;
  let original: string;
  const failures: string[] = [];
  const reporter: PreviewReporter = { ...silentReporter, failure: (message) => { failures.push(message); } };

  const page = async (): Promise<string> => (await fetch(new URL("/papers/1-shared-values.html", server.url))).text();
  /** Saves the paper and waits for the rebuild it starts (bounded). */
  const saveAndSettle = async (text: string): Promise<void> => {
    const rebuilds = server.rebuilds;
    writeFileSync(join(dir, "papers/01-values.md"), original.replace("Original opening text.", text));
    const deadline = Date.now() + 15_000;
    while (server.rebuilds === rebuilds && Date.now() < deadline) await sleep(20);
    await server.idle();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "papersmith-preview-file-limit-"));
    cpSync(fixture("preview", "basic"), dir, { recursive: true });
    original = readFileSync(join(dir, "papers/01-values.md"), "utf8");
    server = await startPreview({ projectDir: dir, port: 0, reporter, debounceMs: 30 });
  });

  afterAll(async () => {
    inject.checkFailures = 0;
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("rebuilds after a brief shortage of file descriptors, with no message", async () => {
    inject.checkFailures = 2;
    await saveAndSettle("Text saved while files were short.");
    expect(inject.checkFailures).toBe(0);
    expect(await page()).toContain("Text saved while files were short.");
    expect(failures).toEqual([]);
  });

  it("reports one clear line, shows it in the overlay, and keeps the last good build when it lasts", async () => {
    inject.checkFailures = 1_000;
    const calls = inject.checkCalls;
    await saveAndSettle("Text that cannot be read.");
    expect(inject.checkCalls - calls).toBe(4); // the first try and three retries
    expect(failures).toEqual([FILE_LIMIT_MESSAGE]);
    expect(FILE_LIMIT_MESSAGE).not.toMatch(/\n|\bat \S+:\d+/); // one line, no stack
    const html = await page();
    expect(html).toContain("Text saved while files were short.");
    expect(html).not.toContain("Text that cannot be read.");
    // A page that opens now is shown the message in the overlay.
    const events = await fetch(new URL("/__papersmith/events?page=/", server.url));
    const reader = events.body!.getReader();
    let received = "";
    const deadline = Date.now() + 5000;
    while (!received.includes('"type":"error"') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect(received).toContain(JSON.stringify(FILE_LIMIT_MESSAGE));

    inject.checkFailures = 0;
    await saveAndSettle("Text after the shortage ended.");
    expect(await page()).toContain("Text after the shortage ended.");
  });

  it("gives up a first build as an environment failure, not a content problem", async () => {
    inject.checkFailures = 1_000;
    const builder = new SiteBuilder(dir, undefined, { sleep: async () => {} });
    const result = await builder.rebuild();
    inject.checkFailures = 0;
    expect(result).toMatchObject({ kind: "failed", message: FILE_LIMIT_MESSAGE });
    await expect(startPreviewFailing(dir)).rejects.toMatchObject({ name: "EnvironmentError", message: FILE_LIMIT_MESSAGE });
  });

  it("never lists a project as smaller than it is when a folder cannot be read", async () => {
    inject.readdirFails = true;
    try {
      await expect(listProjectFiles(dir, "dist")).rejects.toMatchObject({ code: "ENFILE" });
    } finally {
      inject.readdirFails = false;
    }
    expect((await listProjectFiles(dir, "dist")).files.has("papers/01-values.md")).toBe(true);
  });
});

/** startPreview while every read fails for too many open files. */
async function startPreviewFailing(projectDir: string): Promise<PreviewServer> {
  inject.checkFailures = 1_000;
  try {
    return await startPreview({ projectDir, port: 0 });
  } finally {
    inject.checkFailures = 0;
  }
}
