/**
 * Bundles the compiled command line (lib/cli/main.js and everything it imports, node_modules
 * included) into lib/bundle/, split at the dynamic imports so that `check` never loads the
 * printer or the server: a few chunks load much faster than the hundreds of separate modules
 * (bench/README.md, "The V8 flag and the bundle, measured").
 *
 * bin/papersmith runs the bundle when it is newer than lib/cli/main.js, else lib/ itself.
 * The bundle's fingerprint (for the parse cache) is the SHA-256 of its files, written beside
 * them so that each run need not hash 7 MB.
 *
 *   node scripts/bundle.mjs        (run by `npm run compile`, after tsc)
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));
const outdir = join(root, "lib/bundle");
rmSync(outdir, { recursive: true, force: true });

// CommonJS dependencies (pdf-lib, cosmiconfig through puppeteer…) expect require, __filename and
// __dirname; in an ES module chunk they are made from the chunk's own URL.
const banner = [
  "import { createRequire as __papersmithRequire } from 'node:module';",
  "import { fileURLToPath as __papersmithPath } from 'node:url';",
  "const require = __papersmithRequire(import.meta.url);",
  "const __filename = __papersmithPath(import.meta.url);",
  "const __dirname = __papersmithPath(new URL('.', import.meta.url));",
].join(" ");

/**
 * The yaml package reads `process.env.LOG_TOKENS` for every token it lexes and
 * `process.env.LOG_STREAM` for every document, to print its internals to stdout. Each read of
 * process.env is a call into the C++ environment: 35–45% of the time YAML front matter takes
 * to parse here (2,600 front matters: 350–560 ms against 640–890). And a user whose shell
 * happens to set either would find yaml's tokens in papersmith's JSON output. So the bundle
 * reads neither; a yaml release that drops the checks only makes this plugin warn.
 */
const yamlWithoutDebugLogging = {
  name: "yaml-without-debug-logging",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const contents = source.replace(/\bnode_process\.env\.LOG_(TOKENS|STREAM)\b/g, "false");
      const warnings = contents === source ? [{ text: `no LOG_TOKENS or LOG_STREAM check left to remove in ${args.path}` }] : [];
      return { contents, loader: "js", warnings };
    });
  },
};

await build({
  // The parse pool's worker is an entry of its own, beside the chunks, where the pool looks for it.
  entryPoints: { main: join(root, "lib/cli/main.js"), "parse-worker": join(root, "lib/load/parse-worker.js") },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  banner: { js: banner },
  logLevel: "warning",
  legalComments: "inline",
  plugins: [yamlWithoutDebugLogging],
});

const files = readdirSync(outdir).filter((name) => name.endsWith(".js")).sort();
const hash = createHash("sha256");
for (const name of files) hash.update(name).update("\0").update(readFileSync(join(outdir, name))).update("\0");
hash.update(readFileSync(join(root, "package.json")));
writeFileSync(join(outdir, "fingerprint.txt"), `${hash.digest("hex")}\n`);
