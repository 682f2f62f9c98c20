import type { Root } from "mdast";
import type { MarkdownText, Series, SourcePosition, SourceText } from "../../model/index.js";
import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";
import type { FileMemo } from "../file-memo.js";
import { findPersonalData, type PersonalDataKind, type PersonalDataMatch } from "../personal-data/detectors.js";
import { markdownScanText, positionAt, yamlScanText, type ScanText } from "../personal-data/scan-text.js";
import { allowListMatcher, type AllowedText } from "../personal-data/allow-list.js";

const ALLOW_HINT = "if it is public and not a patient's, allow it under personalData.allow in papersmith.yaml with the reason";

/** The message for one match; it names what the text looks like without repeating it whole. */
function describe(match: Pick<PersonalDataMatch, "kind" | "text">): string {
  const digits = match.text.replace(/\D/g, "");
  switch (match.kind) {
    case "nhs-number":
      return `This looks like an NHS number (10 digits ending ${digits.slice(-3)}, with a valid check digit). Remove it: an NHS number identifies a patient.`;
    case "postcode":
      return `This looks like a UK postcode (${match.text.replace(/\s/g, "").slice(0, -3).toUpperCase()} …), which can locate a patient's home. Remove it, or ${ALLOW_HINT}.`;
    case "email":
      return `This looks like an email address (…@${match.text.split("@")[1] ?? ""}). Remove it, or ${ALLOW_HINT}.`;
    case "phone":
      return `This looks like a UK phone number (ending ${digits.slice(-3)}). Remove it, or ${ALLOW_HINT}.`;
    case "date-of-birth":
      return "This looks like a date of birth. Remove it: with other details, a date of birth identifies a patient.";
  }
}

/** A file the rule scans, and how to prepare its text for the detectors. */
interface ScannedFile {
  readonly source: SourceText;
  readonly scanText: () => ScanText;
}

/** Every file the rule scans. `people.yaml` is exempt (see docs/reference.md#rules). */
function scannedFiles(series: Series): ScannedFile[] {
  const out: ScannedFile[] = [];
  for (const entity of [...series.papers, ...series.sessions, ...series.caseStudies]) {
    const source = series.sources.get(entity.file);
    if (source) out.push({ source, scanText: () => markdownScanText(source, entity.body.tree) });
  }
  const yamlFiles = new Map<string, Root[]>();
  const addTree = (file: string, markdown: MarkdownText | undefined): void => {
    const trees = yamlFiles.get(file) ?? [];
    if (markdown) trees.push(markdown.tree);
    yamlFiles.set(file, trees);
  };
  addTree(series.config.file, undefined);
  for (const partner of series.config.partners) addTree(series.config.file, partner.about);
  if (series.charter) {
    addTree(series.charter.file, series.charter.preamble);
    for (const value of series.charter.values) addTree(series.charter.file, value.statement);
  }
  for (const quote of series.quotes) addTree(quote.range.file, quote.text);
  for (const [file, trees] of yamlFiles) {
    const source = series.sources.get(file);
    if (source) out.push({ source, scanText: () => yamlScanText(source, trees) });
  }
  return out;
}

/** What the detectors found in one file, positioned: before the allow-list, which is the project's. */
interface FileMatches {
  readonly matches: readonly { readonly kind: PersonalDataKind; readonly text: string; readonly start: SourcePosition; readonly end: SourcePosition }[];
}

/**
 * The detectors' matches in one file. They depend on its text alone (its Markdown trees are
 * parsed from it), so they are kept between runs: scanning is a large part of a warm check.
 */
function matchesIn(file: ScannedFile, memo: FileMemo): FileMatches {
  return memo("personal-data", file.source.file, file.source.text, () => {
    const scan = file.scanText();
    return {
      matches: findPersonalData(scan.text).map((match) => ({
        kind: match.kind, text: match.text, start: positionAt(scan, match.start), end: positionAt(scan, match.end),
      })),
    };
  });
}

/**
 * `personal-data` with an allow-list of known false positives. `allowOf` reads the list from
 * the series (papersmith.yaml `personalData.allow`).
 */
export function personalDataRule(allowOf: (series: Series) => readonly AllowedText[] = () => []): ValidationRule {
  return {
    produces: ["personal-data"],
    check(series, _index, memo) {
      const allowed = allowListMatcher(allowOf(series));
      const out: Problem[] = [];
      for (const file of scannedFiles(series)) {
        for (const match of matchesIn(file, memo).matches) {
          if (allowed(match.text)) continue;
          out.push(problem("personal-data", { file: file.source.file, start: match.start, end: match.end }, describe(match)));
        }
      }
      return out;
    },
  };
}
