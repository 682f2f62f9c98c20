import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { spawn, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkProject, type CheckOptions } from "../src/check.js";
import { renderSite } from "../src/render/site.js";
import { cacheRoot } from "../src/config/cache-location.js";
import { ParseCache, type ParseCacheStats } from "../src/load/parse-cache.js";
import { SourceCache } from "../src/load/source-cache.js";
import { generateRealisticSeries } from "../bench/src/generate-realistic.js";
import { fixture, fixtureCases } from "./helpers/fixtures.js";
import { ensureCompiled, papersmith, REPO } from "./helpers/cli.js";

/**
 * The parse cache (issue 32): one file per project, read at the start of a check and written at
 * its end, holding the bytes of what the loader made of each file. A check with the cache must
 * report and render exactly what one without it does, whatever state the file is in.
 */
const scratch = mkdtempSync(join(tmpdir(), "papersmith-cache-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let folders = 0;
const freshCacheDir = (): string => join(scratch, `cache-${folders++}`);
const EXAMPLE = join(REPO, "examples", "integrated-care-series");

function copyOf(dir: string): string {
  const copy = join(scratch, `project-${folders++}`);
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** How many files the loader reads in a project: its YAML files and every Markdown file. */
function sourceFiles(dir: string): number {
  const yaml = ["papersmith.yaml", "charter.yaml", "people.yaml", "quotes.yaml", "glossary.yaml", "references.yaml", "references.bib"].filter((name) => existsSync(join(dir, name))).length;
  const markdown = ["papers", "sessions", "case-studies"].flatMap((folder) => existsSync(join(dir, folder)) ? readdirSync(join(dir, folder)) : []);
  return yaml + markdown.filter((name) => name.endsWith(".md")).length;
}

/** The stats of a check that had a cache (a test failure when it had none). */
async function cacheUse(dir: string, options: CheckOptions): Promise<ParseCacheStats> {
  const { cache } = await checkProject(dir, options);
  expect(cache).toBeDefined();
  return cache!;
}

/** Every page and print document of the project, as built from what the check loaded. */
async function rendered(dir: string, options: CheckOptions): Promise<Map<string, string>> {
  const { series, index } = await checkProject(dir, options);
  const site = await renderSite(series, index, { includeDrafts: true, pdfLinks: true });
  return new Map([...site.files.map((f) => [f.path, String(f.content)] as const), ...site.print.map((d) => [`print:${d.path}`, d.html] as const)]);
}

/** `bytes` with the bits of `mask` flipped in its byte at `position`. */
function flipped(bytes: Buffer, position: number, mask: number): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeUInt8(copy.readUInt8(position) ^ mask, position);
  return copy;
}

/** Files a write left behind in the cache's folder (a write to a temporary file renamed into place). */
const temporaries = (file: string): string[] => readdirSync(dirname(file)).filter((name) => name.endsWith(".tmp"));

describe("parse cache: same results as without it", () => {
  it("reports every check fixture's diagnostics identically cold and read back", async () => {
    for (const name of fixtureCases("check")) {
      const dir = fixture("check", name);
      const cacheDir = freshCacheDir();
      const plain = await checkProject(dir);
      const cold = await checkProject(dir, { cacheDir });
      const warm = await checkProject(dir, { cacheDir });
      expect(cold.diagnostics, name).toEqual(plain.diagnostics);
      expect(warm.diagnostics, name).toEqual(plain.diagnostics);
      expect(cold.cache, name).toMatchObject({ hits: 0, written: cold.cache?.misses, dropped: 0 });
      expect(warm.cache, name).toMatchObject({ hits: cold.cache?.misses, misses: 0, written: 0, dropped: 0 });
    }
  });

  it("reads back every file of the example series on the second run, and renders it to the same bytes", async () => {
    const cacheDir = freshCacheDir();
    const files = sourceFiles(EXAMPLE);
    expect(files).toBe(22);
    const plain = await rendered(EXAMPLE, {});
    expect(await cacheUse(EXAMPLE, { cacheDir })).toMatchObject({ hits: 0, misses: files, written: files, dropped: 0 });
    expect(await cacheUse(EXAMPLE, { cacheDir })).toMatchObject({ hits: files, misses: 0, written: 0, dropped: 0 });
    const warm = await rendered(EXAMPLE, { cacheDir });
    expect([...warm.keys()]).toEqual([...plain.keys()]);
    for (const [path, content] of plain) expect(warm.get(path), path).toBe(content);
  });

  it("reports readability figures the same from files read back", async () => {
    const cacheDir = freshCacheDir();
    const plain = await checkProject(EXAMPLE, { forceOn: ["readability"] });
    expect(plain.diagnostics.filter((d) => d.rule === "readability").length).toBeGreaterThan(3);
    await checkProject(EXAMPLE, { cacheDir, forceOn: ["readability"] });
    const warm = await checkProject(EXAMPLE, { cacheDir, forceOn: ["readability"] });
    expect(warm.cache?.misses).toBe(0);
    expect(warm.diagnostics).toEqual(plain.diagnostics);
  });
});

describe("parse cache: never stale", () => {
  it("parses a changed file again, drops its old entry, and a removed file's", async () => {
    const dir = copyOf(fixture("check", "clean"));
    const cacheDir = freshCacheDir();
    const files = sourceFiles(dir);
    await checkProject(dir, { cacheDir });
    const papers = readdirSync(join(dir, "papers")).sort();
    appendFileSync(join(dir, "papers", papers[0]!), "\nSee :case[no-such-case].\n");
    const changed = await checkProject(dir, { cacheDir });
    expect(changed.cache).toMatchObject({ hits: files - 1, misses: 1, written: files, dropped: 1 });
    expect(changed.diagnostics.map((d) => d.rule)).toEqual(["ref-missing"]);
    expect(changed.diagnostics).toEqual((await checkProject(dir)).diagnostics);
    expect(await cacheUse(dir, { cacheDir })).toMatchObject({ hits: files, misses: 0, written: 0, dropped: 0 });
    // A file gone: nothing asks for its entry, which the next file leaves out.
    const [caseStudy] = readdirSync(join(dir, "case-studies"));
    rmSync(join(dir, "case-studies", caseStudy!));
    const removed = await checkProject(dir, { cacheDir });
    expect(removed.cache).toMatchObject({ hits: files - 1, misses: 0, written: files - 1, dropped: 1 });
    expect(removed.diagnostics).toEqual((await checkProject(dir)).diagnostics);
    expect(await cacheUse(dir, { cacheDir })).toMatchObject({ hits: files - 1, written: 0, dropped: 0 });
  });

  it("writes nothing when nothing changed", async () => {
    const cacheDir = freshCacheDir();
    const { file } = await cacheUse(EXAMPLE, { cacheDir });
    const before = statSync(file);
    const bytes = readFileSync(file);
    expect(await cacheUse(EXAMPLE, { cacheDir })).toMatchObject({ misses: 0, written: 0, dropped: 0 });
    // Written, even with the same bytes, the file would be a new one renamed into place.
    expect(statSync(file).ino).toBe(before.ino);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(temporaries(file)).toEqual([]);
  });

  it("parses again a file whose entry has a byte changed, builds what a run without the cache builds, and mends the file", async () => {
    const cacheDir = freshCacheDir();
    const files = sourceFiles(EXAMPLE);
    const plainDiagnostics = (await checkProject(EXAMPLE)).diagnostics;
    const plain = await rendered(EXAMPLE, {});
    const { file } = await cacheUse(EXAMPLE, { cacheDir });
    const paper = "papers/01-shared-values.md";
    const key = ParseCache.keyOf("paper", paper, readFileSync(join(EXAMPLE, paper), "utf8"));
    const at = readFileSync(file).indexOf(Buffer.from(key));
    expect(at).toBeGreaterThan(0);
    // A byte of the paper's result, well past its key.
    const contents = flipped(readFileSync(file), at + key.length + 200, 0x01);
    writeFileSync(file, contents);
    const damaged = await checkProject(EXAMPLE, { cacheDir });
    expect(damaged.cache).toMatchObject({ hits: files - 1, misses: 1, written: files, dropped: 0 });
    expect(damaged.diagnostics).toEqual(plainDiagnostics);
    writeFileSync(file, contents);
    const built = await rendered(EXAMPLE, { cacheDir });
    expect([...built.keys()]).toEqual([...plain.keys()]);
    for (const [path, content] of plain) expect(built.get(path), path).toBe(content);
    // The run wrote the paper's entry again: the next one reads everything back.
    expect(await cacheUse(EXAMPLE, { cacheDir })).toMatchObject({ hits: files, misses: 0, written: 0 });
  });

  it("never uses an entry of a file with any one byte changed, wherever it is", async () => {
    const cacheDir = freshCacheDir();
    const files = sourceFiles(EXAMPLE);
    const plain = (await checkProject(EXAMPLE)).diagnostics;
    const { file } = await cacheUse(EXAMPLE, { cacheDir });
    const whole = readFileSync(file);
    // The head, the first record's digest, lengths and key, then bytes spread over the rest, and the very last byte.
    const head = whole.indexOf("\n", whole.indexOf("\n") + 1) + 1;
    const positions = [0, 20, head - 2, head, head + 33, head + 37, head + 41];
    for (let i = 1; i <= 12; i++) positions.push(head + Math.floor(((whole.length - head) * i) / 13));
    positions.push(whole.length - 1);
    for (const position of positions) {
      writeFileSync(file, flipped(whole, position, 0x20));
      const run = await checkProject(EXAMPLE, { cacheDir });
      expect(run.diagnostics, `byte ${position}`).toEqual(plain);
      expect(run.cache!.hits, `byte ${position}`).toBeLessThan(files);
      expect(run.cache!.hits + run.cache!.misses, `byte ${position}`).toBe(files);
    }
  });

  it("reads a file cut short as empty, and writes a whole one", async () => {
    const cacheDir = freshCacheDir();
    const files = sourceFiles(EXAMPLE);
    const plain = (await checkProject(EXAMPLE)).diagnostics;
    const { file } = await cacheUse(EXAMPLE, { cacheDir });
    const whole = readFileSync(file);
    for (const cut of [1, 41, Math.floor(whole.length / 2), whole.length - 30, whole.length]) {
      writeFileSync(file, whole.subarray(0, whole.length - cut));
      const run = await checkProject(EXAMPLE, { cacheDir });
      expect(run.diagnostics, `cut by ${cut}`).toEqual(plain);
      expect(run.cache, `cut by ${cut}`).toMatchObject({ hits: 0, misses: files, written: files });
      expect(readFileSync(file).equals(whole), `cut by ${cut}`).toBe(true);
    }
  });

  it("reads a file written by other code as empty", async () => {
    const cacheDir = freshCacheDir();
    const files = sourceFiles(EXAMPLE);
    const { file } = await cacheUse(EXAMPLE, { cacheDir });
    const whole = readFileSync(file);
    const [magic, stamp] = whole.toString("latin1").split("\n");
    expect(stamp).toMatch(/^[0-9a-f]{64}$/);
    const others = [
      // Another papersmith, or another Node: another stamp.
      Buffer.concat([Buffer.from(`${magic}\n${"0".repeat(64)}\n`), whole.subarray(magic!.length + stamp!.length + 2)]),
      // Another layout of the file, under the same stamp.
      Buffer.concat([Buffer.from(magic!.replace(/\d+$/, "4")), whole.subarray(magic!.length)]),
      Buffer.from("not a cache file at all"),
      Buffer.alloc(0),
    ];
    for (const [i, other] of others.entries()) {
      writeFileSync(file, other);
      expect(await cacheUse(EXAMPLE, { cacheDir }), `file ${i}`).toMatchObject({ hits: 0, misses: files, written: files });
    }
  });
});

describe("parse cache: runs that do not finish, and folders it cannot use", () => {
  it("writes nothing when the check fails", async () => {
    const dir = copyOf(fixture("check", "clean"));
    const cacheDir = freshCacheDir();
    const { file } = await cacheUse(dir, { cacheDir });
    const before = readFileSync(file);
    for (const paper of readdirSync(join(dir, "papers"))) appendFileSync(join(dir, "papers", paper), "\nA sentence added since.\n");
    // A link to itself: reading it fails (ELOOP), after the papers before it were parsed.
    symlinkSync("zz-loop.md", join(dir, "papers", "zz-loop.md"));
    await expect(checkProject(dir, { cacheDir })).rejects.toMatchObject({ code: "ELOOP" });
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(temporaries(file)).toEqual([]);
  });

  it("checks as usual when the cache folder cannot be made", async () => {
    const blocked = join(scratch, `blocked-${folders++}`);
    writeFileSync(blocked, "a file where the cache folder would go");
    const dir = fixture("check", "ref-missing");
    const result = await checkProject(dir, { cacheDir: blocked });
    expect(result.cache).toBeUndefined();
    expect(result.diagnostics).toEqual((await checkProject(dir)).diagnostics);
  });

  it("checks as usual, writing nothing, when the cache file cannot be written", async () => {
    const dir = fixture("check", "ref-missing");
    const cacheDir = freshCacheDir();
    const { file } = await cacheUse(dir, { cacheDir });
    const plain = (await checkProject(dir)).diagnostics;
    // A read-only folder stops anyone but root; a folder in the file's place stops root too.
    rmSync(file);
    mkdirSync(join(file, "in-the-way"), { recursive: true });
    chmodSync(dirname(file), 0o500);
    try {
      const run = await checkProject(dir, { cacheDir });
      expect(run.diagnostics).toEqual(plain);
      expect(run.cache).toMatchObject({ hits: 0, written: 0 });
      expect(run.cache!.misses).toBeGreaterThan(0);
      expect(statSync(file).isDirectory()).toBe(true);
      expect(temporaries(file)).toEqual([]);
    } finally {
      chmodSync(dirname(file), 0o700);
    }
  });
});

describe("parse cache: the store itself", () => {
  const openStore = async (cacheDir: string, project: string): Promise<ParseCache> => {
    const cache = await ParseCache.open(cacheDir, project);
    expect(cache).toBeDefined();
    return cache!;
  };

  it("keys an entry by kind, path and the SHA-256 of the text", () => {
    expect(ParseCache.keyOf("paper", "papers/a.md", "abc")).toBe("paper\0papers/a.md\0ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(ParseCache.keyOf("paper", "papers/a.md", "abd")).not.toBe(ParseCache.keyOf("paper", "papers/a.md", "abc"));
    expect(ParseCache.keyOf("session", "papers/a.md", "abc")).not.toBe(ParseCache.keyOf("paper", "papers/a.md", "abc"));
  });

  it("gives back the bytes set by the last run, and keeps only the entries this run got or set", async () => {
    const cacheDir = freshCacheDir();
    const project = join(scratch, `store-${folders++}`);
    const first = await openStore(cacheDir, project);
    expect(first.get("a")).toBeUndefined();
    first.set("a", Buffer.from("bytes of a"));
    first.set("b", new Uint8Array([0, 1, 2, 255]));
    first.set("c", Buffer.alloc(0));
    expect(await first.save()).toMatchObject({ hits: 0, misses: 1, written: 3, dropped: 0 });
    const second = await openStore(cacheDir, project);
    expect(Buffer.from(second.get("a")!).toString()).toBe("bytes of a");
    expect([...second.get("b")!]).toEqual([0, 1, 2, 255]);
    expect(second.get("z")).toBeUndefined();
    // c is neither got nor set: it drops out.
    expect(await second.save()).toMatchObject({ hits: 2, misses: 1, written: 2, dropped: 1 });
    const third = await openStore(cacheDir, project);
    expect(third.get("c")).toBeUndefined();
    expect(third.get("a")).toBeDefined();
    expect(third.get("b")).toBeDefined();
    expect(await third.save()).toMatchObject({ hits: 2, written: 0, dropped: 0 });
  });

  it("tells bytes moved under another key from the key's own", async () => {
    const cacheDir = freshCacheDir();
    const project = join(scratch, `swap-${folders++}`);
    const first = await openStore(cacheDir, project);
    first.set("key-one", Buffer.from("one"));
    first.set("key-two", Buffer.from("two"));
    const { file } = await first.save();
    // Two keys of one length: swapping them leaves every length and digest where it was.
    const contents = readFileSync(file);
    const [one, two] = [contents.indexOf("key-one"), contents.indexOf("key-two")];
    expect(one).toBeGreaterThan(0);
    expect(two).toBeGreaterThan(0);
    contents.write("key-two", one, "latin1");
    contents.write("key-one", two, "latin1");
    writeFileSync(file, contents);
    const second = await openStore(cacheDir, project);
    expect(second.get("key-one")).toBeUndefined();
    expect(second.get("key-two")).toBeUndefined();
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

  it("writes nothing when a check is stopped by Ctrl-C, and keeps the last file", async () => {
    const cacheDir = freshCacheDir();
    const project = join(scratch, `sigint-project-${folders++}`);
    await generateRealisticSeries(project, { papers: 60, caseStudies: 240, sessions: 10 });
    expect((await papersmith("check", project).env({ PAPERSMITH_CACHE_DIR: cacheDir }).run()).code).not.toBe(2);
    const [name] = readdirSync(join(cacheDir, "projects"));
    const file = join(cacheDir, "projects", name!);
    const before = readFileSync(file);
    for (const folder of ["papers", "case-studies"]) {
      for (const md of readdirSync(join(project, folder))) appendFileSync(join(project, folder, md), "\nA sentence added since.\n");
    }
    // The first file the check reads is a pipe: opening it for writing returns once the check
    // has opened it, so the check is then under way with every other file still to parse.
    const pipe = join(project, "sessions", "000-pipe.md");
    expect(spawnSync("mkfifo", [pipe]).status).toBe(0);
    const child = spawn(process.execPath, [join(REPO, "bin/papersmith"), "check", project], {
      env: { ...process.env, PAPERSMITH_CACHE_DIR: cacheDir }, stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => { stderr += chunk; });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const writer = await open(pipe, "w");
    child.kill("SIGINT");
    await writer.close();
    expect(await exited).toBe(130);
    expect(stderr).toContain("papersmith: stopped (SIGINT)");
    expect(readdirSync(join(cacheDir, "projects"))).toEqual([name]);
    expect(readFileSync(file).equals(before)).toBe(true);
  }, 120_000);

  it("keeps one file per project, reads it back, and says so under PAPERSMITH_DEBUG=cache", async () => {
    const cacheDir = freshCacheDir();
    const dir = fixture("check", "unused-entity");
    const env = { PAPERSMITH_CACHE_DIR: cacheDir, PAPERSMITH_DEBUG: "cache" };
    const cold = await papersmith("check", dir, "--format", "json").env(env).run();
    const warm = await papersmith("check", dir, "--format", "json").env(env).run();
    const files = sourceFiles(dir);
    expect(cold.stderr).toMatch(new RegExp(`^papersmith: cache 0 read, ${files} made, ${files} written, 0 dropped \\(.+\\.parse-cache\\)\\n$`));
    expect(warm.stderr).toMatch(new RegExp(`^papersmith: cache ${files} read, 0 made, 0 written, 0 dropped \\(`));
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.code).toBe(cold.code);
    const kept = readdirSync(join(cacheDir, "projects"));
    expect(kept).toHaveLength(1);
    // What was parsed from the sources is readable by its owner only.
    expect(statSync(join(cacheDir, "projects", kept[0]!)).mode & 0o777).toBe(0o600);
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

  it("reads the parse cache for the first build only; later rebuilds use memory and write nothing", async () => {
    const { SiteBuilder } = await import("../src/server/site-builder.js");
    const dir = copyOf(fixture("check", "clean"));
    const cacheDir = freshCacheDir();
    const files = sourceFiles(dir);
    await checkProject(dir, { cacheDir });
    const builder = new SiteBuilder(dir, cacheDir);
    const first = await builder.rebuild();
    expect(first.kind).toBe("ok");
    expect(first.kind === "ok" && first.check.cache).toMatchObject({ hits: files, misses: 0, written: 0 });
    appendFileSync(join(dir, "papers", readdirSync(join(dir, "papers"))[0]!), "\nMore text.\n");
    const second = await builder.rebuild();
    expect(second.kind === "ok" && second.check.cache).toBe(undefined);
    // The file still holds the first build's texts: the edit was parsed in memory only.
    expect(await cacheUse(dir, { cacheDir })).toMatchObject({ hits: files - 1, misses: 1 });
  });
});
