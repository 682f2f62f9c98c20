import { isMap, isScalar, type Pair } from "yaml";
import { posix } from "node:path";
import type { Accent, AllowedPersonalData, FontFile, RuleOverride, Severity } from "../model/index.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { isRuleId, RULE_IDS, RULES } from "../diagnostics/rules.js";
import { MAX_PARTNERS, PAPER_FORMATS } from "../config/defaults.js";
import {
  boolean, fieldReader, hexColour, HEX_COLOUR, id, isNodeLike, markdown, nodeListOf, oneOf, text, webUrl, type FieldReader,
} from "./fields.js";
import { mappingOf, mappingSchema, optional, optionalReadingEmpty, readMapping, required } from "./read-mapping.js";
import { nodeRange } from "./read-context.js";
import { derefNode } from "./yaml-source.js";

/** The fields of papersmith.yaml: how the loader reads each one, and what each one is for. */

const language = fieldReader<string>({ title: "language tag (BCP 47)", type: "string" }, (node, rc, label) => {
  const v = text(node, rc, label);
  if (v === undefined) return undefined;
  try {
    if (Intl.getCanonicalLocales(v).length === 1) return v;
  } catch { /* reported below */ }
  rc.ctx.report("schema", nodeRange(node, rc), `${label} "${v}" is not a BCP 47 language tag such as "en-GB".`);
  return undefined;
});

/** A partner logo: an SVG or PNG file in the project (whether it exists is checked with the links). */
const logoFile = fieldReader<string>({ title: "SVG or PNG file", type: "string", pattern: "^(?![a-zA-Z][a-zA-Z0-9+.-]*:)[\\s\\S]*\\.([Ss][Vv][Gg]|[Pp][Nn][Gg])$" }, (node, rc, label) => {
  const v = text(node, rc, label);
  if (v === undefined) return undefined;
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(v)) {
    rc.ctx.report("schema", nodeRange(node, rc), `${label} must be an SVG or PNG file in the project, not an address ("${v}"), so that builds work offline and never change under you.`);
  } else if (!/\.(svg|png)$/i.test(v)) {
    rc.ctx.report("schema", nodeRange(node, rc), `${label} must be an SVG or PNG file, not "${v}".`);
  }
  return v;
});

/** Folders and files of the sources: an output folder there would overwrite them. */
const SOURCE_PLACES = new Set(["papers", "sessions", "case-studies", "assets", "papersmith.yaml", "charter.yaml", "people.yaml", "quotes.yaml", "glossary.yaml", "references.yaml", "references.bib"]);

/**
 * `build.outDir`: a folder inside the project, apart from its sources. A project is untrusted
 * input (CI builds pull requests): its papersmith.yaml must not send a build's writes, or the
 * removal of stale output, anywhere else. `--out` on the command line may name any folder.
 */
const outputFolder = fieldReader<string>({ title: "folder", type: ["string", "number"] }, (node, rc, label) => {
  const value = text(node, rc, label);
  if (value === undefined) return undefined;
  const normal = posix.normalize(value.replace(/\\/g, "/")).replace(/\/$/, "");
  const why = posix.isAbsolute(normal) || /^[a-zA-Z]:/.test(normal) ? "an absolute path"
    : normal === ".." || normal.startsWith("../") ? "outside the project"
    : normal === "." || normal === "" ? "the project folder itself"
    : SOURCE_PLACES.has(normal.split("/")[0]!) ? `among the sources (${normal.split("/")[0]})`
    : undefined;
  if (why === undefined) return normal;
  rc.ctx.report("schema", nodeRange(node, rc), `${label} "${value}" is ${why}; it must be a folder inside the project, such as dist. To build elsewhere, give --out on the command line.`);
  return undefined;
});

/** `theme.accent`: a hex colour when it starts with `#`, else a partner id (checked with the references). */
const accent = fieldReader<Accent>(
  { title: "partner id or hex colour", type: ["string", "number"], pattern: `^(?:${HEX_COLOUR.source.slice(1, -1)}|(?!#)[\\s\\S]*)$` },
  (node, rc) => {
    const written = text(node, rc, "`accent`");
    if (written === undefined) return undefined;
    const range = nodeRange(node, rc);
    if (!written.startsWith("#")) return { partner: { id: written, range } };
    if (HEX_COLOUR.test(written)) return { colour: written, range };
    rc.ctx.report("schema", range, `\`accent\` must be a partner id or a hex colour such as "#005EB8", not "${written}".`);
    return undefined;
  },
);

