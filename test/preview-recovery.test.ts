import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PreviewPayload } from "../src/server/payload.js";
import { startPreview, type PreviewServer } from "../src/server/preview-server.js";
import { silentReporter, type PreviewReporter } from "../src/server/reporter.js";
import { watchProject } from "../src/server/watcher.js";
import { fixture } from "./helpers/fixtures.js";

/**
 * The preview when the project folder itself is removed and comes back (a fresh clone, a
 * restore): open pages show why, the last good render stays, and editing resumes afterwards.
 */

const PAPER_1 = "papers/1-shared-values.html";
const PAPER_1_SOURCE = "papers/01-values.md";

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds or `ms` pass; gives its last value (bounded, never a timing assertion). */
async function eventually<T>(probe: () => T | Promise<T>, check: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await probe();
  while (!check(value) && Date.now() < deadline) {
    await sleep(50);
    value = await probe();
  }
  return value;
}

describe("watching a project folder that is removed and comes back", () => {
  it("lets go of its watchers, says the folder changed, and watches the new folder", async () => {
    const parent = mkdtempSync(join(tmpdir(), "papersmith-watch-root-"));
    const project = join(parent, "series");
    mkdirSync(join(project, "papers"), { recursive: true });
    const bursts: string[][] = [];
    const watcher = await watchProject(project, { ignoreDirs: [], debounceMs: 30, rootPollMs: 20, onChange: (files) => bursts.push(files) });
    const seen = (file: string) => () => bursts.some((burst) => burst.includes(file));
    try {
      expect(watcher.size).toBe(2);
      rmSync(project, { recursive: true });
      expect(await eventually(() => watcher.size, (size) => size === 0)).toBe(0);
      expect(await eventually(seen(""), Boolean)).toBe(true);

      mkdirSync(join(project, "papers"), { recursive: true });
      writeFileSync(join(project, "papers", "a.md"), "back");
      expect(await eventually(() => watcher.size, (size) => size === 2)).toBe(2);
      expect(await eventually(seen("papers/a.md"), Boolean)).toBe(true); // found when the folder came back, or saved after

      bursts.length = 0;
      writeFileSync(join(project, "papers", "b.md"), "a save in the new folder");
      expect(await eventually(seen("papers/b.md"), Boolean)).toBe(true);
    } finally {
      watcher.close();
      rmSync(parent, { recursive: true, force: true });
    }
    expect(watcher.size).toBe(0);
  });

  it("notices a folder replaced in one step (moved away, another moved in)", async () => {
    const parent = mkdtempSync(join(tmpdir(), "papersmith-watch-swap-"));
    const project = join(parent, "series");
    mkdirSync(project);
    const bursts: string[][] = [];
    const watcher = await watchProject(project, { ignoreDirs: [], debounceMs: 30, rootPollMs: 20, onChange: (files) => bursts.push(files) });
    try {
      mkdirSync(join(parent, "fresh"));
      writeFileSync(join(parent, "fresh", "papersmith.yaml"), "x");
      renameSync(project, join(parent, "old"));
      renameSync(join(parent, "fresh"), project);
      expect(await eventually(() => bursts.some((b) => b.includes("papersmith.yaml")), Boolean)).toBe(true);
      bursts.length = 0;
      writeFileSync(join(project, "papersmith.yaml"), "edited in the folder now at the path");
      expect(await eventually(() => bursts.some((b) => b.includes("papersmith.yaml")), Boolean)).toBe(true);
    } finally {
      watcher.close();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe("papersmith preview when the project folder is removed and recreated", () => {
  let dir: string;
  let server: PreviewServer;
  let original: string;
  const failures: string[] = [];
  const payloads: PreviewPayload[] = [];
  let stream: { destroy(): void } | undefined;
  const reporter: PreviewReporter = { ...silentReporter, failure: (message) => { failures.push(message); } };

  const get = async (path: string): Promise<{ status: number; text: string }> => {
    const res = await fetch(new URL(path, server.url));
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    dir = join(mkdtempSync(join(tmpdir(), "papersmith-preview-recovery-")), "series");
    cpSync(fixture("preview", "basic"), dir, { recursive: true });
    original = readFileSync(join(dir, PAPER_1_SOURCE), "utf8");
    server = await startPreview({ projectDir: dir, port: 0, reporter, debounceMs: 30 });
    // An open page's event stream: what the overlay would show.
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: server.port, path: `/__papersmith/events?page=/${PAPER_1}` }, (res) => {
        let buffer = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (message.startsWith("data: ")) payloads.push(JSON.parse(message.slice("data: ".length)) as PreviewPayload);
          }
        });
        resolve();
      });
      req.on("error", reject);
      req.end();
      stream = req;
    });
  });

  afterAll(async () => {
    stream?.destroy();
    await server?.close();
    if (dir) rmSync(join(dir, ".."), { recursive: true, force: true });
  });

  it("keeps serving the last good render and shows an error while the folder is gone", async () => {
    expect((await get(PAPER_1)).text).toContain("Original opening text.");
    rmSync(dir, { recursive: true });
    const error = await eventually(
      () => payloads.find((p): p is Extract<PreviewPayload, { type: "error" }> => p.type === "error" && p.diagnostics.some((d) => d.message.includes("does not exist"))),
      (found) => found !== undefined,
    );
    expect(error?.diagnostics[0]?.message).toContain("does not exist");
    const page = await get(PAPER_1);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Original opening text.");
    expect((await get("/")).status).toBe(200);
    expect(failures.some((line) => line.includes("does not exist"))).toBe(true);
  });

  it("rebuilds when the folder comes back, and after the next save", async () => {
    const before = payloads.length;
    mkdirSync(join(dir, ".."), { recursive: true });
    cpSync(fixture("preview", "basic"), dir, { recursive: true });
    writeFileSync(join(dir, PAPER_1_SOURCE), original.replace("Original opening text.", "Text of the restored folder."));
    const restored = await eventually(() => get(PAPER_1), (page) => page.text.includes("Text of the restored folder."));
    expect(restored.text).toContain("Text of the restored folder.");
    // Open pages were told to drop the error and show the new render.
    expect(payloads.slice(before).some((p) => p.type === "full-reload" || p.type === "update")).toBe(true);

    writeFileSync(join(dir, PAPER_1_SOURCE), original.replace("Original opening text.", "A save after the folder came back."));
    const saved = await eventually(() => get(PAPER_1), (page) => page.text.includes("A save after the folder came back."));
    expect(saved.text).toContain("A save after the folder came back.");
    expect(server.watchers).toBeGreaterThan(0);
  });
});
