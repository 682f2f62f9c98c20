/** How a moment is written (trimmed): a date, or a date and time with its zone. */
export const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A moment written `YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)`, or a date alone (its midnight, UTC), in
 * ISO 8601 UTC; "not-in-calendar" for a well-formed one that names no real moment (2015-02-30);
 * undefined for anything else, a time without its zone included: an embargo judged in the build
 * machine's own zone would end at a different moment on each machine. The one reading of
 * `embargo:` and `--now`.
 */
export function parseMoment(written: string): string | "not-in-calendar" | undefined {
  const match = DATE_TIME.exec(written.trim());
  if (!match) return undefined;
  const [, y, mo, d, hh = "00", mi = "00", ss = "00", zone = "Z"] = match;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const inCalendar = day.getUTCMonth() === Number(mo) - 1 && day.getUTCDate() === Number(d);
  const moment = Date.parse(`${y}-${mo}-${d}T${hh}:${mi}:${ss}${zone}`);
  if (!inCalendar || Number(hh) >= 24 || Number(mi) >= 60 || Number(ss) >= 60 || Number.isNaN(moment)) return "not-in-calendar";
  return new Date(moment).toISOString();
}
