import { isMap } from "yaml";
import type { SourceText, Partner, SeriesConfig } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { DEFAULT_BUILD, DEFAULT_LANGUAGE, MAX_PARTNERS } from "../config/defaults.js";
import { isNodeLike } from "./fields.js";
import { readMapping } from "./read-mapping.js";
import { readYamlFile } from "./yaml-file.js";
import type { ReadContext } from "./read-context.js";
import { CONFIG_FIELDS, PARTNER_FIELDS } from "./config-fields.js";

function readPartners(items: unknown[], rc: ReadContext): Partner[] {
  const partners: Partner[] = [];
  for (const item of items.filter(isNodeLike)) {
    const read = readMapping(item, PARTNER_FIELDS, rc, "The partner");
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

/** Loads `papersmith.yaml`: the series, its partners, theme, build options and rule severities. */
export function loadConfig(text: string, file: string): { config?: SeriesConfig; problems: Problem[]; source?: SourceText } {
  const yaml = readYamlFile(text, file);
  const { rc } = yaml;
  if (!yaml.parsed) return { problems: rc.ctx.problems };
  const read = readMapping(yaml.root, CONFIG_FIELDS, rc, "papersmith.yaml");
  const root = yaml.root;
  const nodeOf = (key: string): unknown => (isMap(root) ? root.get(key, true) : undefined);
  const partnerItems = read?.values.partners ?? [];
  const partners = readPartners(partnerItems, rc);
  if (read?.values.partners && (partnerItems.length === 0 || partnerItems.length > MAX_PARTNERS)) {
    rc.ctx.report("schema", read.valueRanges.get("partners") ?? read.range, `\`partners\` must list 1 to ${MAX_PARTNERS} organisations, not ${partnerItems.length}.`);
  }
  const series = read?.values.series ?? {};
  const build = read?.values.build ?? {};
  const theme = read?.values.theme ?? {};
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
    theme: {
      ...(theme.accent === undefined ? {} : { accent: theme.accent }),
      ...(theme.font === undefined ? {} : { font: theme.font }),
      fonts: theme.fonts ?? [],
    },
    build: {
      outDir: build.outDir ?? DEFAULT_BUILD.outDir,
      baseUrl: build.baseUrl ?? DEFAULT_BUILD.baseUrl,
      pdf: { format: build.pdf?.format ?? DEFAULT_BUILD.pdf.format, combined: build.pdf?.combined ?? DEFAULT_BUILD.pdf.combined },
    },
    rules: read?.values.rules ?? [],
    personalDataAllow: read?.values.personalData ?? [],
    citationStyle: read?.values.citations?.style ?? "harvard",
    ...(contact === undefined ? {} : { accessibility: { contact } }),
  };
  // The allow-list itself is not prose: the personal-data rule must not flag what it allows.
  const allowNode = nodeOf("personalData") as { range?: [number, number, number] } | undefined;
  const [skipStart, skipEnd] = allowNode?.range ?? [0, 0];
  const source: SourceText = { ...yaml.source, yamlValues: yaml.source.yamlValues.filter(([start]) => start < skipStart || start >= skipEnd) };
  return { config, problems: rc.ctx.problems, source };
}
