import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCompiled, papersmith, REPO, STACK_LINE } from "../helpers/cli.js";
import { cpSync } from "node:fs";

/**
 * Generated hostile projects (fast-check): random symbolic links out of the project and into its
 * output, file names with encodings, deep nesting and self-including directives, each checked
 * and built by the real command. Whatever the project, the command ends with exit 0, 1, 2 or 3,
 * prints no stack trace, and changes nothing outside the project folder.
 */

const BASE = join(REPO, "test/fixtures/robustness/base");
const sandboxes: string[] = [];
afterAll(() => { for (const dir of sandboxes) rmSync(dir, { recursive: true, force: true }); });
beforeAll(() => ensureCompiled());

/** Every file and link under `dir`, with its size (links as their target), for before/after comparison. */
function inventory(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.set(relative(dir, path), entry.isSymbolicLink() ? "link" : readFileSync(path, "latin1"));
    }
  };
  walk(dir);
  return out;
}

/** One hostile change to a project; `outside` is a folder beside the project that must stay untouched. */
type Change = (project: string, outside: string) => void;

const PAPER = "papers/01-first.md";
const linkKinds: fc.Arbitrary<Change> = fc.constantFrom<Change>(
  (p, o) => { mkdirSync(join(p, "dist"), { recursive: true }); symlinkSync(o, join(p, "dist", "assets")); },
  (p, o) => { symlinkSync(o, join(p, "dist")); },
  (p, o) => { mkdirSync(join(p, "dist", "pdf"), { recursive: true }); symlinkSync(join(o, "keep.txt"), join(p, "dist", "index.html")); },
  (p, o) => { symlinkSync(o, join(p, "assets", "etc")); writeFileSync(join(p, "assets", "etc%2Fkeep.txt"), "decoy"); appendFileSync(join(p, PAPER), "\n[x](../assets/etc%2Fkeep.txt) [y](../assets/etc/keep.txt)\n"); },
  (p, o) => { symlinkSync(join(o, "keep.txt"), join(p, "assets", "chart.svg"), "file"); },
  (p, o) => { mkdirSync(join(p, "dist"), { recursive: true }); writeFileSync(join(p, "dist", ".papersmith-manifest.json"), JSON.stringify({ papersmith: 1, files: [`../${relative(dirname(p), o)}/keep.txt`, "../../keep.txt"] })); },
);
const configKinds: fc.Arbitrary<Change> = fc.constantFrom<Change>(
  (p) => replaceIn(join(p, "papersmith.yaml"), "outDir: dist", "outDir: ../escaped"),
  (p) => replaceIn(join(p, "papersmith.yaml"), "outDir: dist", "outDir: /tmp"),
  (p) => replaceIn(join(p, "papersmith.yaml"), "outDir: dist", "outDir: papers"),
  () => undefined,
);
const bodyKinds: fc.Arbitrary<Change> = fc.oneof(
  fc.constantFrom<Change>(
    (p) => appendFileSync(join(p, "charter.yaml"), "preamble: |\n  ::values-charter\n"),
    (p) => appendFileSync(join(p, PAPER), `\n${"> ".repeat(300)}deep\n`),
    (p) => appendFileSync(join(p, PAPER), `\n${"- ".repeat(300)}deep\n`),
    (p) => appendFileSync(join(p, PAPER), "\n![](https://images.example.net/x.png)\n"),
    (p) => replaceIn(join(p, PAPER), "title: First paper", `title: ${"Long title ".repeat(40)}`),
    () => undefined,
  ),
  fc.string({ maxLength: 40 }).map((junk): Change => (p) => appendFileSync(join(p, PAPER), `\n${junk}\n`)),
  fc.constantFrom("%2e%2e", "..%2f", "%00", "a%2Fb", "\u202e", "CON").map((name): Change => (p) => {
    writeFileSync(join(p, "assets", `${name}.svg`), "<svg xmlns='http://www.w3.org/2000/svg'/>");
    appendFileSync(join(p, PAPER), `\n![pic](../assets/${encodeURIComponent(name)}.svg)\n`);
  }),
);

function replaceIn(file: string, from: string, to: string): void {
  writeFileSync(file, readFileSync(file, "utf8").replace(from, to));
}

describe("generated hostile projects", () => {
  it("never touch anything outside the project, never print a stack trace, and exit 0–3", async () => {
    // Every project gets a hostile link; a bad setting or body sometimes stops it earlier.
    const projects = fc.tuple(linkKinds, fc.array(bodyKinds, { maxLength: 2 }), fc.option(configKinds, { freq: 3 }))
      .map(([link, bodies, config]) => [link, ...bodies, ...(config === null ? [] : [config])]);
    await fc.assert(fc.asyncProperty(projects, async (changes) => {
      const sandbox = mkdtempSync(join(tmpdir(), "papersmith-fuzz-"));
      sandboxes.push(sandbox);
      const project = join(sandbox, "project");
      const outside = join(sandbox, "outside");
      cpSync(BASE, project, { recursive: true });
      mkdirSync(outside);
      writeFileSync(join(outside, "keep.txt"), "precious\n");
      for (const change of changes) {
        try { change(project, outside); } catch { /* two changes may collide (a link already there): keep the first */ }
      }
      const before = inventory(outside);
      const siblings = readdirSync(sandbox).sort();
      for (const args of [["check", project], ["build", project, "--html-only"]]) {
        const run = await papersmith(...args).run();
        expect([0, 1, 2, 3], `${args.join(" ")}: ${run.stderr}`).toContain(run.code);
        expect(run.stderr).not.toMatch(STACK_LINE);
        expect(run.stdout).not.toMatch(STACK_LINE);
      }
      expect(inventory(outside)).toEqual(before);
      expect(readdirSync(sandbox).sort()).toEqual(siblings);
      expect(statSync(join(outside, "keep.txt")).size).toBe("precious\n".length);
    }), { numRuns: 16, seed: 20261207 });
  }, 600_000);
});
