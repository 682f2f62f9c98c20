/**
 * The physical floor of printing, as a whole process like every other tool in the benchmark:
 * one Chromium, papersmith's own print documents, one plain tagged `page.pdf()` per paper, two
 * at a time, nothing else — no contents pass, no reprint check, no pdf-lib. It is the floor of
 * bench/src/measure-print.ts (same launch and page loop), with the same page.pdf options as
 * papersmith's print job (so the page size comes from the document's CSS), and each PDF written
 * as it comes back so that its pages can be counted afterwards.
 *
 *   node bench/lib/floor.js --chromium /usr/bin/chromium --concurrency 2 --out DIR FILE.html...
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import puppeteer from "puppeteer";

const { values, positionals } = parseArgs({
  options: {
    chromium: { type: "string", default: "/usr/bin/chromium" },
    concurrency: { type: "string", default: "2" },
    out: { type: "string" },
  },
  allowPositionals: true,
});
const out = values.out;
if (out === undefined || positionals.length === 0) throw new Error("usage: floor.js --out DIR FILE.html...");
const outDir: string = out;

const profile = mkdtempSync(join(tmpdir(), "papersmith-floor-"));
const browser = await puppeteer.launch({
  executablePath: values.chromium,
  headless: true,
  pipe: true,
  userDataDir: profile,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  let next = 0;
  await Promise.all(
    Array.from({ length: Number(values.concurrency) }, async () => {
      const page = await browser.newPage();
      while (next < positionals.length) {
        const file = positionals[next++]!;
        await page.setContent(readFileSync(file, "utf8"), { waitUntil: "load" });
        const pdf = await page.pdf({ tagged: true, outline: true, printBackground: true, preferCSSPageSize: true });
        await writeFile(join(outDir, basename(file).replace(/\.html$/, ".pdf")), pdf);
      }
    }),
  );
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
