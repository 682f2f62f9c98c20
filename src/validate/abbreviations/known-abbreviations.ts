/**
 * Abbreviations every reader of an NHS policy paper knows, which `abbreviation-undefined` never
 * asks to have spelled out (see docs/reference.md#glossary):
 * - NHS and UK: the name of the service and of the country the papers are about;
 * - GP: the word the public itself uses for its family doctor ("general practitioner" is the
 *   rarer, more formal form).
 * Anything else (CCG, ICS, STP, FTN) is jargon of the health service to most readers.
 */
export const KNOWN_ABBREVIATIONS: ReadonlySet<string> = new Set(["NHS", "UK", "GP"]);
