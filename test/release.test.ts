import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { ensureCompiled, papersmith, REPO } from "./helpers/cli.js";

/** `build --release` (SPEC §6): the PDFs and SHA256SUMS in a zip beside outDir, the same bytes run to run. */

const EPOCH = { SOURCE_DATE_EPOCH: "1416000000" }; // 2014-11-14T21:20:00Z
const BUNDLE = "render-test-series-2014-11-14";

async function freshProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "papersmith-release-"));
  await cp(join(REPO, "test/fixtures/render/basic"), dir, { recursive: true });
  return dir;
}

interface Entry {
  readonly name: string;
  readonly bytes: Buffer;
  readonly mode: number;
  readonly compressed: boolean;
}

/** Every entry of a zip, in the order the zip holds them. */
async function readZip(path: string): Promise<Entry[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened)));
  });
  const entries: Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("error", reject);
        stream.on("end", () => {
          entries.push({ name: entry.fileName, bytes: Buffer.concat(chunks), mode: (entry.externalFileAttributes >>> 16) & 0o777, compressed: entry.compressionMethod !== 0 });
          zip.readEntry();
        });
      });
    });
    zip.on("end", () => resolve());
    zip.on("error", reject);
    zip.readEntry();
  });
  return entries;
}

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

describe("build --release", () => {
  let project: string;
  let zipPath: string;
  let zip: Buffer;
  let stderr: string;

  beforeAll(async () => {
    ensureCompiled();
    project = await freshProject();
    const run = await papersmith("build", project, "--release").env(EPOCH).run();
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(0);
    stderr = run.stderr;
    zipPath = join(project, `${BUNDLE}.zip`);
    zip = await readFile(zipPath);
  });

  it("writes <series-slug>-<date>.zip beside the output folder and says where, with its SHA-256", () => {
    expect(stderr).toContain(`${BUNDLE}.zip`);
    expect(stderr).toContain(sha256(zip));
  });

  it("holds every PDF of the build, as written in outDir, and SHA256SUMS for them", async () => {
    const entries = await readZip(zipPath);
    const pdfs = entries.filter((entry) => entry.name.endsWith(".pdf"));
    expect(pdfs.length).toBeGreaterThan(1);
    expect(entries.map((entry) => entry.name)).toContain(`${BUNDLE}/pdf/series.pdf`);
    for (const pdf of pdfs) {
      expect(pdf.name.startsWith(`${BUNDLE}/pdf/`)).toBe(true);
      expect(pdf.bytes.equals(await readFile(join(project, "dist", pdf.name.slice(BUNDLE.length + 1))))).toBe(true);
      expect(pdf.mode).toBe(0o644);
    }
    const sums = entries.find((entry) => entry.name === `${BUNDLE}/SHA256SUMS`);
    expect(sums).toBeDefined();
    // The format `sha256sum -c` reads, paths relative to the file, one line per PDF in path order.
    const expected = pdfs.map((pdf) => `${sha256(pdf.bytes)}  ${pdf.name.slice(BUNDLE.length + 1)}\n`).sort((a, b) => (a.split("  ")[1]! < b.split("  ")[1]! ? -1 : 1)).join("");
    expect(sums!.bytes.toString("utf8")).toBe(expected);
    expect(entries.map((entry) => entry.name)).toEqual([...pdfs.map((pdf) => pdf.name).sort(), `${BUNDLE}/SHA256SUMS`]);
  });

  it("gives the same bytes on a second build, and in another time zone", async () => {
    const again = await papersmith("build", project, "--release", "--quiet").env({ ...EPOCH, TZ: "Pacific/Auckland" }).run();
    expect(again.code).toBe(0);
    expect((await readFile(zipPath)).equals(zip)).toBe(true);
  });

  it("refuses --release with --html-only or --drafts (exit 2), writing nothing", async () => {
    const dir = await freshProject();
    for (const flag of ["--html-only", "--drafts"]) {
      const run = await papersmith("build", dir, "--release", flag).env(EPOCH).run();
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--release/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    await expect(stat(join(dir, "dist"))).rejects.toThrow();
    await expect(stat(join(dir, `${BUNDLE}.zip`))).rejects.toThrow();
  });

  it("leaves the last bundle as it was when the sources have errors", async () => {
    const paper = join(project, "papers", (await readdir(join(project, "papers"))).sort()[0]!);
    const text = await readFile(paper, "utf8");
    await writeFile(paper, `${text}\n\nSee :case[no-such-case].\n`);
    const run = await papersmith("build", project, "--release").env(EPOCH).run();
    await writeFile(paper, text);
    expect(run.code).toBe(1);
    expect((await readFile(zipPath)).equals(zip)).toBe(true);
  });
});
