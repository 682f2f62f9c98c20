import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { slug } from "github-slugger";
import { ZipFile } from "yazl";
import { writeFileAtomic } from "../render/write-atomic.js";

/** What `build --release` bundles, and when. */
export interface ReleaseRequest {
  /** The build's output folder; the bundle is written beside it. */
  readonly outDir: string;
  /** The files to bundle, relative to outDir with `/` separators (the PDFs, and DOCX files when built). */
  readonly files: readonly string[];
  readonly seriesTitle: string;
  /** The build's moment (`--now`, else SOURCE_DATE_EPOCH, else the clock): the bundle's date and its entries' times. */
  readonly moment: Date;
}

/** The bundle as written. */
export interface ReleaseBundle {
  /** Absolute path of the zip. */
  readonly path: string;
  /** How many files it carries besides SHA256SUMS. */
  readonly files: number;
  /** SHA-256 of the zip, hex. */
  readonly sha256: string;
}

/** Regular file, rw-r--r--, as the zip's external attributes give it to unzip. */
const FILE_MODE = 0o100644;

/**
 * Writes `<series-slug>-<date>.zip` beside outDir: one folder of that name holding the files
 * (at their paths in outDir) and `SHA256SUMS`, in the format `sha256sum -c` reads. The same
 * files and moment give the same bytes: entries in path order, stored (PDFs are compressed
 * already), each with the build's moment as its time and one fixed mode. Written atomically.
 */
export async function writeReleaseBundle(request: ReleaseRequest): Promise<ReleaseBundle> {
  const name = `${slug(request.seriesTitle) || "series"}-${request.moment.toISOString().slice(0, 10)}`;
  const files = [...request.files].sort();
  const contents = await Promise.all(files.map((file) => readFile(join(request.outDir, file))));
  const sums = files.map((file, at) => `${sha256(contents[at]!)}  ${file}\n`).join("");
  const zip = new ZipFile();
  const options = { mtime: zipTime(request.moment), mode: FILE_MODE, compress: false, forceDosTimestamp: true };
  files.forEach((file, at) => zip.addBuffer(contents[at]!, `${name}/${file}`, options));
  zip.addBuffer(Buffer.from(sums, "utf8"), `${name}/SHA256SUMS`, options);
  zip.end();
  const bytes = await collect(zip.outputStream);
  const path = join(dirname(request.outDir), `${name}.zip`);
  await writeFileAtomic(path, bytes);
  return { path, files: files.length, sha256: sha256(bytes) };
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * A zip entry's time is a DOS date and time without a zone, which yazl takes from a Date's
 * local-time fields: a Date whose local fields are the moment's UTC ones makes the bundle the
 * same in every time zone (but for an hour a clock change skips, where it moves by that hour).
 */
function zipTime(moment: Date): Date {
  return new Date(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate(), moment.getUTCHours(), moment.getUTCMinutes(), moment.getUTCSeconds());
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
