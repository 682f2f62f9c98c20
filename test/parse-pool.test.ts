import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize } from "node:v8";
import { afterEach, describe, expect, it } from "vitest";
import { ParsePool, PoolClosedError, parseBudgetMs, DEFAULT_PARSE_BUDGET_MS } from "../src/load/parse-pool.js";
import { CACHED_LOADERS } from "../src/load/cached-loaders.js";
import { markdownFilesIn } from "../src/load/project-files.js";
import { REPO } from "./helpers/cli.js";

const EXAMPLE = join(REPO, "examples/integrated-care-series");

/** A paper micromark takes minutes over: 400 KB of unclosed link openings. */
const TOO_COMPLEX = `---\nnumber: 1\ntitle: T\ndate: 2024-01-01\nstatus: draft\n---\n\n${"[a](".repeat(100_000)}\n`;

const pools: ParsePool[] = [];
function pool(options: ConstructorParameters<typeof ParsePool>[0]): ParsePool {
  const made = new ParsePool(options);
  pools.push(made);
  return made;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe("the parse pool", () => {
  it("gives exactly what each loader gives in this thread, for every file of the example", async () => {
    const parsing = pool({ size: 2 });
    const files: [keyof typeof CACHED_LOADERS, string][] = [
      ["config", "papersmith.yaml"], ["charter", "charter.yaml"], ["people", "people.yaml"], ["quotes", "quotes.yaml"],
      ...(await markdownFilesIn(EXAMPLE, "papers")).map((file): ["paper", string] => ["paper", file]),
      ...(await markdownFilesIn(EXAMPLE, "sessions")).map((file): ["session", string] => ["session", file]),
      ...(await markdownFilesIn(EXAMPLE, "case-studies")).map((file): ["case-study", string] => ["case-study", file]),
    ];
    expect(files.length).toBeGreaterThan(10);
    const outcomes = await Promise.all(files.map(([kind, file]) => parsing.parse(kind, file, readFileSync(join(EXAMPLE, file), "utf8"))));
    outcomes.forEach((outcome, i) => {
      const [kind, file] = files[i]!;
      if (!outcome.ok) throw new Error(`${file} went over budget`);
      const load = CACHED_LOADERS[kind] as (text: string, file: string) => unknown;
      expect(deserialize(outcome.bytes), file).toEqual(load(readFileSync(join(EXAMPLE, file), "utf8"), file));
    });
  });

  it("ends a file that goes over its budget, and parses the files after it in a new worker", async () => {
    // The budget holds for the good file too: on a loaded machine a fresh worker took over 300 ms
    // for it. The hostile one takes about a minute.
    const parsing = pool({ size: 1, budgetMs: 3000 });
    const text = readFileSync(join(EXAMPLE, "papers/01-shared-values.md"), "utf8");
    const [hostile, next] = await Promise.all([
      parsing.parse("paper", "papers/hostile.md", TOO_COMPLEX),
      parsing.parse("paper", "papers/01-shared-values.md", text),
    ]);
    expect(hostile).toEqual({ ok: false, budgetMs: 3000 });
    expect(next.ok).toBe(true);
  });

  it("ends a file that takes more than a worker's heap, and parses the files after it", async () => {
    const parsing = pool({ size: 1, heapMb: 24 });
    const text = readFileSync(join(EXAMPLE, "papers/01-shared-values.md"), "utf8");
    const large = `${text}\n${"- *Item* with [a link](https://example.org) and :value[patients-central].\n".repeat(60_000)}`;
    const [huge, next] = await Promise.all([parsing.parse("paper", "papers/huge.md", large), parsing.parse("paper", "papers/01-shared-values.md", text)]);
    expect(huge).toEqual({ ok: false, heapMb: 24 });
    expect(next.ok).toBe(true);
  });

  it("fails the files it has not parsed when it is closed, and takes no more", async () => {
    const parsing = pool({ size: 1, budgetMs: 600_000 });
    const hostile = parsing.parse("paper", "papers/hostile.md", TOO_COMPLEX);
    const queued = parsing.parse("paper", "papers/queued.md", "---\nnumber: 2\n---\n");
    const failed = [expect(hostile).rejects.toBeInstanceOf(PoolClosedError), expect(queued).rejects.toBeInstanceOf(PoolClosedError)];
    await parsing.close();
    await Promise.all(failed);
    await expect(parsing.parse("paper", "papers/later.md", "x")).rejects.toBeInstanceOf(PoolClosedError);
  });

  it("rejects when a loader throws: a bug, not a problem of the file", async () => {
    await expect(pool({ size: 1 }).parse("no-such-kind", "papers/x.md", "x")).rejects.toThrow(/failed in a parse worker/);
  });

  it("takes its budget from PAPERSMITH_PARSE_BUDGET_MS when that is a positive whole number", () => {
    expect(parseBudgetMs({ PAPERSMITH_PARSE_BUDGET_MS: "2500" })).toBe(2500);
    expect(parseBudgetMs({ PAPERSMITH_PARSE_BUDGET_MS: "0" })).toBe(DEFAULT_PARSE_BUDGET_MS);
    expect(parseBudgetMs({ PAPERSMITH_PARSE_BUDGET_MS: "ten" })).toBe(DEFAULT_PARSE_BUDGET_MS);
    expect(parseBudgetMs({})).toBe(DEFAULT_PARSE_BUDGET_MS);
  });
});
