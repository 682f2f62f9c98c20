/**
 * Detectors for what looks like patient data in prose (see docs/reference.md#rules): NHS numbers,
 * UK postcodes, email addresses, UK phone numbers and dates of birth given in context.
 *
 * Each works on plain text and returns offsets, so callers decide what text to hand in (code
 * and link destinations masked out, YAML keys skipped) and how offsets become positions.
 */

export type PersonalDataKind = "nhs-number" | "postcode" | "email" | "phone" | "date-of-birth";

export interface PersonalDataMatch {
  readonly kind: PersonalDataKind;
  /** Offsets of the match in the text, `[start, end)`. */
  readonly start: number;
  readonly end: number;
  /** The text as written. */
  readonly text: string;
}

/**
 * Labels that make a number an order, invoice or book number rather than a patient's:
 * "Order no. 4010232137", "ISBN 0306406152", "Invoice #07123 456789". Checked right before a
 * number. (A valid ISBN-10 always passes the NHS modulus-11 check: it is the same check.)
 */
const NOT_PERSONAL_LABEL = new RegExp(
  String.raw`\b(?:order|invoice|inv|ref|reference|po|purchase order|account|acct|isbn(?:-?1[03])?|issn|serial|tracking|ticket|claim|batch|lot|transaction|receipt|booking|company|charity|registration|reg|vat|barcode|sku|part|product|item|catalogue|cat|doi)` +
  String.raw`\.?[\s:#-]*(?:no\.?|num\.?|number|#|id|code)?[\s:#.-]*$`, "iu");

function hasNonPersonalLabel(text: string, start: number): boolean {
  return NOT_PERSONAL_LABEL.test(text.slice(Math.max(0, start - 40), start));
}

/** A line break where prose wraps, with the indentation around it. */
const WRAP = String.raw`[ \t]*\r?\n[ \t]*`;

/**
 * NHS numbers: 10 digits, plain or 3-3-4 with one kind of separator (spaces, where a line may
 * wrap, or hyphens), passing the modulus-11 check.
 */
const NHS = new RegExp(String.raw`(?<![\p{L}\p{N}_.,£$€#\/+-])(\d{3})([ \u00a0-]?|${WRAP})(\d{3})([ \u00a0-]?|${WRAP})(\d{4})(?![\p{L}\p{N}_%]|[.,\/-]\d)`, "gu");
const separatorKind = (sep: string): string => (sep === "" || sep === "-" ? sep : " ");

/**
 * True when 10 digits pass the NHS number check: weights 10 down to 2 on the first nine digits,
 * check digit = 11 − (sum mod 11), where 11 becomes 0 and 10 means the number is invalid.
 */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

function* nhsNumbers(text: string): Generator<PersonalDataMatch> {
  for (const m of text.matchAll(NHS)) {
    if (separatorKind(m[2] ?? "") !== separatorKind(m[4] ?? "")) continue;
    const digits = `${m[1]}${m[3]}${m[5]}`;
    if (!isValidNhsNumber(digits) || hasNonPersonalLabel(text, m.index)) continue;
    yield { kind: "nhs-number", start: m.index, end: m.index + m[0].length, text: m[0] };
  }
}

/**
 * UK postcodes in every format (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA), with or
 * without the space, any case. The inward code's letters never include C, I, K, M, O or V; the
 * area itself is not checked.
 */
const POSTCODE = new RegExp(String.raw`(?<![\p{L}\p{N}_@#.\/-])([A-Z]{1,2}\d[A-Z\d]?)(?:[ \u00a0]|${WRAP})?(\d[ABD-HJLNP-UW-Z]{2})(?![\p{L}\p{N}_@-]|\.[\p{L}\p{N}])`, "giu");
const ORDINAL = /^\d(?:st|nd|rd|th)$/i;

/**
 * Matches wherever POSTCODE could, and more: no look-arounds and no Unicode mode, so it scans prose
 * many times faster. Under `iu`, [A-Z] also matches ſ (U+017F) and the Kelvin sign (U+212A).
 */
const POSTCODE_CANDIDATE = /[A-Z\u017f\u212a]{1,2}\d[A-Z\u017f\u212a\d]?[ \t\u00a0]*(?:\r?\n[ \t]*)?\d[A-Z\u017f\u212a]{2}/i;

function* postcodes(text: string): Generator<PersonalDataMatch> {
  if (!POSTCODE_CANDIDATE.test(text)) return;
  for (const m of text.matchAll(POSTCODE)) {
    const inward = m[2] ?? "";
    // "Q3 2nd", "A1 1st": an ordinal, not an inward code, unless written in capitals.
    if (ORDINAL.test(inward) && m[0] !== m[0].toUpperCase()) continue;
    yield { kind: "postcode", start: m.index, end: m.index + m[0].length, text: m[0] };
  }
}

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}_%+-][\p{L}\p{N}._%+-]*@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}_-])/gu;

