import { isMap, isScalar, type Pair } from "yaml";
import { posix } from "node:path";
import type { Accent, AllowedPersonalData, SourceText, Partner, RuleOverride, SeriesConfig, Severity } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { isRuleId, RULE_IDS } from "../diagnostics/rules.js";
import { DEFAULT_BUILD, DEFAULT_LANGUAGE, MAX_PARTNERS, PAPER_FORMATS } from "../config/defaults.js";
import { boolean, webUrl, hexColour, id, isNodeLike, listOf, markdown, oneOf, text, HEX_COLOUR, type FieldReader } from "./fields.js";
import { mappingOf, optional, readMapping, required } from "./read-mapping.js";
import { readYamlFile } from "./yaml-file.js";
import { nodeRange, type ReadContext } from "./read-context.js";

const language: FieldReader<string> = (node, rc, label) => {
  const v = text(node, rc, label);
  if (v === undefined) return undefined;
  try {
    if (Intl.getCanonicalLocales(v).length === 1) return v;
  } catch { /* reported below */ }
  rc.ctx.report("schema", nodeRange(node, rc), `${label} "${v}" is not a BCP 47 language tag such as "en-GB".`);
  return undefined;
};

/** A partner logo: an SVG or PNG file in the project (whether it exists is checked with the links). */
const logoFile: FieldReader<string> = (node, rc, label) => {
  const v = text(node, rc, label);
  if (v === undefined) return undefined;
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(v)) {
    rc.ctx.report("schema", nodeRange(node, rc), `${label} must be an SVG or PNG file in the project, not an address ("${v}"), so that builds work offline and never change under you.`);
  } else if (!/\.(svg|png)$/i.test(v)) {
    rc.ctx.report("schema", nodeRange(node, rc), `${label} must be an SVG or PNG file, not "${v}".`);
  }
  return v;
};

/** The partner list is read item by item later, so each partner keeps its positions. */
const rawList: FieldReader<unknown[]> = (node, rc, label) => listOf<unknown>((item) => item)(node, rc, label);

const SERIES = { title: required(text), subtitle: optional(text), language: optional(language), copyright: optional(text) };
const PARTNER = {
  id: required(id), name: required(text), shortName: optional(text), url: optional(webUrl),
  logo: required(logoFile), logoAlt: required(text), colour: optional(hexColour), about: optional(markdown),
};
const THEME = { accent: optional(text), font: optional(text) };
const PDF = { format: optional(oneOf(PAPER_FORMATS)), combined: optional(boolean) };
/** Folders and files of the sources: an output folder there would overwrite them. */
const SOURCE_PLACES = new Set(["papers", "sessions", "case-studies", "assets", "papersmith.yaml", "charter.yaml", "people.yaml", "quotes.yaml"]);

/**
 * `build.outDir`: a folder inside the project, apart from its sources. A project is untrusted
 * input (CI builds pull requests): its papersmith.yaml must not send a build's writes, or the
 * removal of stale output, anywhere else. `--out` on the command line may name any folder.
 */
const outputFolder: FieldReader<string> = (node, rc, label) => {
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
};
const BUILD = { outDir: optional(outputFolder), pdf: optional(mappingOf(PDF, "The pdf options")), baseUrl: optional(text) };
const ACCESSIBILITY = { contact: required(text) };
const ALLOWED = { text: required(text), reason: required(text) };
const PERSONAL_DATA = { allow: optional(rawList) };

function readAllowList(node: unknown, rc: ReadContext): AllowedPersonalData[] {
  const read = isNodeLike(node) ? readMapping(node, PERSONAL_DATA, rc, "`personalData`") : undefined;
  const allowed: AllowedPersonalData[] = [];
  for (const item of (read?.values.allow ?? []).filter(isNodeLike)) {
    const entry = readMapping(item, ALLOWED, rc, "An allowed text");
    if (entry?.values.text !== undefined && entry.values.reason !== undefined) {
      allowed.push({ text: entry.values.text, reason: entry.values.reason, range: entry.valueRanges.get("text") ?? entry.range });
    }
  }
  return allowed;
}

const CONFIG = {
  series: required(mappingOf(SERIES, "The series")),
  partners: required(rawList),
  theme: optional(() => true as const),
  build: optional(mappingOf(BUILD, "The build options")),
  rules: optional(() => true as const),
  personalData: optional(() => true as const),
  accessibility: optional(mappingOf(ACCESSIBILITY, "The accessibility statement's settings")),
};

