import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkProject } from "../src/check.js";

import { renderSite } from "../src/render/site.js";
import { cacheRoot, projectCacheFile } from "../src/config/cache-location.js";
import { serialize } from "node:v8";
import { packHead, readPack } from "../src/load/cache-pack.js";
import { codeFingerprint } from "../src/load/code-fingerprint.js";
import { DiskCache, type DiskCacheStats } from "../src/load/disk-cache.js";
import { pathsToString, survivesJson } from "../src/load/entry-encoding.js";
import { SourceCache } from "../src/load/source-cache.js";
import { readFileSync } from "node:fs";
import { generateSeries } from "../bench/src/generate-series.js";
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
const fingerprint = await codeFingerprint();
const freshCacheDir = (): string => join(scratch, `cache-${folders++}`);

/** One run that meets `text` at `file`: it keeps only the key, so the next run keeps the result. */
async function seeOnce(cacheDir: string, project: string, file: string, text: string): Promise<void> {
  const cache = await DiskCache.open(cacheDir, project);
  cache?.lookup("test", file, text, () => ({ seen: true }));
  expect((await cache?.close())?.firstSeen).toBe(1);
}

function copyOf(dir: string): string {
  const copy = join(scratch, `project-${folders++}`);
  cpSync(dir, copy, { recursive: true });
  return copy;
}

