import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_SCHEMAS, schemaDocument, schemaFileText, type ProjectSchema } from "../src/schema/project-schemas.js";
import { loadConfig } from "../src/load/load-config.js";
import { loadCharter } from "../src/load/load-charter.js";
import { loadPeople } from "../src/load/load-people.js";
import { loadQuotes } from "../src/load/load-quotes.js";
import { loadGlossary } from "../src/load/load-glossary.js";
import { MARKDOWN_LOADERS } from "../src/load/load-markdown-file.js";
import type { Problem } from "../src/diagnostics/diagnostic.js";
import { SCAFFOLD } from "../src/cli/init-scaffold.js";
import { main } from "../src/cli/main.js";
import { fieldTables, withFieldTables } from "../src/schema/fields-reference.js";

const REPO = fileURLToPath(new URL("../", import.meta.url));
const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, validateFormats: false });
const validators = new Map(PROJECT_SCHEMAS.map((schema) => [schema.fileName, ajv.compile(schemaDocument(schema))]));

/** How the loader reads one source file: its schema, and the loader's problems with it. */
const LOADERS: readonly { readonly matches: (file: string) => boolean; readonly schema: string; readonly load: (text: string, file: string) => { problems: Problem[] } }[] = [
  { matches: (f) => f === "papersmith.yaml", schema: "papersmith.schema.json", load: loadConfig },
  { matches: (f) => f === "charter.yaml", schema: "charter.schema.json", load: loadCharter },
  { matches: (f) => f === "people.yaml", schema: "people.schema.json", load: loadPeople },
  { matches: (f) => f === "quotes.yaml", schema: "quotes.schema.json", load: loadQuotes },
  { matches: (f) => f === "glossary.yaml", schema: "glossary.schema.json", load: loadGlossary },
  { matches: (f) => /^sessions\/[^/]+\.md$/.test(f), schema: "session.schema.json", load: MARKDOWN_LOADERS.session },
  { matches: (f) => /^case-studies\/[^/]+\.md$/.test(f), schema: "case-study.schema.json", load: MARKDOWN_LOADERS["case-study"] },
  { matches: (f) => /^papers\/[^/]+\.md$/.test(f), schema: "paper.schema.json", load: MARKDOWN_LOADERS.paper },
];

interface SourceFile { readonly project: string; readonly file: string; readonly text: string }

/** Every project under test/fixtures/ and examples/ (any folder holding a papersmith.yaml), plus init's. */
function sourceFiles(): SourceFile[] {
  const out: SourceFile[] = Object.entries(SCAFFOLD).map(([file, text]) => ({ project: "init", file, text }));
  const projects: string[] = [];
  const walk = (dir: string): void => {
    if (existsSync(join(dir, "papersmith.yaml"))) projects.push(dir);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules" && entry.name !== "dist") walk(join(dir, entry.name));
    }
  };
  walk(join(REPO, "test/fixtures"));
  walk(join(REPO, "examples"));
  for (const dir of projects) {
    const project = relative(REPO, dir);
    const candidates = ["papersmith.yaml", "charter.yaml", "people.yaml", "quotes.yaml", "glossary.yaml"].filter((f) => existsSync(join(dir, f)));
    for (const folder of ["sessions", "case-studies", "papers"]) {
      if (existsSync(join(dir, folder)) && statSync(join(dir, folder)).isDirectory()) {
        candidates.push(...readdirSync(join(dir, folder)).filter((f) => f.endsWith(".md") && !f.startsWith(".")).map((f) => `${folder}/${f}`));
      }
    }
    for (const file of candidates) {
      if (statSync(join(dir, file)).isFile()) out.push({ project, file, text: readFileSync(join(dir, file), "utf8") });
    }
  }
  return out;
}

/** The YAML a schema applies to: the whole file, or a Markdown file's front matter. */
function yamlOf(schema: ProjectSchema | undefined, text: string): string | undefined {
  const body = text.replace(/^\uFEFF/, "");
  if (!schema?.frontMatter) return body;
  const match = /^---[ \t]*\r?\n([\s\S]*?)^(?:---|\.\.\.)[ \t]*$/m.exec(body);
  return match?.[1];
}

interface Verdict { readonly id: string; readonly loader: "accepts" | "rejects" | "unreadable"; readonly schema: "accepts" | "rejects" | "unreadable"; readonly why: string }