function readPartners(items: unknown[], rc: ReadContext): Partner[] {
  const partners: Partner[] = [];
  for (const item of items.filter(isNodeLike)) {
    const read = readMapping(item, PARTNER, rc, "The partner");
    if (!read?.values.id) continue;
    const v = read.values;
    partners.push({
      kind: "partner",
      id: v.id!,
      idRange: read.valueRanges.get("id") ?? read.range,
      range: read.range,
      name: v.name ?? "",
      logo: v.logo ?? "",
      logoRange: read.valueRanges.get("logo") ?? read.range,
      logoAlt: v.logoAlt ?? "",
      ...(read.keys.has("logoAlt") ? { logoAltRange: read.valueRanges.get("logoAlt") ?? read.keys.get("logoAlt")! } : {}),
      ...(v.shortName === undefined ? {} : { shortName: v.shortName }),
      ...(v.url === undefined ? {} : { url: v.url }),
      ...(v.colour === undefined ? {} : { colour: v.colour, colourRange: read.valueRanges.get("colour") ?? read.range }),
      ...(v.about === undefined ? {} : { about: v.about }),
    });
  }
  return partners;
}

function readTheme(node: unknown, rc: ReadContext): SeriesConfig["theme"] {
  const read = isNodeLike(node) ? readMapping(node, THEME, rc, "The theme") : undefined;
  if (!read) return {};
  const accentText = read.values.accent;
  const accentRange = read.valueRanges.get("accent");
  let accent: Accent | undefined;
  if (accentText !== undefined && accentRange) {
    if (accentText.startsWith("#")) {
      if (HEX_COLOUR.test(accentText)) accent = { colour: accentText, range: accentRange };
      else rc.ctx.report("schema", accentRange, `\`accent\` must be a partner id or a hex colour such as "#005EB8", not "${accentText}".`);
    } else {
      accent = { partner: { id: accentText, range: accentRange } };
    }
  }
  return { ...(accent ? { accent } : {}), ...(read.values.font === undefined ? {} : { font: read.values.font }) };
}

function readRules(node: unknown, rc: ReadContext): RuleOverride[] {
  if (!isNodeLike(node)) return [];
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
    const severity = isNodeLike(pair.value) ? oneOf<Severity>(["error", "warn", "off"])(pair.value, rc, `The severity of \`${key}\``) : undefined;
    if (severity !== undefined) overrides.push({ rule: key, severity, range: nodeRange(pair.value as never, rc) });
  }
  return overrides;
}

/** Loads `papersmith.yaml`: the series, its partners, theme, build options and rule severities. */
export function loadConfig(text: string, file: string): { config?: SeriesConfig; problems: Problem[]; source?: SourceText } {
  const yaml = readYamlFile(text, file);
  const { rc } = yaml;
  if (!yaml.parsed) return { problems: rc.ctx.problems };
  const read = readMapping(yaml.root, CONFIG, rc, "papersmith.yaml");
  const root = yaml.root;
  const nodeOf = (key: string): unknown => (isMap(root) ? root.get(key, true) : undefined);
  const partnerItems = read?.values.partners ?? [];
  const partners = readPartners(partnerItems, rc);
  if (read?.values.partners && (partnerItems.length === 0 || partnerItems.length > MAX_PARTNERS)) {
    rc.ctx.report("schema", read.valueRanges.get("partners") ?? read.range, `\`partners\` must list 1 to ${MAX_PARTNERS} organisations, not ${partnerItems.length}.`);
  }
  const series = read?.values.series ?? {};
  const build = read?.values.build ?? {};
  const contact = read?.values.accessibility?.contact;
  const config: SeriesConfig = {
    file,
    range: read?.range ?? rc.ctx.fileStart(),
    series: {
      title: series.title ?? "",
      language: series.language ?? DEFAULT_LANGUAGE,
      ...(series.subtitle === undefined ? {} : { subtitle: series.subtitle }),
      ...(series.copyright === undefined ? {} : { copyright: series.copyright }),
    },
    partners,
    theme: readTheme(nodeOf("theme"), rc),
    build: {
      outDir: build.outDir ?? DEFAULT_BUILD.outDir,
      baseUrl: build.baseUrl ?? DEFAULT_BUILD.baseUrl,
      pdf: { format: build.pdf?.format ?? DEFAULT_BUILD.pdf.format, combined: build.pdf?.combined ?? DEFAULT_BUILD.pdf.combined },
    },
    rules: readRules(nodeOf("rules"), rc),
    personalDataAllow: readAllowList(nodeOf("personalData"), rc),
    ...(contact === undefined ? {} : { accessibility: { contact } }),
  };
  // The allow-list itself is not prose: the personal-data rule must not flag what it allows.
  const allowNode = nodeOf("personalData") as { range?: [number, number, number] } | undefined;
  const [skipStart, skipEnd] = allowNode?.range ?? [0, 0];
  const source: SourceText = { ...yaml.source, yamlValues: yaml.source.yamlValues.filter(([start]) => start < skipStart || start >= skipEnd) };
  return { config, problems: rc.ctx.problems, source };
}
