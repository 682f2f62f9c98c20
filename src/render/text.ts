import type { Sector } from "../model/index.js";

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** "2014-10-06" as "6 October 2014"; anything else unchanged. Locale-independent so output is reproducible. */
export function formatDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const month = MONTHS[Number(match[2]) - 1];
  return month === undefined ? date : `${Number(match[3])} ${month} ${match[1]}`;
}

const SECTOR_LABELS: Readonly<Record<Sector, string>> = {
  "general-practice": "General practice",
  "community-pharmacy": "Community pharmacy",
  acute: "Acute hospitals",
  community: "Community services",
  "mental-health": "Mental health",
  ambulance: "Ambulance services",
  housing: "Housing",
  "social-care": "Social care",
  "emergency-services": "Emergency services",
};

export function sectorLabel(sector: Sector): string {
  return SECTOR_LABELS[sector];
}

/** "shared-outcomes" as "Shared outcomes". */
export function humanize(id: string): string {
  const words = id.replace(/-+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Items joined as "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
