import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import type { Command } from "./measure.js";
import type { PeerInputs } from "./inputs.js";

/** The flags for every Chromium the benchmark launches itself or configures a tool to launch. */
export const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] as const;

/** Environment that keeps every peer's installer and launcher off the network and on the system Chromium. */
export function peerEnv(chromium: string): Record<string, string> {
  return {
    PUPPETEER_SKIP_DOWNLOAD: "1",
    PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: "1",
    PUPPETEER_EXECUTABLE_PATH: chromium,
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
    PLAYWRIGHT_BROWSERS_PATH: "0",
  };
}

/**
 * Installs bench/peers/ (its own package.json and lock, never papersmith's dependencies) when
 * its node_modules is missing or older than the lock: `npm ci`, browser downloads skipped.
 * Returns the error text when the install fails.
 */
export function ensurePeers(peersDir: string, chromium: string): string | undefined {
  const lock = join(peersDir, "package-lock.json");
  const installed = join(peersDir, "node_modules", ".package-lock.json");
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return undefined;
  process.stdout.write(`installing the peer tools: npm ci --prefix ${relative(process.cwd(), peersDir) || "."}\n`);
  const result = spawnSync("npm", ["ci", "--prefix", peersDir, "--no-audit", "--no-fund"], {
    env: { ...process.env, ...peerEnv(chromium) },
    stdio: ["ignore", "inherit", "pipe"],
    encoding: "utf8",
  });
  return result.status === 0 ? undefined : `npm ci in ${peersDir} exited ${result.status}: ${result.stderr.trim().split("\n").slice(-5).join("\n")}`;
}

/**
 * Papers per md-to-pdf process. md-to-pdf opens a page for every file at once and waits for each
 * with a navigation timeout of 30 s that no option changes; given 20 or more files on 2 loaded
 * cores, some pages miss it and the run fails.
 */
const MD_TO_PDF_BATCH = 10;

/** A peer tool: how to run it on a series' inputs, and what it was fed. */
export interface Peer {
  readonly name: string;
  /** What the tool was given and how it was run, for the results' notes. */
  readonly fed: string;
  /** Processes run at once (tools that take one document per process are run two at a time). */
  readonly concurrency: number;
  /** Writes any config the tool needs, and returns its commands; PDFs go to `outDir`. */
  commands(inputs: PeerInputs, workDir: string, outDir: string): Promise<Command[]>;
}

export function peers(peersDir: string, chromium: string): Peer[] {
  const bin = (path: string): string => join(peersDir, "node_modules", path);
  const env = peerEnv(chromium);
  const pdfName = (file: string): string => basename(file).replace(/\.(html|md)$/, ".pdf");
  return [
    {
      name: "md-to-pdf",
      fed: `each paper's Markdown with the directives written out as plain Markdown (md-to-pdf takes Markdown only); one process per ${MD_TO_PDF_BATCH} papers, one process at a time (\`md-to-pdf 1.md … ${MD_TO_PDF_BATCH}.md\`: one browser, files converted concurrently; with all 20 or 50 in one process, some of its pages missed its fixed 30 s navigation timeout on this 2-core machine), A4, 'Page N of M' footer template`,
      concurrency: 1,
      async commands(inputs, workDir) {
        const config = join(workDir, "md-to-pdf.json");
        await writeFile(config, JSON.stringify({
          launch_options: { executablePath: chromium, headless: true, args: CHROMIUM_FLAGS.slice(1) },
          pdf_options: {
            format: "A4", printBackground: true, margin: { top: "22mm", right: "20mm", bottom: "20mm", left: "20mm" },
            displayHeaderFooter: true, headerTemplate: "<span></span>",
            footerTemplate: `<div style="font-size:8.5pt;width:100%;text-align:center">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
          },
        }));
        // md-to-pdf writes each PDF beside its Markdown file; the harness collects them from there.
        const batches = Array.from({ length: Math.ceil(inputs.markdownFiles.length / MD_TO_PDF_BATCH) }, (_, i) =>
          inputs.markdownFiles.slice(i * MD_TO_PDF_BATCH, (i + 1) * MD_TO_PDF_BATCH));
        return batches.map((files) => ({ cmd: process.execPath, args: [bin("md-to-pdf/dist/cli.js"), "--config-file", config, ...files], env }));
      },
    },
    {
      name: "pagedjs-cli",
      fed: "papersmith's print HTML (paged-media CSS included), one process per paper (pagedjs-cli takes one input), two at a time, --outline-tags h1,h2",
      concurrency: 2,
      async commands(inputs, _workDir, outDir) {
        return inputs.htmlFiles.map((file) => ({
          cmd: process.execPath,
          args: [bin("pagedjs-cli/src/cli.js"), file, "-o", join(outDir, pdfName(file)), "--outline-tags", "h1,h2", "--browserArgs", CHROMIUM_FLAGS.slice(1).join(",")],
          env,
        }));
      },
    },
    {
      name: "vivliostyle",
      fed: "papersmith's print HTML, all papers as the entries of one vivliostyle.config.json (one process, one PDF of the series: the tool's way of building a publication)",
      concurrency: 1,
      async commands(inputs, workDir, outDir) {
        const config = join(workDir, "vivliostyle.config.json");
        await writeFile(config, JSON.stringify({
          title: "Synthetic series",
          entry: inputs.htmlFiles.map((file) => relative(workDir, file)),
          output: [{ path: join(outDir, "series.pdf"), format: "pdf" }],
        }));
        return [{ cmd: process.execPath, args: [bin("@vivliostyle/cli/dist/cli.js"), "build", "-c", config, "--executable-browser", chromium, "--log-level", "silent"], env, cwd: workDir }];
      },
    },
    {
      name: "chromium --print-to-pdf",
      fed: "papersmith's print HTML as a file:// URL, one Chromium process per paper, two at a time (a shell loop with xargs -P 2), each with its own profile",
      concurrency: 2,
      async commands(inputs, workDir, outDir) {
        return inputs.htmlFiles.map((file, i) => ({
          cmd: chromium,
          args: [...CHROMIUM_FLAGS, `--user-data-dir=${join(workDir, "profiles", String(i))}`, "--no-pdf-header-footer", `--print-to-pdf=${join(outDir, pdfName(file))}`, `file://${file}`],
        }));
      },
    },
  ];
}
