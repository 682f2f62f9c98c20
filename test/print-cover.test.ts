import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { printDocuments } from "../src/print/print-documents.js";
import { printRequest } from "../src/print/print-request.js";
import { renderFixture } from "./render-helpers.js";

/** The basic render fixture printed: its papers' PDFs (a draft among them) and the series PDF, read back as text. */
const pages = new Map<string, string[]>();
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "papersmith-cover-test-"));
  const r = await renderFixture("basic", { includeDrafts: true });
  const docs = r.site.print;
  await printDocuments(docs.map((doc) => printRequest(r.series, doc, join(dir, doc.path.replace("pdf/", "")))), { format: "A4" });
  for (const doc of docs) {
    const text = execFileSync("pdftotext", ["-layout", join(dir, doc.path.replace("pdf/", "")), "-"], { encoding: "utf8" });
    pages.set(doc.path, text.split("\f").slice(0, -1));
  }
}, 120_000);

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const pdf = (path: string): string[] => {
  const found = pages.get(path);
  if (found === undefined) throw new Error(`no ${path} among ${[...pages.keys()].join(", ")}`);
  return found;
};
/** A page's lines, trimmed, without the empty ones. */
const lines = (page: string | undefined): string[] => (page ?? "").split("\n").map((l) => l.trim()).filter((l) => l !== "");
const count = (text: string, pattern: RegExp): number => [...text.matchAll(pattern)].length;

describe("the printed papers", () => {
  it("puts series, number, title, subtitle, summary, authors with role and organisation, and date on the cover", () => {
    const cover = lines(pdf("pdf/1-shared-values.pdf")[0]);
    const text = cover.join("\n");
    for (const expected of ["Render test series", "PAPER 1", "Shared values", "What we agree on", "The first paper sets out the values.", "14 November 2014", "© 2024 Alpha and Beta"]) {
      expect(text).toContain(expected);
    }
    // Two authors side by side: names on one line, their role and organisation on the next.
    expect(cover.some((l) => /^Ann Example\s+Ben Example$/.test(l))).toBe(true);
    expect(cover.some((l) => /^Chief executive, Alpha Alliance\s+Director, A county council$/.test(l))).toBe(true);
    expect(text).not.toMatch(/chief-a|chief-b|\balpha\b/);
  });

  it("keeps the draft's watermark and note on its cover", () => {
    const cover = lines(pdf("pdf/3-next-steps-draft.pdf")[0]).join("\n");
    // The watermark is set at an angle: read in content order (-raw), its letters stay together.
    const raw = execFileSync("pdftotext", ["-raw", "-f", "1", "-l", "1", join(dir, "3-next-steps-draft.pdf"), "-"], { encoding: "utf8" });
    expect(raw.split("\n")).toContain("DRAFT");
    expect(cover).toContain("Draft: not for publication or citation");
    expect(cover).toContain("Ben Example");
  });

  it("prints one About the partners in each PDF, listed once in its contents", () => {
    for (const path of ["pdf/1-shared-values.pdf", "pdf/2-measuring-what-matters.pdf", "pdf/3-next-steps-draft.pdf", "pdf/series.pdf"]) {
      const all = pdf(path);
      const contents = all[1] ?? "";
      expect(count(contents, /About the partners/g), `${path} contents`).toBe(1);
      expect(count(all.slice(2).join("\n"), /About the partners/g), `${path} body`).toBe(1);
      expect(count(all.join("\n"), /About Alpha Alliance/g), path).toBe(1);
    }
  });

  it("starts each paper of the series PDF with its authors and date, under a running header of its own", () => {
    const all = pdf("pdf/series.pdf");
    const start = all.findIndex((page) => lines(page).includes("Paper 1: Shared values"));
    expect(start).toBeGreaterThan(1);
    const first = lines(all[start]);
    // An internal build (this one has the draft) marks every page, each paper's too.
    expect(first[0]).toBe("Internal — not for publication · Render test series — Shared values");
    expect(first.slice(0, 8).join("\n")).toMatch(/Ann Example\s+Ben Example\n.*Chief executive, Alpha Alliance[\s\S]*\n14 November 2014\n/);
    // The pages that belong to no paper keep the series' title.
    expect(lines(all[1])[0]).toBe("Internal — not for publication · Render test series");
    expect(lines(all.at(-1))[0]).toBe("Internal — not for publication · Render test series");
  });

  it("prints the notes under Notes with no back-link arrows", () => {
    const body = pdf("pdf/1-shared-values.pdf").slice(2).join("\n");
    expect(body).toMatch(/\nNotes\n+\s*1\. A note\.\n/);
    expect(body).not.toContain("↩");
  });
});