function verdicts(): Verdict[] {
  const out: Verdict[] = [];
  for (const source of sourceFiles()) {
    const loader = LOADERS.find((l) => l.matches(source.file));
    if (!loader) continue;
    const id = `${source.project}: ${source.file}`;
    const { problems } = loader.load(source.text, source.file);
    const loaderVerdict = problems.some((p) => p.rule === "yaml-syntax") ? "unreadable"
      : problems.some((p) => p.rule === "schema") ? "rejects" : "accepts";
    const schema = PROJECT_SCHEMAS.find((s) => s.fileName === loader.schema);
    const yaml = yamlOf(schema, source.text);
    let data: unknown;
    let schemaVerdict: Verdict["schema"] = "unreadable";
    let why = "";
    try {
      if (yaml !== undefined) {
        data = parse(yaml, { uniqueKeys: true });
        const validate = validators.get(loader.schema)!;
        schemaVerdict = validate(data ?? null) ? "accepts" : "rejects";
        why = ajv.errorsText(validate.errors);
      }
    } catch {
      schemaVerdict = "unreadable";
    }
    out.push({ id, loader: loaderVerdict, schema: schemaVerdict, why });
  }
  return out;
}

/**
 * Files the loader rejects with a `schema` problem that no JSON Schema can see: a problem of
 * the file's name, its body, its missing front matter, or a day missing from the calendar
 * (the schema checks a date's shape, and names its format for editors that check more).
 */
const BEYOND_SCHEMA: Readonly<Record<string, string>> = {
  "test/fixtures/check/bad-empty-files: papers/02-empty.md": "no front matter at all",
  "test/fixtures/check/bad-unclosed-front-matter: papers/03-no-front-matter.md": "no front matter at all",
  "test/fixtures/check/schema-bad-date: papers/01-first.md": "2024-02-30 is not in the calendar",
  "test/fixtures/check/several-files: sessions/july.md": "2014-07-32 is not in the calendar",
  "test/fixtures/check/schema-bad-id: case-studies/Frailty Pathway.md": "the id comes from the file's name",
  "test/fixtures/check/schema-reserved-id-file-name: case-studies/index.md": "the id comes from the file's name",
  "test/fixtures/check/schema-reserved-id: case-studies/frailty.md": "the id `index` is the case-study list's page",
  "test/fixtures/check/schema-bad-id: papers/01-first.md": "a heading id in the body",
};

/** Every file the schemas reject: each one the loader rejects too, with a `schema` problem. */
const REJECTED_BY_SCHEMA = [
  "test/fixtures/check/bad-bom: people.yaml",
  "test/fixtures/check/bad-bom: papers/01-first.md",
  "test/fixtures/check/bad-crlf: papers/01-first.md",
  "test/fixtures/check/bad-empty-files: papersmith.yaml",
  "test/fixtures/check/bad-empty-files: charter.yaml",
  "test/fixtures/check/bad-empty-files: papers/03-empty-front-matter.md",
  "test/fixtures/check/bad-non-utf8: charter.yaml",
  "test/fixtures/check/bad-non-utf8: quotes.yaml",
  "test/fixtures/check/glossary: glossary.yaml",
  "test/fixtures/check/logo-format: papersmith.yaml",
  "test/fixtures/check/personal-data-allow: papersmith.yaml",
  "test/fixtures/check/release: papers/03-third.md",
  "test/fixtures/check/schema-bad-date: quotes.yaml",
  "test/fixtures/check/schema-bad-date: case-studies/frailty.md",
  "test/fixtures/check/schema-bad-date: papers/02-second.md",
  "test/fixtures/check/schema-bad-enum: papersmith.yaml",
  "test/fixtures/check/schema-bad-enum: sessions/july.md",
  "test/fixtures/check/schema-bad-enum: case-studies/frailty.md",
  "test/fixtures/check/schema-bad-enum: papers/01-first.md",
  "test/fixtures/check/schema-bad-id: papersmith.yaml",
  "test/fixtures/check/schema-bad-id: people.yaml",
  "test/fixtures/check/schema-bad-id-still-defines: papersmith.yaml",
  "test/fixtures/check/schema-bad-id-still-defines: charter.yaml",
  "test/fixtures/check/schema-bad-id-still-defines: people.yaml",
  "test/fixtures/check/schema-bad-id-still-defines: sessions/july.md",
  "test/fixtures/check/schema-missing-field: papersmith.yaml",
  "test/fixtures/check/schema-missing-field: charter.yaml",
  "test/fixtures/check/schema-missing-field: people.yaml",
  "test/fixtures/check/schema-missing-field: quotes.yaml",
  "test/fixtures/check/schema-missing-field: sessions/july.md",
  "test/fixtures/check/schema-missing-field: case-studies/frailty.md",
  "test/fixtures/check/schema-missing-field: papers/01-first.md",
  "test/fixtures/check/schema-partner-url: papersmith.yaml",
  "test/fixtures/check/schema-unknown-key: papersmith.yaml",
  "test/fixtures/check/schema-unknown-key: people.yaml",
  "test/fixtures/check/schema-unknown-key: papers/01-first.md",
  "test/fixtures/check/schema-wrong-type: papersmith.yaml",
  "test/fixtures/check/schema-wrong-type: people.yaml",
  "test/fixtures/check/schema-wrong-type: case-studies/frailty.md",
  "test/fixtures/check/schema-wrong-type: papers/01-first.md",
  "test/fixtures/check/schema-wrong-type: papers/02-second.md",
  "test/fixtures/check/several-files: case-studies/fine.md",
  "test/fixtures/check/several-files: papers/02-second.md",
  "test/fixtures/check/theme-fonts: papersmith.yaml",
  "test/fixtures/check/unpublishable-source-as-written: case-studies/consent-unsaid.md",
  "test/fixtures/check/unpublishable-source-as-written: case-studies/consent-yes.md",
  "test/fixtures/check/unpublishable-source-as-written: case-studies/published.md",
  "test/fixtures/check/unpublishable-source-as-written: papers/02-second.md",
  "test/fixtures/render/injection: papersmith.yaml",
];