const SEVERITIES = ["error", "warn", "off"] as const satisfies readonly Severity[];

/** Each rule id papersmith declares, with its title, as a key of `rules:`. */
const RULES_SCHEMA = {
  title: "rule id: error, warn or off",
  type: "object",
  properties: Object.fromEntries(RULE_IDS.map((rule) => [rule, {
    description: RULES.get(rule)?.title ?? rule,
    enum: [...SEVERITIES],
    examples: [RULES.get(rule)?.defaultSeverity === "error" ? "warn" : "error"],
  }])),
  additionalProperties: false,
};

/** `rules:`, rule id to severity. Unlike other optional keys, an empty `rules:` is reported. */
const ruleOverrides = fieldReader<RuleOverride[]>(RULES_SCHEMA, (node, rc) => {
  if (!isMap(node)) {
    rc.ctx.report("schema", nodeRange(node, rc), "`rules` must map rule ids to error, warn or off.");
    return [];
  }
  const overrides: RuleOverride[] = [];
  for (const pair of node.items as Pair<unknown, unknown>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    const keyRange = nodeRange(isNodeLike(pair.key) ? pair.key : undefined, rc);
    if (!isRuleId(key)) {
      const suggestion = didYouMean(key, RULE_IDS);
      rc.ctx.report("schema", keyRange, `\`${key}\` is not a rule id.${suggestion ? ` Did you mean \`${suggestion}\`?` : ""}`, suggestion);
      continue;
    }
    const severity = isNodeLike(pair.value) ? oneOf<Severity>(SEVERITIES)(pair.value, rc, `The severity of \`${key}\``) : undefined;
    if (severity !== undefined) overrides.push({ rule: key, severity, range: nodeRange(pair.value as never, rc) });
  }
  return overrides;
});

export const SERIES_FIELDS = {
  title: required(text, "The title of the series.", ["Integrated thinking for integrated care"]),
  subtitle: optional(text, "A line under the series title.", ["Papers from our joint programme"]),
  language: optional(language, "The language of the papers, as a BCP 47 tag; the default is en-GB.", ["en-GB"]),
  copyright: optional(text, "The copyright line of the site and the papers.", ["© The partners 2026"]),
};

export const PARTNER_FIELDS = {
  id: required(id, "The partner's id (lowercase kebab-case), used by `organisation`, `organisations` and `theme.accent`.", ["alliance"]),
  name: required(text, "The organisation's full name.", ["Primary Care Alliance"]),
  shortName: optional(text, "A shorter name for the organisation.", ["The Alliance"]),
  url: optional(webUrl, "The organisation's web site, starting with https:// or http://.", ["https://example.org/"]),
  logo: required(logoFile, "The logo: an SVG or PNG file in the project, relative to it. It must exist.", ["assets/alliance.svg"]),
  logoAlt: required(text, "The logo's text alternative, usually the organisation's name.", ["Primary Care Alliance"]),
  colour: optional(hexColour, "The brand colour, as #rgb or #rrggbb.", ["#005EB8"]),
  about: optional(markdown, "The \"About\" text for the organisation, in Markdown.", ["The Alliance brings together the practices of the area."]),
};

/** A font file in the project: WOFF2, WOFF, TrueType or OpenType (whether it exists is checked with the links). */
const fontFile = fieldReader<string>({ title: "WOFF2, WOFF, TTF or OTF file", type: "string", pattern: "^(?![a-zA-Z][a-zA-Z0-9+.-]*:)[\\s\\S]*\\.([Ww][Oo][Ff][Ff]2?|[Tt][Tt][Ff]|[Oo][Tt][Ff])$" }, (node, rc, label) => {
  const v = text(node, rc, label);
  if (v === undefined) return undefined;
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(v)) {
    rc.ctx.report("schema", nodeRange(node, rc), `${label} must be a font file in the project, not an address ("${v}"), so that builds work offline and never change under you.`);
    return undefined;
  }
  if (!/\.(woff2?|ttf|otf)$/i.test(v)) {
    rc.ctx.report("schema", nodeRange(node, rc), `${label} must be a WOFF2, WOFF, TTF or OTF font file, not "${v}".`);
    return undefined;
  }
  return v;
});

