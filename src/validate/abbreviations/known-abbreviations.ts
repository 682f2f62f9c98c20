/**
 * Abbreviations every reader of an NHS policy paper knows, which `abbreviation-undefined` never
 * asks to have spelled out (see docs/reference.md#glossary):
 * - NHS and UK: in the name of the service and the country the papers are about; the NHS's own
 *   style guide uses both without expansion;
 * - GP: the word the public uses for their doctor ("general practitioner" is the rarer form);
 *   the NHS style guide says to use "GP" as it stands.
 * Anything else (CCG, ICS, STP, FTN) is jargon of the health service to most readers.
 */
export const KNOWN_ABBREVIATIONS: ReadonlySet<string> = new Set(["NHS", "UK", "GP"]);