describe("the JSON Schemas and the loader agree (one set of field definitions)", () => {
  const all = verdicts();

  it("reads the files of every fixture project, the example series and init's project", () => {
    expect(all.length).toBeGreaterThan(150);
    expect(all.some((v) => v.id.startsWith("examples/integrated-care-series: case-studies/"))).toBe(true);
    expect(all.filter((v) => v.id.startsWith("init: ")).map((v) => v.id)).toEqual([
      "init: papersmith.yaml", "init: charter.yaml", "init: people.yaml", "init: glossary.yaml", "init: papers/01-introduction.md",
    ]);
  });

  it("accepts every file the loader accepts without a schema problem", () => {
    const refused = all.filter((v) => v.loader === "accepts" && v.schema !== "accepts").map((v) => `${v.id}: ${v.why}`);
    expect(refused).toEqual([]);
  });

  it("rejects exactly the listed files, each of which the loader rejects too", () => {
    const rejected = all.filter((v) => v.schema === "rejects");
    expect(rejected.map((v) => v.id)).toEqual(REJECTED_BY_SCHEMA);
    expect(rejected.filter((v) => v.loader !== "rejects").map((v) => v.id)).toEqual([]);
  });

  it("misses only the listed schema problems, which are beyond what a schema can see", () => {
    const missed = all.filter((v) => v.loader === "rejects" && v.schema !== "rejects").map((v) => v.id);
    expect(missed.sort()).toEqual(Object.keys(BEYOND_SCHEMA).sort());
  });
});

