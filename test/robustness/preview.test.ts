import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPreview, type PreviewServer } from "../../src/server/preview-server.js";
import { silentReporter, type PreviewReporter } from "../../src/server/reporter.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { paper, projectWith } from "../helpers/robustness.js";

/**
 * The preview on a bad day (issue 10, "Preview"): bad saves, deleted and renamed files,
 * folders appearing, 1,000 rapid edits. The server stays up, keeps serving the last good
 * pages, reports the problems, and recovers when they are fixed. (Traversal and 200 saves with
 * a real browser: test/preview.test.ts.)
 */

const FIRST = "papers/01-first.md";
const PAGE = "papers/1-first-paper.html";

let dir: string;
let server: PreviewServer;
let original: string;
const failures: string[] = [];
let lastDiagnostics: readonly Diagnostic[] = [];

const reporter: PreviewReporter = {
  ...silentReporter,
  failure: (message) => { failures.push(message); },
  diagnostics: async (_root, diagnostics) => { lastDiagnostics = diagnostics; },
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for the watcher's quiet time and the rebuilds it starts. */
async function settle(): Promise<void> {
  await sleep(200);
  await server.idle();
  await sleep(50);
  await server.idle();
}

async function get(path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(new URL(path, server.url));
  return { status: res.status, text: await res.text() };
}

function save(file: string, content: string | Uint8Array): void {
  mkdirSync(join(dir, file, ".."), { recursive: true });
  writeFileSync(join(dir, file), content);
}

beforeAll(async () => {
  dir = projectWith();
  original = readFileSync(join(dir, FIRST), "utf8");
  server = await startPreview({ projectDir: dir, port: 0, reporter, debounceMs: 30 });
});

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("preview robustness", () => {
  it("keeps serving the last good page after a save that breaks the YAML, and recovers", async () => {
    save(FIRST, original.replace("Introduction", "Opening words"));
    await settle();
    expect((await get(PAGE)).text).toContain("Opening words");
    save(FIRST, original.replace("number: 1", "number: [1").replace("Introduction", "Broken words"));
    await settle();
    const page = await get(PAGE);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Opening words");
    expect(lastDiagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`)).toContain("papers/01-first.md:2 yaml-syntax");
    save(FIRST, original.replace("Introduction", "Fixed words"));
    await settle();
    expect((await get(PAGE)).text).toContain("Fixed words");
    expect(failures).toEqual([]);
  });

  it("survives a half-written save, a binary save and an empty save", async () => {
    for (const bad of [original.slice(0, 20), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff]), ""]) {
      save(FIRST, bad);
      await settle();
      expect((await get(PAGE)).status).toBe(200);
      expect(lastDiagnostics.some((d) => d.file === FIRST && d.severity === "error")).toBe(true);
    }
    save(FIRST, original);
    await settle();
    expect((await get(PAGE)).text).toContain("Introduction");
    expect(failures).toEqual([]);
  });

  it("drops a deleted paper's page while the rest of the site stays up", async () => {
    save("papers/02-second.md", paper("number: 2\ntitle: Second paper\ndate: 2024-02-01\nstatus: final", "Second text.\n"));
    await settle();
    expect((await get("papers/2-second-paper.html")).status).toBe(200);
    rmSync(join(dir, "papers/02-second.md"));
    await settle();
    expect((await get("papers/2-second-paper.html")).status).toBe(404);
    expect((await get("/")).status).toBe(200);
    expect(failures).toEqual([]);
  });

  it("follows a renamed source file: the page keeps its address", async () => {
    renameSync(join(dir, FIRST), join(dir, "papers/01-renamed.md"));
    await settle();
    expect((await get(PAGE)).text).toContain("Introduction");
    renameSync(join(dir, "papers/01-renamed.md"), join(dir, FIRST));
    await settle();
    expect((await get(PAGE)).status).toBe(200);
    expect(failures).toEqual([]);
  });

  it("picks up folders that appear (sessions/ with a file) and reports a folder named like a paper", async () => {
    save("sessions/july.md", "---\ntitle: July session\ndate: 2024-07-01\n---\n\nNotes.\n");
    await settle();
    expect((await get("sessions/july.html")).status).toBe(200);
    mkdirSync(join(dir, "papers/03-folder.md"));
    await settle();
    expect(lastDiagnostics.map((d) => `${d.file} ${d.rule} ${d.message}`)).toContain("papers/03-folder.md schema papers/03-folder.md is a folder, but a file is expected here.");
    expect((await get(PAGE)).status).toBe(200);
    rmSync(join(dir, "papers/03-folder.md"), { recursive: true });
    rmSync(join(dir, "sessions"), { recursive: true });
    await settle();
    expect(lastDiagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(failures).toEqual([]);
  });

  it("reports a deleted papersmith.yaml without stopping, and resumes when it is restored", async () => {
    const config = readFileSync(join(dir, "papersmith.yaml"), "utf8");
    rmSync(join(dir, "papersmith.yaml"));
    await settle();
    expect(failures.join("\n")).toMatch(/papersmith\.yaml/);
    expect((await get(PAGE)).status).toBe(200);
    failures.length = 0;
    save("papersmith.yaml", config.replace("Robustness series", "Restored series"));
    await settle();
    expect((await get("/")).text).toContain("Restored series");
    expect(failures).toEqual([]);
  });

  it("stays up through 1,000 rapid edits and serves the last one", async () => {
    const rebuildsBefore = server.rebuilds;
    const watchers = server.watchers;
    for (let i = 0; i < 1000; i += 1) {
      save(FIRST, original.replace("Introduction", `Edit number ${i}`));
      if (i % 50 === 0) await sleep(2);
    }
    await settle();
    await settle();
    expect((await get(PAGE)).text).toContain("Edit number 999");
    expect(server.rebuilds - rebuildsBefore).toBeLessThan(500);
    expect(server.watchers).toBe(watchers);
    expect(failures).toEqual([]);
  }, 60_000);
});