describe("parse cache: same results as without it", () => {
  it("reports every check fixture's diagnostics identically cold, while keeping, and read back", async () => {
    for (const name of fixtureCases("check")) {
      const dir = fixture("check", name);
      const cacheDir = freshCacheDir();
      const plain = await checkProject(dir);
      const cold = await checkProject(dir, { cacheDir });
      const keeping = await checkProject(dir, { cacheDir });
      const warm = await checkProject(dir, { cacheDir });
      expect(cold.diagnostics, name).toEqual(plain.diagnostics);
      expect(keeping.diagnostics, name).toEqual(plain.diagnostics);
      expect(warm.diagnostics, name).toEqual(plain.diagnostics);
      // Seen first, then kept by the run that sees the same texts again, then read back.
      expect(cold.cache, name).toMatchObject({ hits: 0, firstSeen: cold.cache?.misses });
      expect(keeping.cache, name).toMatchObject({ hits: 0, misses: cold.cache?.misses, firstSeen: 0 });
      expect(warm.cache, name).toMatchObject({ hits: cold.cache?.misses, misses: 0, written: 0, dropped: 0 });
    }
  });

  it("renders the example series to the same bytes from cached files", async () => {
    const dir = join(REPO, "examples/integrated-care-series");
    const cacheDir = freshCacheDir();
    const render = async (options: { cacheDir?: string }): Promise<Map<string, string>> => {
      const { series, index } = await checkProject(dir, options);
      const site = await renderSite(series, index, { includeDrafts: true, pdfLinks: true });
      return new Map([...site.files.map((f) => [f.path, String(f.content)] as const), ...site.print.map((d) => [`print:${d.path}`, d.html] as const)]);
    };
    const plain = await render({});
    await render({ cacheDir });
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
    await checkProject(dir, { cacheDir });
    const first = await checkProject(dir, { cacheDir });
    expect(first.diagnostics).toEqual([]);
    const paper = join(dir, "papers", readdirSync(join(dir, "papers"))[0]!);
    appendFileSync(paper, "\nSee :case[no-such-case].\n");
    const second = await checkProject(dir, { cacheDir });
    // The paper is parsed again and scanned again for personal data: two entries, of a text no run saw.
    expect(second.cache).toMatchObject({ misses: 2, firstSeen: 2, dropped: 2, hits: first.cache!.misses - 2 });
    expect(second.diagnostics.map((d) => d.rule)).toEqual(["ref-missing"]);
    expect(second.diagnostics).toEqual((await checkProject(dir)).diagnostics);
  });

  it("applies an edited allow-list to personal-data findings kept from an unchanged paper", async () => {
    const dir = copyOf(fixture("check", "personal-data-allow"));
    const cacheDir = freshCacheDir();
    const rules = async (): Promise<string[]> => (await checkProject(dir, { cacheDir })).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`);
    const before = await rules();
    expect(await rules()).toEqual(before); // this second run keeps the findings
    expect(before).toContain("papers/01-first.md:7:65 personal-data");
    const config = join(dir, "papersmith.yaml");
    writeFileSync(config, readFileSync(config, "utf8").replace("    - text: LS1 4AP\n", "    - text: LS1 4AP\n      reason: The clinic's public address.\n"));
    const after = await checkProject(dir, { cacheDir });
    // The paper was neither parsed nor scanned again, yet its postcode is now allowed.
    expect(after.cache?.hits).toBeGreaterThan(0);
    expect(after.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual(before.filter((d) => !d.startsWith("papers/01-first.md:7:65") && !d.includes("schema")));
    expect(after.diagnostics).toEqual((await checkProject(dir)).diagnostics);
  });

  it("reads back readability figures exactly as measured", async () => {
    const dir = join(REPO, "examples", "integrated-care-series");
    const cacheDir = freshCacheDir();
    const plain = await checkProject(dir, { forceOn: ["readability"] });
    const cold = await checkProject(dir, { cacheDir, forceOn: ["readability"] });
    const keeping = await checkProject(dir, { cacheDir, forceOn: ["readability"] });
    const warm = await checkProject(dir, { cacheDir, forceOn: ["readability"] });
    expect(plain.diagnostics.filter((d) => d.rule === "readability").length).toBeGreaterThan(3);
    expect(cold.diagnostics).toEqual(plain.diagnostics);
    expect(keeping.diagnostics).toEqual(plain.diagnostics);
    expect(warm.diagnostics).toEqual(plain.diagnostics);
    // Readability is a rule's finding, always kept; a paper may be made again (see the next describe).
    expect(warm.cache).toMatchObject({ misses: 0 });
    expect(warm.cache!.hits + warm.cache!.remade).toBe(cold.cache?.misses);
  });

  it("treats a damaged pack as empty and writes a good one", async () => {
    const dir = fixture("check", "ref-missing");
    const cacheDir = freshCacheDir();
    const plain = await checkProject(dir);
    await checkProject(dir, { cacheDir });
    const first = await checkProject(dir, { cacheDir });
    const [pack] = readdirSync(join(cacheDir, "projects")).filter((n) => n.endsWith(".pack"));
    writeFileSync(join(cacheDir, "projects", pack!), "not a pack at all");
    const damaged = await checkProject(dir, { cacheDir });
    expect(damaged.diagnostics).toEqual(plain.diagnostics);
    expect(damaged.cache).toMatchObject({ hits: 0, misses: first.cache!.misses, firstSeen: first.cache!.misses, written: first.cache!.misses });
    // The pack it wrote is read: its texts are known, then kept, then read back.
    expect((await checkProject(dir, { cacheDir })).cache).toMatchObject({ hits: 0, firstSeen: 0 });
    expect((await checkProject(dir, { cacheDir })).cache).toMatchObject({ misses: 0 });
  });

  it("reads a pack of other code, one cut short, one whose index does not match its entries, and one in V8's format (an older papersmith's) as empty", async () => {
    const cacheDir = freshCacheDir();
    const project = join(scratch, `cut-project-${folders++}`);
    for (const _seenThenKept of [1, 2]) {
      const first = await DiskCache.open(cacheDir, project);
      first?.lookup("test", "a.md", "text a", () => ({ a: 1 }));
      first?.lookup("test", "b.md", "text b", () => ({ b: 2 }));
      await first?.close();
    }
    const file = projectCacheFile(cacheDir, project, ".pack");
    const whole = readFileSync(file);
    expect(readPack(file, fingerprint).size).toBe(2);
    // Written by other code (another papersmith, another Node): nothing in it is used.
    expect(readPack(file, `${fingerprint.slice(1)}0`).size).toBe(0);
    // Cut short anywhere, a pack's last bytes are no longer its index's length.
    for (const cut of [1, 2, 5, whole.length - 30]) {
      writeFileSync(file, whole.subarray(0, whole.length - cut));
      expect(readPack(file, fingerprint).size, `cut by ${cut}`).toBe(0);
    }
    // An entry's bytes one short (a write that came up short): the index no longer fits.
    const head = packHead(fingerprint);
    writeFileSync(file, Buffer.concat([head, whole.subarray(head.length + 1)]));
    expect(readPack(file, fingerprint).size).toBe(0);
    writeFileSync(file, whole);
    const computed: string[] = [];
    const second = await DiskCache.open(cacheDir, project);
    expect(second?.lookup("test", "a.md", "text a", () => { computed.push("a"); return { a: 1 }; })).toEqual({ a: 1 });
    expect(second?.lookup("test", "b.md", "text b", () => { computed.push("b"); return { b: 2 }; })).toEqual({ b: 2 });
    expect(computed).toEqual([]);
    writeFileSync(file, serialize(new Map([["k", { data: "{}", textAt: [] }]])));
    expect(readPack(file, fingerprint).size).toBe(0);
  });

  it("writes the next pack from the first miss on, with the hits before it, and only when something changed", async () => {
    const cacheDir = freshCacheDir();
    const project = join(scratch, `stream-project-${folders++}`);
    const file = projectCacheFile(cacheDir, project, ".pack");
    const run = async (texts: readonly string[]): Promise<DiskCacheStats | undefined> => {
      const cache = await DiskCache.open(cacheDir, project);
      for (const [i, text] of texts.entries()) cache?.lookup("test", `${i}.md`, text, () => ({ text: text.toUpperCase(), big: text.repeat(600_000) }));
      return cache?.close();
    };
    const texts = (): (string | undefined)[] => [...readPack(file, fingerprint).values()].map((entry) => entry.bytes.length === 0 ? undefined : JSON.parse(entry.bytes.toString("utf8")).text);
    // Seen first: only the keys are kept. Then kept, as entries of 600 KB: the pack goes out in more than one write.
    expect(await run(["a", "b", "c"])).toMatchObject({ hits: 0, misses: 3, firstSeen: 3, written: 3 });
    expect(texts()).toEqual([undefined, undefined, undefined]);
    expect(await run(["a", "b", "c"])).toMatchObject({ hits: 0, misses: 3, firstSeen: 0, written: 3 });
    const written = statSync(file).mtimeMs;
    expect(await run(["a", "b", "c"])).toMatchObject({ hits: 3, misses: 0, written: 0 });
    expect(statSync(file).mtimeMs).toBe(written);
    // Two hits before the miss: all three go in the new pack, in the order they were used; the changed text seen only.
    expect(await run(["a", "b", "changed"])).toMatchObject({ hits: 2, misses: 1, firstSeen: 1, written: 3, dropped: 1 });
    expect(texts()).toEqual(["A", "B", undefined]);
    expect(await run(["a", "b", "changed"])).toMatchObject({ hits: 2, misses: 1, firstSeen: 0, written: 3, dropped: 0 });
    expect(texts()).toEqual(["A", "B", "CHANGED"]);
    // No miss but one entry gone: the pack is written again without it.
    expect(await run(["a", "b"])).toMatchObject({ hits: 2, misses: 0, written: 2, dropped: 1 });
    expect(readPack(file, fingerprint).size).toBe(2);
    expect(readdirSync(dirname(file)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("writes a pack of thousands of entries with no bytes in a row", async () => {
    const cacheDir = freshCacheDir();
    const project = join(scratch, `keys-project-${folders++}`);
    const file = projectCacheFile(cacheDir, project, ".pack");
    const run = async (): Promise<DiskCacheStats | undefined> => {
      const cache = await DiskCache.open(cacheDir, project);
      for (let i = 0; i < 3000; i++) cache?.lookup("test", `${i}.md`, `text ${i}`, () => ({ i }), { remakeUnderMs: Infinity });
      return cache?.close();
    };
    // libuv ends a writev at 1,024 empty buffers in a row: the pack must not hand it any.
    expect(await run()).toMatchObject({ misses: 3000, written: 3000 });
    expect(readPack(file, fingerprint).size).toBe(3000);
    expect(await run()).toMatchObject({ remade: 3000, misses: 0, written: 0 });
  });

  it("sweeps packs unused for 30 days and temporary files of killed runs, once a day", async () => {
    const cacheDir = freshCacheDir();
    const projects = join(cacheDir, "projects");
    mkdirSync(projects, { recursive: true });
    const hours = (n: number): Date => new Date(Date.now() - n * 3600 * 1000);
    const aged = { "old.pack": hours(31 * 24), "recent.pack": hours(29 * 24), "killed.pack.1-ab.tmp": hours(2), "running.pack.2-cd.tmp": hours(0.1) };
    for (const [name, time] of Object.entries(aged)) {
      writeFileSync(join(projects, name), "x");
      utimesSync(join(projects, name), time, time);
    }
    const run = async (): Promise<void> => {
      const cache = await DiskCache.open(cacheDir, join(scratch, "sweep-project"));
      cache?.lookup("test", "a.md", "a", () => ({ a: 1 }));
      await cache?.close();
    };
    await run();
    const left = readdirSync(projects);
    expect(left.filter((name) => name in aged).sort()).toEqual(["recent.pack", "running.pack.2-cd.tmp"]);
    expect(left.filter((name) => name.endsWith(".tmp"))).toEqual(["running.pack.2-cd.tmp"]);
    // Swept today already: an old pack put there now stays until tomorrow's sweep.
    writeFileSync(join(projects, "old.pack"), "x");
    utimesSync(join(projects, "old.pack"), hours(31 * 24), hours(31 * 24));
    await run();
    expect(readdirSync(projects)).toContain("old.pack");
  });

  it("makes again, and does not keep, a result made quicker than asked; its key stays, so a run that changes nothing still writes nothing", async () => {
    const cacheDir = freshCacheDir();
    const project = join(scratch, `remake-project-${folders++}`);
    const file = projectCacheFile(cacheDir, project, ".pack");
    const computed: string[] = [];
    const run = async (texts: Record<string, string>): Promise<DiskCacheStats | undefined> => {
      const cache = await DiskCache.open(cacheDir, project);
      for (const [name, text] of Object.entries(texts)) {
        const compute = (): { text: string } => { computed.push(name); return { text: text.toUpperCase() }; };
        // "quick" is always judged not worth keeping, "slow" never.
        expect(cache?.lookup("test", name, text, compute, { remakeUnderMs: name === "quick" ? Infinity : 0 })).toEqual({ text: text.toUpperCase() });
      }
      return cache?.close();
    };
    // The quick one is remade from the first run on; the slow one is kept from the second.
    expect(await run({ quick: "a", slow: "b" })).toMatchObject({ hits: 0, remade: 0, misses: 2, firstSeen: 1, written: 2 });
    expect(await run({ quick: "a", slow: "b" })).toMatchObject({ hits: 0, remade: 1, misses: 1, firstSeen: 0, written: 2 });
    const written = statSync(file).mtimeMs;
    // The quick one's entry has no bytes: nothing to read back.
    expect([...readPack(file, fingerprint).values()].map((entry) => entry.bytes.length)).toEqual([0, expect.any(Number)]);
    expect(await run({ quick: "a", slow: "b" })).toMatchObject({ hits: 1, remade: 1, misses: 0, written: 0, dropped: 0 });
    expect(statSync(file).mtimeMs).toBe(written);
    expect(computed).toEqual(["quick", "slow", "quick", "slow", "quick"]);
    // Changed, it is a miss like any other.
    expect(await run({ quick: "changed", slow: "b" })).toMatchObject({ hits: 1, remade: 0, misses: 1, written: 2, dropped: 1 });
  });

  it("keeps every Markdown file under 8 KiB, and a long one micromark has to parse", async () => {
    const dir = copyOf(fixture("check", "clean"));
    // 24 KiB of lists, tables and quotes, which only micromark parses: about 2 ms a KiB here, forty times what is kept.
    const block = "- A *point* with `code`, [a link](https://example.org/a), and\n  - a sub-point.\n\n| Measure | Before | After |\n| --- | ---: | ---: |\n| Waits | 14 | 9 |\n\n> A quote, *with* emphasis.\n\n";
    appendFileSync(join(dir, "papers", readdirSync(join(dir, "papers"))[0]!), `\n${block.repeat(24_000 / block.length)}`);
    const cacheDir = freshCacheDir();
    const cold = await checkProject(dir, { cacheDir });
    await checkProject(dir, { cacheDir });
    const warm = await checkProject(dir, { cacheDir });
    expect(warm.cache).toMatchObject({ hits: cold.cache?.misses, remade: 0, misses: 0 });
    expect(warm.diagnostics).toEqual((await checkProject(dir)).diagnostics);
  });

  it("removes the pack it was writing when the run fails, and keeps the last one", async () => {
    const cacheDir = freshCacheDir();
    const project = join(scratch, `abandon-project-${folders++}`);
    const file = projectCacheFile(cacheDir, project, ".pack");
    const first = await DiskCache.open(cacheDir, project);
    first?.lookup("test", "a.md", "a", () => ({ a: 1 }));
    await first?.close();
    const before = readFileSync(file);
    const second = await DiskCache.open(cacheDir, project);
    second?.lookup("test", "a.md", "changed", () => ({ a: 2 }));
    await second?.abandon();
    expect(readFileSync(file)).toEqual(before);
    expect(readdirSync(dirname(file))).toEqual([basename(file)]);
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
    await checkProject(dir, { cacheDir });
    const cold = await checkProject(dir, { cacheDir });
    const pack = new Map([...readPack(projectCacheFile(cacheDir, dir, ".pack"), fingerprint)].map(([key, entry]) => [key, { data: entry.json ? entry.bytes.toString("utf8") : entry.bytes, textAt: entry.textAt }]));
    expect(pack.size).toBe(cold.cache?.written);
    // Every Markdown file, and papersmith.yaml, charter.yaml, people.yaml and quotes.yaml; and
    // the personal-data findings of each of them but people.yaml, which the rule exempts.
    const markdownFiles = cold.series.papers.length + cold.series.caseStudies.length + cold.series.sessions.length;
    expect(pack.size).toBe(markdownFiles + 4 + markdownFiles + 3);
    // A session's findings point at nodes of its body tree: JSON would copy them apart.
    const inV8 = [...pack.values()].filter((entry) => typeof entry.data !== "string").length;
    expect(inV8).toBe(cold.series.sessions.length);
    expect(cold.series.sessions.length).toBeGreaterThan(0);
    // No entry holds its file's whole text: the key has it, and reading back puts it back.
    for (const source of cold.series.sources.values()) {
      const entry = [...pack.values()].find((e) => typeof e.data === "string" ? e.data.includes(`"file":${JSON.stringify(source.file)}`) : false);
      if (entry && typeof entry.data === "string" && source.text.length >= 64) {
        expect(entry.data.includes(JSON.stringify(source.text)), source.file).toBe(false);
        expect(entry.textAt.length, source.file).toBeGreaterThan(0);
      }
    }
  });

  it("stores the file's text once, in the key, and puts it back everywhere it was, shared objects too", async () => {
    const text = "A file's text, long enough to be worth leaving out of the entry: ".repeat(3);
    const shared = { source: text, line: 1 };
    const value = { problems: [], source: { text }, body: { source: text, other: "x" }, list: [text, "y"], one: shared, two: shared };
    expect(pathsToString(value, text).map((path) => path.join("."))).toEqual(expect.arrayContaining(["source.text", "body.source", "list.0"]));
    // Through one of the two ways to the shared object only.
    expect(pathsToString(value, text).filter((path) => path.at(-1) === "source" && path.length === 2)).toHaveLength(2);
    const cacheDir = freshCacheDir();
    const project = join(scratch, `text-project-${folders++}`);
    await seeOnce(cacheDir, project, "a.md", text);
    const first = await DiskCache.open(cacheDir, project);
    expect(first?.lookup("test", "a.md", text, () => value)).toBe(value);
    // Encoding left the value as it was.
    expect(value.source.text).toBe(text);
    expect(shared.source).toBe(text);
    await first?.close();
    const packBytes = readFileSync(readdirSync(join(cacheDir, "projects")).map((n) => join(cacheDir, "projects", n))[0]!);
    expect(packBytes.includes(Buffer.from("long enough"))).toBe(false);
    const second = await DiskCache.open(cacheDir, project);
    const back = second!.lookup("test", "a.md", text, (): typeof value => { throw new Error("parsed again"); });
    expect(back).toStrictEqual(value);
    expect(back.one).toBe(back.two);
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

  it("says when it first meets a changed file, once a run, and not on a run that meets none", async () => {
    const cacheDir = freshCacheDir();
    const project = join(scratch, `miss-project-${folders++}`);
    let calls = 0;
    const run = async (texts: string[]): Promise<void> => {
      const cache = await DiskCache.open(cacheDir, project, { onFirstChange: () => calls++ });
      for (const [i, text] of texts.entries()) cache?.lookup("test", `${i}.md`, text, () => ({ problems: [], text }));
      await cache?.close();
    };
    await run(["a", "b"]);
    expect(calls).toBe(1);
    await run(["a", "b"]);
    expect(calls).toBe(1);
    await run(["a", "changed", "new"]);
    expect(calls).toBe(2);
  });

  it("keeps a result JSON cannot hold in V8's format, and reads it back whole", async () => {
    const cacheDir = freshCacheDir();
    const project = join(scratch, `json-project-${folders++}`);
    const value = { problems: [], date: new Date(86_400_000), start: { line: 1 }, missing: undefined };
    await seeOnce(cacheDir, project, "a.md", "text");
    const first = await DiskCache.open(cacheDir, project);
    first?.lookup("test", "a.md", "text", () => value);
    await first?.close();
    const second = await DiskCache.open(cacheDir, project);
    const back = second!.lookup("test", "a.md", "text", (): typeof value => { throw new Error("parsed again"); });
    expect(back).toStrictEqual(value);
    expect(back.date).toBeInstanceOf(Date);
    expect("missing" in back).toBe(true);
  });

  it("does not keep a result it cannot encode, and gives it back as computed", async () => {
    const cacheDir = freshCacheDir();
    const project = join(scratch, `unencodable-project-${folders++}`);
    const value = { problems: [], format: () => "a function: neither JSON nor V8's serialization holds it" };
    await seeOnce(cacheDir, project, "a.md", "text");
    const first = await DiskCache.open(cacheDir, project);
    expect(first?.lookup("test", "a.md", "text", () => value)).toBe(value);
    expect((await first?.close())?.written).toBe(0);
    const second = await DiskCache.open(cacheDir, project);
    let computed = 0;
    second?.lookup("test", "a.md", "text", () => { computed++; return value; });
    expect(computed).toBe(1);
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

  it("removes the pack a check was writing when it is stopped by Ctrl-C, and keeps the last one", async () => {
    const cacheDir = freshCacheDir();
    const project = join(scratch, `sigint-project-${folders++}`);
    await generateSeries(project, { papers: 150, caseStudies: 600, sessions: 30 });
    expect((await papersmith("check", project).env({ PAPERSMITH_CACHE_DIR: cacheDir }).run()).code).toBe(0);
    const pack = projectCacheFile(cacheDir, project, ".pack");
    const before = readFileSync(pack);
    for (const file of readdirSync(join(project, "papers"))) appendFileSync(join(project, "papers", file), "\nA sentence added since.\n");
    const child = spawn(process.execPath, [join(REPO, "bin/papersmith"), "check", project], {
      env: { ...process.env, PAPERSMITH_CACHE_DIR: cacheDir }, stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => { stderr += chunk; });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // Ctrl-C once the new pack is being written.
    const writing = (): boolean => readdirSync(dirname(pack)).some((name) => name.endsWith(".tmp"));
    const started = Date.now();
    while (!writing() && Date.now() - started < 20_000) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(writing()).toBe(true);
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toContain("papersmith: stopped (SIGINT)");
    expect(readdirSync(dirname(pack))).toEqual([basename(pack)]);
    expect(readFileSync(pack).equals(before)).toBe(true);
  }, 60_000);

  it("keeps one pack per project, reads it back, and says so under PAPERSMITH_DEBUG=cache", async () => {
    const cacheDir = freshCacheDir();
    const dir = fixture("check", "unused-entity");
    const env = { PAPERSMITH_CACHE_DIR: cacheDir, PAPERSMITH_DEBUG: "cache" };
    const cold = await papersmith("check", dir, "--format", "json").env(env).run();
    const keeping = await papersmith("check", dir, "--format", "json").env(env).run();
    const warm = await papersmith("check", dir, "--format", "json").env(env).run();
    expect(cold.stderr).toMatch(/^papersmith: cache 0 read, 0 remade, ([1-9]\d*) made \(\1 seen first\), \1 written, 0 dropped \(/);
    expect(keeping.stderr).toMatch(/^papersmith: cache 0 read, 0 remade, ([1-9]\d*) made \(0 seen first\), \1 written, 0 dropped \(/);
    expect(warm.stderr).toMatch(/^papersmith: cache [1-9]\d* read, \d+ remade, 0 made \(0 seen first\), 0 written, 0 dropped \(/);
    expect(keeping.stdout).toBe(cold.stdout);
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
  it("keeps rule results in memory: a rebuild scans only the files that changed, and reports what a fresh check does", async () => {
    /** A SourceCache that notes each rule result it had to compute, by scope and file. */
    class CountingCache extends SourceCache {
      computed: string[] = [];
      override memo<T extends object>(scope: string, file: string, text: string, compute: () => T): T {
        return super.memo(scope, file, text, () => {
          this.computed.push(`${scope} ${file}`);
          return compute();
        });
      }
    }
    const dir = copyOf(fixture("check", "personal-data-allow"));
    const cache = new CountingCache();
    const found = async (): Promise<string[]> => (await checkProject(dir, { cache, forceOn: ["readability"] })).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`);
    const fresh = async (): Promise<string[]> => (await checkProject(dir, { forceOn: ["readability"] })).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`);
    const first = await found();
    expect(cache.computed).toContain("personal-data papers/01-first.md");
    expect(cache.computed).toContain("readability papers/01-first.md");
    cache.computed = [];
    expect(await found()).toEqual(first);
    expect(cache.computed).toEqual([]);
    // A new finding in the paper: only the paper is scanned again.
    const paper = join(dir, "papers", "01-first.md");
    appendFileSync(paper, "\nOr email jo.bloggs@nhs.net or call 07700 900123.\n");
    const edited = await found();
    expect(new Set(cache.computed)).toEqual(new Set(["personal-data papers/01-first.md", "readability papers/01-first.md"]));
    expect(edited).toEqual(await fresh());
    expect(edited.filter((d) => !first.includes(d))).toEqual(["papers/01-first.md:10:10 personal-data", "papers/01-first.md:10:36 personal-data"]);
    // The allow-list is the project's: an edit to it applies to the paper's kept matches.
    cache.computed = [];
    const config = join(dir, "papersmith.yaml");
    writeFileSync(config, readFileSync(config, "utf8").replace("    - text: LS1 4AP\n", "    - text: LS1 4AP\n      reason: The clinic's public address.\n"));
    const allowed = await found();
    expect(cache.computed.filter((c) => c.endsWith("01-first.md"))).toEqual([]);
    expect(allowed).toEqual(await fresh());
    expect(allowed).not.toContain("papers/01-first.md:7:65 personal-data");
  });

  it("reads the disk cache for the first build only; later rebuilds use memory and write no pack", async () => {
    const { SiteBuilder } = await import("../src/server/site-builder.js");
    const dir = copyOf(fixture("check", "clean"));
    const cacheDir = freshCacheDir();
    await checkProject(dir, { cacheDir });
    const primed = await checkProject(dir, { cacheDir });
    const builder = new SiteBuilder(dir, cacheDir);
    const first = await builder.rebuild();
    expect(first.kind).toBe("ok");
    expect(first.kind === "ok" && first.check.cache).toMatchObject({ hits: primed.cache!.misses, misses: 0 });
    appendFileSync(join(dir, "papers", readdirSync(join(dir, "papers"))[0]!), "\nMore text.\n");
    const second = await builder.rebuild();
    expect(second.kind === "ok" && second.check.cache).toBe(undefined);
    // The pack still holds the first build's texts: the edit was parsed in memory only.
    expect((await checkProject(dir, { cacheDir })).cache).toMatchObject({ misses: 2, firstSeen: 2 });
  });
});
