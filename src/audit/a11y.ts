import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { Page } from "puppeteer";
import { problem, type Problem } from "../diagnostics/diagnostic.js";
import { BrowserSession, type PageSlot } from "../print/browser-session.js";
import { BrowserFailedError, messageOf } from "../print/errors.js";
import { HtmlFile, type ElementLocator } from "./ranges.js";

/** WCAG 2.2 A and AA, as axe-core tags them (see docs/reference.md#rules). */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] as const;

/** One built page to audit. */
export interface AuditedPage {
  /** Absolute path of the HTML file on disk. */
  readonly path: string;
  /** The same file relative to the project root with `/` separators: where problems are reported. */
  readonly file: string;
}

export interface A11yOptions {
  /** The Chromium or Chrome to run axe-core in. */
  readonly executable: string;
  /** Pages audited at once (tabs of the one browser); default 4. */
  readonly concurrency?: number;
  /** Per page load and axe run, in milliseconds; default 60 000. */
  readonly timeout?: number;
  /** The viewport width, in CSS pixels; default 1280. */
  readonly width?: number;
}

/** What the page sends back for one violating element. */
interface FoundNode {
  readonly locator: ElementLocator;
  readonly detail: string;
}

interface FoundViolation {
  readonly id: string;
  readonly help: string;
  readonly nodes: readonly FoundNode[];
}

let axeSource: string | undefined;

async function axeScript(): Promise<string> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  return axeSource;
}

/**
 * Runs axe-core (WCAG 2.2 A/AA) over every page in one headless browser, each page loaded from
 * disk so that its stylesheet, images and script load as a reader's browser would load them.
 * Each violating element is one `a11y` problem at that element in the page's file.
 *
 * @throws BrowserFailedError when the browser cannot start or a page cannot be loaded.
 */
export async function auditPages(pages: readonly AuditedPage[], options: A11yOptions): Promise<Problem[]> {
  if (pages.length === 0) return [];
  const script = await axeScript();
  // The print stage's session: one browser with a temporary profile, closed on Ctrl-C too.
  const browser = new BrowserSession(options.executable, options.timeout ?? 60_000, { width: options.width ?? 1280, height: 900 });
  await browser.start();
  try {
    const results: Problem[][] = new Array(pages.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      let slot: PageSlot | undefined;
      try {
        slot = await browser.page(undefined);
        await slot.page.emulateMediaType("screen"); // as a reader sees the site; the session's pages default to print
        // Injected into every document the tab loads: cheaper than sending it to each page after loading.
        await slot.page.evaluateOnNewDocument(script);
      } catch (error) {
        throw error instanceof BrowserFailedError ? error : new BrowserFailedError(`The audit's browser stopped: ${messageOf(error)}`, { cause: error });
      }
      try {
        for (let i = next++; i < pages.length; i = next++) {
          const target = pages[i]!;
          const violations = await auditPage(slot.page, target);
          results[i] = await problemsOf(target, violations);
        }
      } finally {
        await slot.page.close().catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: Math.min(pages.length, options.concurrency ?? 4) }, worker));
    return results.flat();
  } finally {
    await browser.close();
  }
}

async function auditPage(page: Page, target: AuditedPage): Promise<FoundViolation[]> {
  try {
    await page.goto(pathToFileURL(target.path).href, { waitUntil: "load" });
    return await page.evaluate(runAxe, [...WCAG_TAGS]);
  } catch (error) {
    throw new BrowserFailedError(`The page ${target.file} could not be audited: ${messageOf(error)}`, { cause: error });
  }
}

async function problemsOf(target: AuditedPage, violations: readonly FoundViolation[]): Promise<Problem[]> {
  if (violations.length === 0) return [];
  const html = new HtmlFile(target.file, await readFile(target.path, "utf8"));
  return violations.flatMap((v) => v.nodes.map((node) =>
    problem("a11y", html.range(node.locator), `${v.help} (axe-core rule ${v.id})${node.detail === "" ? "." : `: ${node.detail}`}`)));
}

/** Runs in the page: axe-core, then each violating element's path from the document element. */
async function runAxe(tags: string[]): Promise<FoundViolation[]> {
  interface AxeCheck { message: string }
  interface AxeNode { target: unknown[]; html: string; any: AxeCheck[]; all: AxeCheck[]; none: AxeCheck[] }
  interface AxeResult { id: string; help: string; nodes: AxeNode[] }
  const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeResult[] }> } }).axe;
  const { violations } = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
  const locate = (node: AxeNode): ElementLocator => {
    const selector = node.target.length === 1 && typeof node.target[0] === "string" ? node.target[0] : undefined;
    let element = selector === undefined ? null : document.querySelector(selector);
    const path: number[] = [];
    const names: string[] = [];
    while (element !== null && element.parentElement !== null) {
      path.unshift(Array.prototype.indexOf.call(element.parentElement.children, element));
      names.unshift(element.localName);
      element = element.parentElement;
    }
    if (element === null) return { path: [], names: [], html: node.html };
    names.unshift(element.localName);
    return { path, names, html: node.html };
  };
  return violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.map((node) => {
      const check = [...node.any, ...node.all, ...node.none][0];
      return { locator: locate(node), detail: check?.message ?? "" };
    }),
  }));
}