/** A font family name: letters, digits, spaces and hyphens, so it is the same in CSS and in the PDF. */
const fontFamily = fieldReader<string>({ title: "font family name", type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9 _-]*$" }, (node, rc, label) => {
  const v = text(node, rc, label);
  if (v === undefined) return undefined;
  if (!/^[A-Za-z0-9][A-Za-z0-9 _-]*$/.test(v)) {
    rc.ctx.report("schema", nodeRange(node, rc), `${label} must be a plain family name (letters, digits, spaces and hyphens), not "${v}".`);
    return undefined;
  }
  return v;
});

const FONT_WEIGHTS = ["100", "200", "300", "400", "500", "600", "700", "800", "900"] as const;

/** A CSS font weight, 100 to 900 in hundreds, written as a number. */
const fontWeight = fieldReader<number>({ title: "font weight (100 to 900)", type: "integer", enum: FONT_WEIGHTS.map(Number) }, (node, rc, label) => {
  const target = derefNode(node, rc.doc);
  const v: unknown = isScalar(target) ? target.value : undefined;
  if (typeof v === "number" && (FONT_WEIGHTS as readonly string[]).includes(String(v))) return v;
  rc.ctx.report("schema", nodeRange(node, rc), `${label} must be a font weight: 100, 200, … 900 (400 is regular, 700 bold), not ${JSON.stringify(v ?? null)}.`);
  return undefined;
});

export const FONT_FIELDS = {
  file: required(fontFile, "The font file, relative to the project: WOFF2, WOFF, TTF or OTF. It must exist.", ["assets/fonts/BrandSans-Regular.woff2"]),
  family: required(fontFamily, "The family name that `theme.font` and the styles use for it.", ["Brand Sans"]),
  weight: optional(fontWeight, "Its weight: 400 (the default) for regular, 700 for bold.", [400, 700]),
  style: optional(oneOf(["normal", "italic"] as const), "normal (the default) or italic.", ["normal"]),
};

/** Reads `theme.fonts`, each entry keeping where its file was written. */
const fontList = fieldReader<FontFile[]>({ title: "list (each: mapping)", type: "array", items: mappingSchema(FONT_FIELDS) }, (node, rc, label) => {
  const fonts: FontFile[] = [];
  const items = nodeListOf({ title: "list", type: "array" })(node, rc, label) ?? [];
  for (const item of items.filter(isNodeLike)) {
    const entry = readMapping(item, FONT_FIELDS, rc, "A font of `theme.fonts`");
    const { file, family, weight, style } = entry?.values ?? {};
    if (entry === undefined || file === undefined || family === undefined) continue;
    fonts.push({ file, family, weight: weight ?? 400, style: style ?? "normal", fileRange: entry.valueRanges.get("file") ?? entry.range });
  }
  return fonts;
});

const THEME_FIELDS = {
  accent: optional(accent, "The accent colour: a partner id (that partner's colour) or a hex colour. The default is the first partner's colour.", ["alliance", "#005EB8"]),
  font: optional(text, "The typeface of the site and the PDFs (body and headings), as a CSS font stack. The default, when `fonts` is given, is its first family.", ["\"Source Sans 3\", Arial, sans-serif"]),
  fonts: optional(fontList, "Font files to embed in the site and the PDFs, each with its family, weight and style.",
    [[{ file: "assets/fonts/BrandSans-Regular.woff2", family: "Brand Sans" }, { file: "assets/fonts/BrandSans-Bold.woff2", family: "Brand Sans", weight: 700 }]]),
};

const PDF_FIELDS = {
  format: optional(oneOf(PAPER_FORMATS), "The paper size of the PDFs; the default is A4.", ["A4"]),
  combined: optional(boolean, "Whether to print the final papers as one PDF of the whole series as well; the default is true.", [true]),
};

const BUILD_FIELDS = {
  outDir: optional(outputFolder, "The output folder, inside the project and apart from its sources; the default is dist.", ["dist"]),
  pdf: optional(mappingOf(PDF_FIELDS, "The pdf options"), "Options for the PDFs.", [{ format: "A4", combined: true }]),
  baseUrl: optional(text, "The address path the site is served from; the default is /.", ["/", "/papers/"]),
};

