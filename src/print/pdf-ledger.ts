import { createHash, randomBytes } from "node:crypto";
import { readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { printFingerprint } from "./print-job.js";
import type { MeasuredOverflow, PrintRequest, PrintResult } from "./print-types.js";

/** What a build printed to one PDF. */
interface Entry {
  /** SHA-256 of the environment stamp and everything the PDF was printed from. */
  readonly input: string;
  /** SHA-256 of the PDF's bytes as written. */
  readonly output: string;
  readonly pages: number;
  /** What the print found too wide (print-overflow), reported again when the PDF is kept. */
  readonly overflows: readonly MeasuredOverflow[];
  /** The page of each heading with an id (PrintResult.anchors): what other PDFs print of it. */
  readonly anchors: Readonly<Record<string, number>>;
}

const VERSION = 2;

/**
 * Remembers, between builds, what each PDF was printed from (issue 9: do nothing twice). A
 * build keeps a PDF instead of printing it again when both hold:
 *   - it would be printed from exactly the same input: the same HTML, running header, draft
 *     mark, metadata and page format (printFingerprint), by the same papersmith, browser and
 *     fonts (the stamp);
 *   - the file at its path still has exactly the bytes written then (its SHA-256).
 * Printing is reproducible, so a kept PDF is byte for byte the one printing would give.
 *
 * One small JSON file per project in the cache folder, beside the parse cache's file, written
 * atomically after the PDFs. Like the parse cache it is only a shortcut: an unreadable ledger
 * is empty, one that cannot be written is skipped, and `--no-cache` (no ledger) prints all.
 */
export class PdfLedger {
  readonly #entries: Map<string, Entry>;
  /** The input digest of each request seen this build: digested once. */
  readonly #inputs = new WeakMap<PrintRequest, string>();
  /** The SHA-256 of each listed PDF's bytes on disk (undefined: unreadable), read once a build. */
  readonly #outputs = new Map<string, Promise<string | undefined>>();
  #changed = false;

  private constructor(private readonly file: string, private readonly stamp: string, entries: Map<string, Entry>) {
    this.#entries = entries;
  }

  /**
   * Reads the ledger at `file`.
   * @param stamp papersmith's code fingerprint and printEnvironmentStamp, combined.
   */
  static async open(file: string, stamp: string): Promise<PdfLedger> {
    return new PdfLedger(file, stamp, await readLedger(file));
  }

  /**
   * Whether the ledger lists PDFs and every one of them is still on disk: then a build is likely
   * to keep them all, and waits to connect to its browser until one needs printing. When so,
   * their bytes are read back now, all at once, while the build checks the project: `keeps`,
   * asked document by document as they are rendered, then finds them read.
   */
  async outputsKept(): Promise<boolean> {
    if (this.#entries.size === 0) return false;
    const found = await Promise.all([...this.#entries.keys()].map((path) => stat(path).then(() => true, () => false)));
    const kept = found.every(Boolean);
    if (kept) for (const path of this.#entries.keys()) void this.#outputDigest(path);
    return kept;
  }

  /** The result of the PDF on disk when it can be kept for this request; undefined when it must be printed. */
  async keeps(request: PrintRequest, format: string): Promise<PrintResult | undefined> {
    const entry = this.#entries.get(request.outFile);
    const input = this.#inputOf(request, format);
    this.#inputs.set(request, input);
    if (entry === undefined || entry.input !== input) return undefined;
    if ((await this.#outputDigest(request.outFile)) !== entry.output) return undefined;
    return { outFile: request.outFile, pages: entry.pages, ms: 0, prints: 0, sha256: entry.output, overflows: entry.overflows, anchors: entry.anchors };
  }

  /**
   * The heading pages of the PDF at `outFile` as the last build printed it: what a document that
   * refers to it prints first, so that it usually needs no second print.
   */
  anchorsOf(outFile: string): Readonly<Record<string, number>> | undefined {
    return this.#entries.get(outFile)?.anchors;
  }

  /** Notes what was just printed and written. */
  record(requests: readonly PrintRequest[], results: readonly PrintResult[], format: string): void {
    requests.forEach((request, index) => {
      const result = results[index];
      if (result === undefined) return;
      const input = this.#inputs.get(request) ?? this.#inputOf(request, format);
      this.#entries.set(request.outFile, { input, output: result.sha256, pages: result.pages, overflows: result.overflows, anchors: result.anchors });
      this.#changed = true;
    });
  }

  /** Writes the ledger when anything was printed, forgetting PDFs no longer on disk. Never throws. */
  async save(): Promise<void> {
    if (!this.#changed) return;
    const temporary = `${this.file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
    try {
      const present = await Promise.all([...this.#entries].map(async (pair) => ((await stat(pair[0]).then(() => true, () => false)) ? [pair] : [])));
      const pdfs = Object.fromEntries(present.flat().sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      await writeFile(temporary, `${JSON.stringify({ version: VERSION, pdfs })}\n`, { mode: 0o600 });
      await rename(temporary, this.file);
    } catch {
      await unlink(temporary).catch(() => undefined);
    }
  }

  #outputDigest(path: string): Promise<string | undefined> {
    let digest = this.#outputs.get(path);
    if (digest === undefined) {
      digest = readFile(path).then(sha256, () => undefined);
      this.#outputs.set(path, digest);
    }
    return digest;
  }

  #inputOf(request: PrintRequest, format: string): string {
    return createHash("sha256").update(this.stamp).update("\0").update(printFingerprint(request, format)).digest("hex");
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The entries of a ledger file; none when it is missing, unreadable or of another version. */
async function readLedger(file: string): Promise<Map<string, Entry>> {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as { version?: unknown; pdfs?: unknown };
    if (parsed.version !== VERSION || typeof parsed.pdfs !== "object" || parsed.pdfs === null) return new Map();
    return new Map(Object.entries(parsed.pdfs as Record<string, unknown>).filter((pair): pair is [string, Entry] => isEntry(pair[1])));
  } catch {
    return new Map();
  }
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== "object" || value === null) return false;
  const { input, output, pages, overflows, anchors } = value as Record<string, unknown>;
  return typeof input === "string" && typeof output === "string" && typeof pages === "number" && Array.isArray(overflows) && overflows.every(isOverflow)
    && typeof anchors === "object" && anchors !== null && Object.values(anchors).every((page) => typeof page === "number");
}

function isOverflow(value: unknown): value is MeasuredOverflow {
  if (typeof value !== "object" || value === null) return false;
  const { source, kind, width, limit } = value as Record<string, unknown>;
  return typeof source === "string" && (kind === "table" || kind === "image") && typeof width === "number" && typeof limit === "number";
}