/** Every field schema in a document, with its path: the properties of every mapping, at any depth. */
function fieldsOf(schema: unknown, path: string): [string, Record<string, unknown>][] {
  if (typeof schema !== "object" || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const out: [string, Record<string, unknown>][] = [];
  for (const [key, field] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
    out.push([`${path}.${key}`, field], ...fieldsOf(field, `${path}.${key}`));
  }
  out.push(...fieldsOf(node.items, `${path}[]`));
  for (const branch of (node.anyOf ?? []) as unknown[]) out.push(...fieldsOf(branch, path));
  return out;
}

describe("the schema files", () => {
  it("compile as draft 2020-12 under ajv's strict mode, one per file papersmith loads", () => {
    expect(PROJECT_SCHEMAS.map((s) => s.fileName)).toEqual([
      "papersmith.schema.json", "charter.schema.json", "people.schema.json", "quotes.schema.json", "glossary.schema.json",
      "session.schema.json", "case-study.schema.json", "paper.schema.json",
    ]);
    for (const schema of PROJECT_SCHEMAS) {
      const document = schemaDocument(schema);
      expect(document.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(typeof document.description).toBe("string");
      expect(validators.get(schema.fileName)).toBeTypeOf("function");
    }
  });

  it("give every field a description and an example, and every example is valid for its field", () => {
    let count = 0;
    for (const schema of PROJECT_SCHEMAS) {
      for (const [path, field] of fieldsOf(schemaDocument(schema), schema.fileName)) {
        count += 1;
        expect(typeof field.description === "string" && field.description.length > 10, `${path}: description`).toBe(true);
        const examples = field.examples as unknown[] | undefined;
        expect(Array.isArray(examples) && examples.length > 0, `${path}: examples`).toBe(true);
        const validate = ajv.compile(field);
        for (const example of examples ?? []) expect(validate(example), `${path}: ${JSON.stringify(example)} ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
    }
    expect(count).toBeGreaterThan(80);
  });

  it("list the allowed values of every enumerated field, and reject unknown keys in every mapping", () => {
    const caseStudy = schemaDocument(PROJECT_SCHEMAS.find((s) => s.fileName === "case-study.schema.json")!) as { properties: Record<string, { enum?: unknown[]; items?: { enum?: unknown[] } }> };
    expect(caseStudy.properties.status?.enum).toEqual(["draft", "review", "approved", null]);
    expect(caseStudy.properties.sectors?.items?.enum).toEqual([
      "general-practice", "community-pharmacy", "acute", "community", "mental-health", "ambulance", "housing", "social-care", "emergency-services",
    ]);
    for (const schema of PROJECT_SCHEMAS) {
      const mappings = [schemaDocument(schema), ...fieldsOf(schemaDocument(schema), "").map(([, f]) => f)]
        .flatMap((s) => [s, ...((s.anyOf ?? []) as Record<string, unknown>[]), s.items as Record<string, unknown> | undefined])
        .filter((s): s is Record<string, unknown> => s?.properties !== undefined);
      for (const mapping of mappings) expect(mapping.additionalProperties, schema.fileName).toBe(false);
    }
  });

  it("are what docs/fields.md lists, key by key (npm run docs:fields writes its tables)", () => {
    const page = readFileSync(join(REPO, "docs/fields.md"), "utf8");
    expect(withFieldTables(page, fieldTables())).toBe(page);
    expect(page).toContain("| `partners[].logoAlt` | yes | text |");
    expect(page).toContain("| `status` |  | one of draft, review, approved |");
  });

  it("are written the same every time: fixed key order, two-space JSON and a final newline", () => {
    for (const schema of PROJECT_SCHEMAS) {
      const text = schemaFileText(schema);
      expect(text).toBe(schemaFileText(schema));
      expect(text.endsWith("}\n")).toBe(true);
      expect(JSON.parse(text)).toEqual(schemaDocument(schema));
    }
  });
});

/** Runs the command line in this process and captures what it writes. */
async function run(args: string[]): Promise<{ code: number | "threw"; stdout: string; stderr: string }> {
  const out = { stdout: "", stderr: "" };
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  const stderrWrite = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => { out.stdout += String(chunk); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => { out.stderr += String(chunk); return true; }) as typeof process.stderr.write;
  try {
    return { code: await main(args), ...out };
  } catch (error) {
    return { code: "threw", stdout: out.stdout, stderr: `${out.stderr}${(error as Error).stack ?? String(error)}` };
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
}

const temp = mkdtempSync(join(tmpdir(), "papersmith-schema-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("papersmith schema", () => {
  it("writes every schema into --out, says so in one line, and exits 0", async () => {
    const out = join(temp, "written", "schemas");
    const result = await run(["schema", "--out", out]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe(`Wrote 8 JSON Schemas to ${out}: ${PROJECT_SCHEMAS.map((s) => s.fileName).join(", ")}\n`);
    expect(readdirSync(out).sort()).toEqual(PROJECT_SCHEMAS.map((s) => s.fileName).sort());
    for (const schema of PROJECT_SCHEMAS) expect(readFileSync(join(out, schema.fileName), "utf8")).toBe(schemaFileText(schema));
    expect((await run(["schema", "--out", out])).code).toBe(0); // writes over its own older copies
  });

  it("refuses an --out that is a file, or inside one, with exit 2 and no stack trace", async () => {
    const file = join(temp, "a-file");
    writeFileSync(file, "not a folder\n");
    for (const out of [file, join(file, "schemas")]) {
      const result = await run(["schema", "--out", out]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^papersmith: .*(is a file, not a folder|a file stands in the way)/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("reports an --out where no folder can be made with exit 3 and no stack trace", async () => {
    const result = await run(["schema", "--out", "/proc/papersmith-schemas"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe("papersmith: The schemas cannot be written to /proc/papersmith-schemas: no folder can be made there. Check that the folder is writable, or give --out another one.\n");
  });
});

describe("papersmith init and the schemas", () => {
  it("starts each YAML file with a $schema line that points at a schema it writes", async () => {
    const dir = join(temp, "new-series");
    expect((await run(["init", dir])).code).toBe(0);
    const yamlFiles = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
    expect(yamlFiles).toEqual(["charter.yaml", "glossary.yaml", "papersmith.yaml", "people.yaml"]);
    for (const file of yamlFiles) {
      const first = readFileSync(join(dir, file), "utf8").split("\n")[0];
      const schema = PROJECT_SCHEMAS.find((s) => s.appliesTo === file)!;
      expect(first).toBe(`# yaml-language-server: $schema=schemas/${schema.fileName}`);
      expect(readFileSync(join(dir, "schemas", schema.fileName), "utf8")).toBe(schemaFileText(schema));
    }
    const { checkProject } = await import("../src/check.js");
    const checked = await checkProject(dir);
    expect(checked.diagnostics).toEqual([]);
  });

  it("will not overwrite schemas already in the folder", async () => {
    const dir = join(temp, "has-schemas");
    expect((await run(["schema", "--out", join(dir, "schemas")])).code).toBe(0);
    const result = await run(["init", dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/will not overwrite existing files .*schemas\/papersmith\.schema\.json/);
    expect(existsSync(join(dir, "papersmith.yaml"))).toBe(false);
  });
});