/** The citation styles papersmith ships, each a CSL style rendered by the CSL processor. */
export const CITATION_STYLES = ["harvard", "vancouver", "apa"] as const;

const CITATIONS_FIELDS = {
  style: optional(oneOf(CITATION_STYLES), "harvard (the default: author and date, the UK policy convention), vancouver (numbered in order of first citation in each paper) or apa.", ["harvard"]),
};

const ACCESSIBILITY_FIELDS = {
  contact: required(text, "Where readers report an accessibility problem or ask for another format: an email address, a web page or text.", ["accessibility@example.org"]),
};

export const ALLOWED_TEXT_FIELDS = {
  text: required(text, "The text the personal-data rule must not flag, matched ignoring case, spaces, hyphens, brackets and dots.", ["020 7946 0958"]),
  reason: required(text, "Why this text may be published.", ["The trust's public switchboard"]),
};

export const PERSONAL_DATA_FIELDS = {
  allow: optional(nodeListOf({ title: "list (each: mapping)", type: "array", items: mappingSchema(ALLOWED_TEXT_FIELDS) }),
    "Texts the personal-data rule would flag that are known to be public.",
    [[{ text: "020 7946 0958", reason: "The trust's public switchboard" }]]),
};

/** Reads `personalData.allow`, each entry positioned at its text. */
const allowList = fieldReader<AllowedPersonalData[]>(mappingSchema(PERSONAL_DATA_FIELDS), (node, rc) => {
  const read = readMapping(node, PERSONAL_DATA_FIELDS, rc, "`personalData`");
  const allowed: AllowedPersonalData[] = [];
  for (const item of (read?.values.allow ?? []).filter(isNodeLike)) {
    const entry = readMapping(item, ALLOWED_TEXT_FIELDS, rc, "An allowed text");
    if (entry?.values.text !== undefined && entry.values.reason !== undefined) {
      allowed.push({ text: entry.values.text, reason: entry.values.reason, range: entry.valueRanges.get("text") ?? entry.range });
    }
  }
  return allowed;
});

/** The partner list is read item by item by the loader, so each partner keeps its positions. */
const partnerList: FieldReader<unknown[]> = nodeListOf({ title: "list (each: mapping)", type: "array", items: mappingSchema(PARTNER_FIELDS), minItems: 1, maxItems: MAX_PARTNERS });

/** The top-level keys of papersmith.yaml. */
export const CONFIG_FIELDS = {
  series: required(mappingOf(SERIES_FIELDS, "The series"), "The series: its title, subtitle, language and copyright line.",
    [{ title: "Integrated thinking for integrated care", language: "en-GB" }]),
  partners: required(partnerList, `The partner organisations, 1 to ${MAX_PARTNERS}; their order is the order of the logos.`,
    [[{ id: "alliance", name: "Primary Care Alliance", logo: "assets/alliance.svg", logoAlt: "Primary Care Alliance", colour: "#005EB8" }]]),
  theme: optional(mappingOf(THEME_FIELDS, "The theme"), "The accent colour and typeface of the site and the PDFs.", [{ accent: "alliance" }]),
  build: optional(mappingOf(BUILD_FIELDS, "The build options"), "Where the build writes, and how it prints.",
    [{ outDir: "dist", pdf: { format: "A4", combined: true }, baseUrl: "/" }]),
  rules: optionalReadingEmpty(ruleOverrides, "Rule severities to change from their defaults: rule id to error, warn or off.", [{ "unused-entity": "warn" }]),
  personalData: optional(allowList, "Known false positives of the personal-data rule.",
    [{ allow: [{ text: "020 7946 0958", reason: "The trust's public switchboard" }] }]),
  citations: optional(mappingOf(CITATIONS_FIELDS, "The citation options"), "How `:cite` citations and each paper's References section are written.",
    [{ style: "harvard" }]),
  accessibility: optional(mappingOf(ACCESSIBILITY_FIELDS, "The accessibility statement's settings"), "Settings of the accessibility statement.",
    [{ contact: "accessibility@example.org" }]),
};
