/**
 * A known false positive, allowed in papersmith.yaml with the reason it may be published
 * (an organisation's public address, a helpline, a press office email).
 */
export interface AllowedText {
  readonly text: string;
  readonly reason: string;
}

/**
 * The form two writings of one number or address share: lower case, "+44 (0)" read as "0",
 * without spaces, hyphens, brackets or dots. "SW1A 2AA" and "sw1a2aa", "+44 20 7946 0958" and
 * "020-7946-0958" are each one entry.
 */
export function canonicalText(text: string): string {
  return text.toLowerCase().trim().replace(/^\+44[\s\u00a0-]*(?:\(0\)[\s\u00a0-]*)?/u, "0").replace(/[\s\u00a0()\-.]/gu, "");
}

/** Answers whether a matched text is allowed, by its canonical form. */
export function allowListMatcher(allow: readonly AllowedText[]): (text: string) => boolean {
  const allowed = new Set(allow.map((entry) => canonicalText(entry.text)));
  return (text) => allowed.has(canonicalText(text));
}
