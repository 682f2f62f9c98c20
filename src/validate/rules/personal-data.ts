import type { Root } from "mdast";
import type { MarkdownText, Series } from "../../model/index.js";
import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";
import { findPersonalData, type PersonalDataMatch } from "../personal-data/detectors.js";
import { markdownScanText, positionAt, yamlScanText, type ScanText } from "../personal-data/scan-text.js";
import { allowListMatcher, type AllowedText } from "../personal-data/allow-list.js";

const ALLOW_HINT = "if it is public and not a patient's, allow it under personalData.allow in papersmith.yaml with the reason";

/** The message for one match; it names what the text looks like without repeating it whole. */
function describe(match: PersonalDataMatch): string {
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

/** Every file the rule scans, ready for the detectors. `people.yaml` is exempt (SPEC §3). */
function scanTexts(series: Series): ScanText[] {
  const out: ScanText[] = [];
  for (const entity of [...series.papers, ...series.sessions, ...series.caseStudies]) {
    const source = series.sources.get(entity.file);
    if (source) out.push(markdownScanText(source, entity.body.tree));
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
    if (source) out.push(yamlScanText(source, trees));
  }
  return out;
}

/**
 * `personal-data` with an allow-list of known false positives. `allowOf` reads the list from
 * the series (papersmith.yaml `personalData.allow`).
 */
export function personalDataRule(allowOf: (series: Series) => readonly AllowedText[] = () => []): ValidationRule {
  return {
    name: "personal-data",
    check(series) {
      const allowed = allowListMatcher(allowOf(series));
      const out: Problem[] = [];
      for (const scan of scanTexts(series)) {
        for (const match of findPersonalData(scan.text)) {
          if (allowed(match.text)) continue;
          const range = { file: scan.file, start: positionAt(scan, match.start), end: positionAt(scan, match.end) };
          out.push(problem("personal-data", range, describe(match)));
        }
      }
      return out;
    },
  };
}
