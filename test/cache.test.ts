import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkProject } from "../src/check.js";
import { sourceDate } from "../src/build.js";
import { renderSite } from "../src/render/site.js";
import { cacheRoot, projectCacheFile } from "../src/config/cache-location.js";
import { DiskCache, survivesJson } from "../src/load/disk-cache.js";
import { deserialize } from "node:v8";
import { readFileSync } from "node:fs";
import { fixture, fixtureCases } from "./helpers/fixtures.js";
import { ensureCompiled, papersmith, REPO } from "./helpers/cli.js";

/**
 * The parse cache (issue 9): what the loader made of each Markdown file is kept on disk and read
 * back while the file is unchanged. A cached run must report and render exactly what a run
 * without the cache does, and never use what a file said before it changed.
 */
const scratch = mkdtempSync(join(tmpdir(), "papersmith-cache-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let folders = 0;
const freshCacheDir = (): string => join(scratch, `cache-${folders++}`);

function copyOf(dir: string): string {
  const copy = join(scratch, `project-${folders++}`);
  cpSync(dir, copy, { recursive: true });
  return copy;
}

describe("parse cache: same results as without it", () => {
  it("reports every check fixture's diagnostics identically cold, while writing, and read back", async () => {
    for (const name of fixtureCases("check")) {
      const dir = fixture("check", name);
      const cacheDir = freshCacheDir();
      const plain = await checkProject(dir);
      const cold = await checkProject(dir, { cacheDir });
      const warm = await checkProject(dir, { cacheDir });
      expect(cold.diagnostics, name).toEqual(plain.diagnostics);
      expect(warm.diagnostics, name).toEqual(plain.diagnostics);
      expect(cold.cache?.hits, name).toBe(0);
      expect(warm.cache, name).toMatchObject({ hits: cold.cache?.misses, misses: 0, written: 0, dropped: 0 });
    }
  });

  it("renders the example series to the same bytes from cached files", async () => {
    const dir = join(REPO, "examples/integrated-care-series");
    const cacheDir = freshCacheDir();
    const render = async (options: { cacheDir?: string }): Promise<Map<string, string>> => {
      const { series, index } = await checkProject(dir, options);
      const site = await renderSite(series, index, { includeDrafts: true, sourceDate: sourceDate(series), pdfLinks: true });
      return new Map([...site.files.map((f) => [f.path, String(f.content)] as const), ...site.print.map((d) => [`print:${d.path}`, d.html] as const)]);
    };
    const plain = await render({});
    await render({ cacheDir });
    const { cache } = await checkProject(dir, { cacheDir });
    expect(cache?.misses).toBe(0);
    expect(cache?.hits).toBeGreaterThan(15);
    const warm = await render({ cacheDir });
    expect([...warm.keys()]).toEqual([...plain.keys()]);
    for (const [path, content] of plain) expect(warm.get(path), path).toBe(content);
  });
});

describe("parse cache: never stale", () => {
  it("parses a changed file again and drops its old entry", async () => {
    const dir = copyOf(fixture("check", "clean"));
    const cacheDir = freshCacheDir();
    const first = await checkProject(dir, { cacheDir });
    expect(first.diagnostics).toEqual([]);
    const paper = join(dir, "papers", readdirSync(join(dir, "papers"))[0]!);
    appendFileSync(paper, "\nSee :case[no-such-case].\n");
    const second = await checkProject(dir, { cacheDir });
    expect(second.cache).toMatchObject({ misses: 1, dropped: 1, hits: first.cache!.misses - 1 });
    expect(second.diagnostics.map((d) => d.rule)).toEqual(["ref-missing"]);
    expect(second.diagnostics).toEqual((await checkProject(dir)).diagnostics);
  });

  it("treats a damaged pack as empty and writes a good one", async () => {
    const dir = fixture("check", "ref-missing");
    const cacheDir = freshCacheDir();
    const plain = await checkProject(dir);
    const first = await checkProject(dir, { cacheDir });
    const [pack] = readdirSync(join(cacheDir, "projects")).filter((n) => n.endsWith(".pack"));
    writeFileSync(join(cacheDir, "projects", pack!), "not a pack at all");
    const damaged = await checkProject(dir, { cacheDir });
    expect(damaged.diagnostics).toEqual(plain.diagnostics);
    expect(damaged.cache).toMatchObject({ hits: 0, misses: first.cache!.misses, written: first.cache!.misses });
    expect((await checkProject(dir, { cacheDir })).cache).toMatchObject({ misses: 0 });
  });

  it("checks as usual when the cache folder cannot be made", async () => {
    const blocked = join(scratch, `blocked-${folders++}`);
    writeFileSync(blocked, "a file where the cache folder would go");
    const dir = fixture("check", "ref-missing");
    const result = await checkProject(dir, { cacheDir: blocked });
    expect(result.cache).toBeUndefined();
    expect(result.diagnostics).toEqual((await checkProject(dir)).diagnostics);
  });
});

describe("parse cache: how entries are kept", () => {
  it("keeps the example's YAML files, papers and case studies as JSON, the fast form to read back; sessions in V8's", async () => {
    const cacheDir = freshCacheDir();
    const dir = join(REPO, "examples", "integrated-care-series");
    const cold = await checkProject(dir, { cacheDir });
    const pack = deserialize(readFileSync(projectCacheFile(cacheDir, dir, ".pack"))) as Map<string, unknown>;
    expect(pack.size).toBe(cold.cache?.written);
    // Every Markdown file, and papersmith.yaml, charter.yaml, people.yaml and quotes.yaml.
    expect(pack.size).toBe(cold.series.papers.length + cold.series.caseStudies.length + cold.series.sessions.length + 4);
    // A session's findings point at nodes of its body tree: JSON would copy them apart.
    const inV8 = [...pack.values()].filter((entry) => typeof entry !== "string").length;
    expect(inV8).toBe(cold.series.sessions.length);
    expect(cold.series.sessions.length).toBeGreaterThan(0);
  });

  it("tells which values JSON gives back exactly", () => {
    expect(survivesJson({ type: "root", children: [{ value: "x", n: 1.5 }, null, true], problems: [] })).toBe(true);
    const shared = { line: 1 };
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    for (const value of [
      { a: undefined }, [undefined], [1, , 3], { n: Number.NaN }, { n: Infinity }, { n: -0 }, { d: new Date(0) },
      { m: new Map() }, { s: new Set() }, { b: 1n }, { f: () => 1 }, Object.create(null), { toJSON: () => 1 },
      { start: shared, end: shared }, cyclic, new Uint8Array(2), Object.assign([1], { extra: 2 }), { [Symbol("s")]: 1 },
    ]) expect(survivesJson(value), String(Object.keys(value as object))).toBe(false);
  });

  it("keeps a result JSON cannot hold in V8's format, and reads it back whole", async () => {
    const cacheDir = freshCacheDir();
    const project = join(scratch, `json-project-${folders++}`);
    const value = { problems: [], date: new Date(86_400_000), start: { line: 1 }, missing: undefined };
    const first = await DiskCache.open(cacheDir, project);
    first?.lookup("test", "a.md", "text", () => value);
    await first?.close();
    const second = await DiskCache.open(cacheDir, project);
    const back = second?.lookup("test", "a.md", "text", () => { throw new Error("parsed again"); });
    expect(back).toStrictEqual(value);
    expect((back as typeof value).date).toBeInstanceOf(Date);
    expect("missing" in (back as object)).toBe(true);
  });
});

describe("parse cache: where it lives", () => {
  it("uses PAPERSMITH_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache, and LOCALAPPDATA on Windows", () => {
    expect(cacheRoot({ PAPERSMITH_CACHE_DIR: "/tmp/c", XDG_CACHE_HOME: "/x" }, "linux")).toBe("/tmp/c");
    expect(cacheRoot({ XDG_CACHE_HOME: "/x" }, "linux")).toBe("/x/papersmith");
    expect(cacheRoot({ XDG_CACHE_HOME: "relative" }, "linux")).toMatch(/\/\.cache\/papersmith$/);
    expect(cacheRoot({}, "linux")).toMatch(/\/\.cache\/papersmith$/);
    expect(cacheRoot({ LOCALAPPDATA: "C:\\Users\\a\\AppData\\Local" }, "win32")).toContain("papersmith");
  });
});

describe("parse cache: command line", () => {
  ensureCompiled();

  it("keeps one pack per project, reads it back, and says so under PAPERSMITH_DEBUG=cache", async () => {
    const cacheDir = freshCacheDir();
    const dir = fixture("check", "unused-entity");
    const env = { PAPERSMITH_CACHE_DIR: cacheDir, PAPERSMITH_DEBUG: "cache" };
    const cold = await papersmith("check", dir, "--format", "json").env(env).run();
    const warm = await papersmith("check", dir, "--format", "json").env(env).run();
    expect(cold.stderr).toMatch(/^papersmith: cache 0 read, [1-9]\d* parsed, [1-9]\d* written, 0 dropped \(/);
    expect(warm.stderr).toMatch(/^papersmith: cache [1-9]\d* read, 0 parsed, 0 written, 0 dropped \(/);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.code).toBe(cold.code);
    const packs = readdirSync(join(cacheDir, "projects")).filter((n) => n.endsWith(".pack"));
    expect(packs).toHaveLength(1);
    // What was parsed from the sources is readable by its owner only.
    expect(statSync(join(cacheDir, "projects", packs[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(join(cacheDir, "projects")).mode & 0o777).toBe(0o700);
  });

  it("--no-cache neither reads nor writes it", async () => {
    const cacheDir = freshCacheDir();
    const run = await papersmith("check", fixture("check", "clean"), "--no-cache").env({ PAPERSMITH_CACHE_DIR: cacheDir, PAPERSMITH_DEBUG: "cache" }).run();
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(existsSync(cacheDir)).toBe(false);
  });
});

describe("parse cache: preview", () => {
  it("reads the disk cache for the first build only; later rebuilds use memory and write no pack", async () => {
    const { SiteBuilder } = await import("../src/server/site-builder.js");
    const dir = copyOf(fixture("check", "clean"));
    const cacheDir = freshCacheDir();
    const primed = await checkProject(dir, { cacheDir });
    const builder = new SiteBuilder(dir, cacheDir);
    const first = await builder.rebuild();
    expect(first.kind).toBe("ok");
    expect(first.kind === "ok" && first.check.cache).toMatchObject({ hits: primed.cache!.misses, misses: 0 });
    appendFileSync(join(dir, "papers", readdirSync(join(dir, "papers"))[0]!), "\nMore text.\n");
    const second = await builder.rebuild();
    expect(second.kind === "ok" && second.check.cache).toBe(undefined);
    // The pack still holds the first build's texts: the edit was parsed in memory only.
    expect((await checkProject(dir, { cacheDir })).cache).toMatchObject({ misses: 1 });
  });
});
