import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

let fingerprint: Promise<string> | undefined;

async function moduleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map(async (entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "bundle" ? [] : moduleFiles(path);
    return /\.(js|ts)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  }));
  return nested.flat().sort();
}

/**
 * A digest of the code that produced a cached result: every module of papersmith (the bundle's
 * digest taken when it was made; else every compiled module, or its TypeScript when run from
 * source), its package.json (the exact versions of the parsers) and the Node and V8 versions.
 * Any change to any of them — a new release, a recompile of edited sources — gives a new
 * fingerprint, so a cache can never hand back what older code made. Computed once per process.
 */
export function codeFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const versions = `${process.versions.node}\0${process.versions.v8}\0`;
    // Running from lib/bundle/: its digest was taken when it was made (scripts/bundle.mjs).
    const bundled = await readFile(new URL("./fingerprint.txt", import.meta.url), "utf8").catch(() => undefined);
    if (bundled !== undefined) return createHash("sha256").update(versions).update(bundled).digest("hex");
    const lib = fileURLToPath(new URL("../", import.meta.url)); // lib/, or src/ under vitest
    const files = [fileURLToPath(new URL("../../package.json", import.meta.url)), ...(await moduleFiles(lib))];
    const contents = await Promise.all(files.map((file) => readFile(file)));
    const hash = createHash("sha256").update(versions);
    files.forEach((file, i) => hash.update(file.slice(lib.length)).update("\0").update(contents[i]!).update("\0"));
    return hash.digest("hex");
  })();
  return fingerprint;
}