/**
 * Domains reserved for documentation and testing (RFC 2606, RFC 6761): no one's mailbox can be
 * there, so `someone@example.org` in a how-to is not personal data.
 */
const RESERVED_DOMAIN = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost)$/i;

function* emails(text: string): Generator<PersonalDataMatch> {
  if (!text.includes("@")) return;
  for (const m of text.matchAll(EMAIL)) {
    if (RESERVED_DOMAIN.test(m[0].slice(m[0].lastIndexOf("@") + 1))) continue;
    yield { kind: "email", start: m.index, end: m.index + m[0].length, text: m[0] };
  }
}

/** Where a UK phone number may start: +44 (optionally with "(0)"), "(0" or "0". */
const PHONE_START = /(?<![\p{L}\p{N}_+£$€.,\/#-])(?:\+44[ \u00a0-]?(?:\(0\)[ \u00a0-]?)?|\(0|0)(?=\d)/gu;
const GROUP = /\d+/y;
const SEPARATOR = new RegExp(String.raw`[ \u00a0]?-[ \u00a0]?|${WRAP}|[ \u00a0]`, "y");
const AFTER_NUMBER = /[\p{L}\p{N}_]|[.,\/-]\d/yu;

/**
 * Reads a phone number from `start` (where PHONE_START matched `prefix`): digit groups joined by
 * single spaces, hyphens or a wrapped line, one bracketed area code allowed. Returns the end offset when the
 * national form is 11 digits in the 01, 02, 03, 07 or 08 ranges.
 */
function readPhone(text: string, start: number, prefix: string): number | undefined {
  let pos = start + prefix.length;
  let national = "0";
  let bracketOpen = prefix === "(0";
  for (let groups = 0; groups < 6 && national.length < 11; groups++) {
    GROUP.lastIndex = pos;
    const digits = GROUP.exec(text);
    if (!digits) return undefined;
    national += digits[0];
    pos += digits[0].length;
    if (national.length >= 11) break;
    if (bracketOpen) {
      if (text[pos] !== ")") return undefined;
      bracketOpen = false;
      pos++;
      if (text[pos] === " " || text[pos] === "\u00a0" || text[pos] === "-") pos++;
      continue;
    }
    SEPARATOR.lastIndex = pos;
    const sep = SEPARATOR.exec(text);
    if (!sep || !/\d/.test(text[pos + sep[0].length] ?? "")) return undefined;
    pos += sep[0].length;
  }
  if (bracketOpen || national.length !== 11 || !"12378".includes(national[1] ?? "")) return undefined;
  AFTER_NUMBER.lastIndex = pos;
  return AFTER_NUMBER.test(text) ? undefined : pos;
}

function* phones(text: string): Generator<PersonalDataMatch> {
  for (const m of text.matchAll(PHONE_START)) {
    const end = readPhone(text, m.index, m[0]);
    if (end === undefined || hasNonPersonalLabel(text, m.index)) continue;
    yield { kind: "phone", start: m.index, end, text: text.slice(m.index, end) };
  }
}

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])`;
const DATE = new RegExp(
  String.raw`(?:${DAY}[\/.-](?:0?[1-9]|1[0-2])[\/.-](?:\d{4}|\d{2})` +
  String.raw`|\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])` +
  String.raw`|${DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH},?\s+\d{4}` +
  String.raw`|${MONTH}\s+${DAY}(?:st|nd|rd|th)?,?\s+\d{4})(?![\p{L}\p{N}])`, "iuy");
/** "DOB", "D.O.B.", "date of birth", "born", "born on", with what may stand between it and the date. */
const DOB_CONTEXT = /(?<![\p{L}\p{N}])(?:D\.?\s?O\.?\s?B\.?|[Dd]ate\s+of\s+[Bb]irth|[Bb]orn(?:\s+on)?)(?![\p{L}\p{N}])[\s:–—-]*(?:(?:is|was|of)\s+)?/gu;

function* datesOfBirth(text: string): Generator<PersonalDataMatch> {
  for (const m of text.matchAll(DOB_CONTEXT)) {
    const at = m.index + m[0].length;
    DATE.lastIndex = at;
    const date = DATE.exec(text);
    if (date) yield { kind: "date-of-birth", start: at, end: at + date[0].length, text: date[0] };
  }
}

/**
 * Every match in `text`, in order of position. Matches never overlap: where two detectors claim
 * the same characters, the earlier match (then the longer) wins.
 */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const all = [...emails(text), ...nhsNumbers(text), ...phones(text), ...postcodes(text), ...datesOfBirth(text)]
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PersonalDataMatch[] = [];
  for (const match of all) {
    const last = out.at(-1);
    if (last && match.start < last.end) continue;
    out.push(match);
  }
  return out;
}
