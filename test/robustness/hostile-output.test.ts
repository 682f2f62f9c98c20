import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureCompiled, papersmith, STACK_LINE } from "../helpers/cli.js";
import { checkLines, listFiles, projectWith } from "../helpers/robustness.js";
import { checkProject } from "../../src/check.js";
import { renderSite } from "../../src/render/site.js";

/**
 * A hostile project must not write or read outside itself and its output folder: symbolic links
 * in the output, an outDir that climbs out, a decoy file name that decodes to another path,
 * remote images in print, and the litter of killed builds.
 */

const FIRST = "papers/01-first.md";

beforeAll(() => ensureCompiled());

function withConfig(dir: string, from: string, to: string): void {
  const file = join(dir, "papersmith.yaml");
  writeFileSync(file, readFileSync(file, "utf8").replace(from, to));
}

/** A process id that was in use a moment ago and is no longer. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("writing output", () => {
  it("never writes through a symbolic link the project put in its output folder (exit 3, naming it)", async () => {
    const dir = projectWith();
    const victim = mkdtempSync(join(tmpdir(), "papersmith-victim-"));
    writeFileSync(join(victim, "alpha.svg"), "precious\n");
    mkdirSync(join(dir, "dist"), { recursive: true });
    symlinkSync(victim, join(dir, "dist", "assets"));
    const run = await papersmith("build", dir, "--html-only").run();
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`${join(dir, "dist", "assets")} is a symbolic link`);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(readdirSync(victim)).toEqual(["alpha.svg"]);
    expect(readFileSync(join(victim, "alpha.svg"), "utf8")).toBe("precious\n");
  });

  it("refuses an output folder that is itself a link out of the project", async () => {
    const dir = projectWith();
    const victim = mkdtempSync(join(tmpdir(), "papersmith-victim-"));
    symlinkSync(victim, join(dir, "dist"));
    const run = await papersmith("build", dir, "--html-only").run();
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("is a symbolic link");
    expect(readdirSync(victim)).toEqual([]);
  });

  it.each([["../escaped", "outside the project"], ["/tmp/papersmith-abs-out", "an absolute path"], [".", "the project folder itself"], ["papers", "among the sources"]])(
    "makes build.outDir %s a schema error at the value, and writes nothing", async (outDir, why) => {
      const dir = projectWith();
      withConfig(dir, "outDir: dist", `outDir: ${outDir}`);
      const { diagnostics } = await checkLines(dir);
      const found = diagnostics.filter((d) => d.rule === "schema" && d.file === "papersmith.yaml");
      expect(found.map((d) => d.message)).toEqual([expect.stringContaining(why)]);
      const run = await papersmith("build", dir, "--html-only").run();
      expect(run.code).toBe(1);
      const target = outDir.startsWith("/") ? outDir : join(dir, outDir);
      expect(existsSync(join(target, "index.html"))).toBe(false);
      expect(existsSync(join(target, ".papersmith-manifest.json"))).toBe(false);
    });

  it("builds anywhere --out names, since the user chose it on the command line", async () => {
    const dir = projectWith();
    const out = join(mkdtempSync(join(tmpdir(), "papersmith-out-")), "site");
    const run = await papersmith("build", dir, "--html-only", "--out", out).run();
    expect(run.code).toBe(0);
    expect(existsSync(join(out, "index.html"))).toBe(true);
  });

  it("removes temporary files killed builds left, and only those of processes that have ended", async () => {
    const dir = projectWith();
    const out = join(dir, "dist");
    mkdirSync(join(out, "papers"), { recursive: true });
    const dead = `.index.html.${deadPid()}.0badc0de.tmp`;
    const alive = `.index.html.${process.pid}.0badc0de.tmp`;
    writeFileSync(join(out, dead), "half");
    writeFileSync(join(out, "papers", dead), "half");
    writeFileSync(join(out, alive), "being written");
    writeFileSync(join(out, ".not-ours.tmp"), "mine");
    const run = await papersmith("build", dir, "--html-only").run();
    expect(run.code).toBe(0);
    const files = listFiles(out);
    expect(files).not.toContain(dead);
    expect(files).not.toContain(`papers/${dead}`);
    expect(files).toContain(alive);
    expect(files).toContain(".not-ours.tmp");
  });
});

describe("reading sources", () => {
  it("checks and copies the same file for a name that decodes to a path through a link out of the project", async () => {
    const secretDir = mkdtempSync(join(tmpdir(), "papersmith-secret-"));
    writeFileSync(join(secretDir, "passwd"), "root:SECRET-LINE\n");
    const dir = projectWith({ "assets/etc%2Fpasswd": "decoy\n" });
    symlinkSync(secretDir, join(dir, "assets", "etc"));
    appendFileSync(join(dir, FIRST), "\n[the file](../assets/etc%2Fpasswd) and [through the link](../assets/etc/passwd)\n");
    const { diagnostics } = await checkLines(dir);
    const broken = diagnostics.filter((d) => d.rule === "link-broken");
    // The link through `assets/etc` is refused; the decoy, a real project file, is allowed.
    expect(broken.map((d) => d.message)).toEqual([expect.stringContaining("symbolic link that leads outside the project")]);
    writeFileSync(join(dir, FIRST), readFileSync(join(dir, FIRST), "utf8").replace(" and [through the link](../assets/etc/passwd)", ""));
    const run = await papersmith("build", dir, "--html-only").run();
    expect(run.code).toBe(0);
    const out = join(dir, "dist");
    for (const file of listFiles(out)) expect(readFileSync(join(out, file), "latin1"), file).not.toContain("SECRET-LINE");
  });

  it("loads no remote image into a print document", async () => {
    const dir = projectWith();
    appendFileSync(join(dir, FIRST), "\n![A remote chart](https://images.example.net/chart.png)\n");
    const { series, index } = await checkProject(dir);
    const site = await renderSite(series, index, { includeDrafts: false, pages: false });
    const html = site.print[0]!.html;
    expect(html).toContain("A remote chart");
    expect(html).not.toContain("images.example.net");
  });
});
