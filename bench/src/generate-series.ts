import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface SeriesSize {
  readonly papers: number;
  readonly caseStudies: number;
  readonly sessions: number;
  /** Paragraphs per paper section (four sections a paper); 6 gives about three A4 pages. */
  readonly paragraphs?: number;
}

const VALUES = ["patients-central", "shared-outcomes", "population-value", "local-freedom", "right-setting"];
const SECTORS = ["general-practice", "acute", "community", "mental-health", "housing", "social-care"];
const SENTENCES = [
  "Leaders from primary and secondary care described how the divide between them slows patients down.",
  "A shared record let the practice and the ward see the same plan, so nobody had to ask the patient twice.",
  "The group agreed that payment rules reward activity rather than outcomes, and that this has to change.",
  "Community teams picked up discharges the same day, which cut the number of people readmitted within a month.",
  "Clinicians said the most useful change was simply knowing who to call on the other side of the boundary.",
  "Measures that matter to patients, such as time spent at home, were chosen over counts of appointments.",
];

const logo = (text: string, colour: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" viewBox="0 0 240 80" role="img"><title>${text}</title><rect x="4" y="16" width="48" height="48" rx="8" fill="${colour}"/><text x="64" y="50" font-family="Liberation Sans, sans-serif" font-size="22" fill="${colour}">${text}</text></svg>\n`;

function paragraph(seed: number): string {
  return Array.from({ length: 4 }, (_, i) => SENTENCES[(seed + i) % SENTENCES.length]).join(" ");
}

function paperBody(n: number, size: SeriesSize): string {
  const paragraphs = size.paragraphs ?? 6;
  const caseId = (k: number): string => `case-${((n * 3 + k) % size.caseStudies) + 1}`;
  const session = `session-${(n % size.sessions) + 1}`;
  const parts: string[] = [];
  for (let section = 1; section <= 4; section++) {
    parts.push(`## Section ${section} of paper ${n}`, "");
    for (let p = 0; p < paragraphs; p++) {
      const ref = p === 0 ? ` This builds on :value[${VALUES[(n + section) % VALUES.length]}] and :case[${caseId(section)}].` : "";
      parts.push(paragraph(n + section + p) + ref, "");
    }
    if (section === 2) parts.push(`::case-study{#${caseId(0)}}`, "", `::quote{#quote-${(n % 20) + 1}}`, "");
    if (section === 3) {
      parts.push(`### What the session found`, "", `As :finding[${session}#finding-1] showed, and :person[person-${(n % 20) + 1}] said, the change starts locally.`, "");
      parts.push("| Measure | Before | After |", "|---|---|---|", "| Readmissions | 14% | 9% |", "| Days at home | 310 | 334 |", "");
    }
  }
  if (n > 1) parts.push(`See also :paper[${n - 1}] and :paper[${n - 1}#section-2-of-paper-${n - 1}].`, "");
  parts.push("::about-partners", "");
  return parts.join("\n");
}

/**
 * Writes a synthetic series of realistic shape into `dir` (replacing it): every paper has
 * four sections with references, a case-study box, a quote, a finding, a person and a table;
 * every case study, session and quote is used, so the project checks clean.
 */
export async function generateSeries(dir: string, size: SeriesSize): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  for (const folder of ["papers", "case-studies", "sessions", "assets"]) await mkdir(join(dir, folder), { recursive: true });
  const files: [string, string][] = [];
  files.push(["papersmith.yaml", `series:\n  title: Synthetic series of ${size.papers} papers\n  language: en-GB\n  copyright: © The partners\npartners:\n  - id: alliance\n    name: Primary Care Alliance\n    shortName: Alliance\n    logo: assets/alliance.svg\n    logoAlt: Primary Care Alliance\n    colour: "#1D4F91"\n    about: The alliance represents primary care.\n  - id: network\n    name: Provider Network\n    shortName: Network\n    logo: assets/network.svg\n    logoAlt: Provider Network\n    colour: "#5C2D91"\n    about: The network represents NHS trusts.\nbuild:\n  pdf: { format: A4, combined: false }\n`]);
  files.push(["assets/alliance.svg", logo("Alliance", "#1D4F91")], ["assets/network.svg", logo("Network", "#5C2D91")]);
  files.push(["charter.yaml", `title: Shared values\nvalues:\n${VALUES.map((v) => `  - id: ${v}\n    title: Value ${v}\n    statement: We hold to ${v.replace(/-/g, " ")}.\n`).join("")}`]);
  files.push(["people.yaml", Array.from({ length: 20 }, (_, i) => `- id: person-${i + 1}\n  name: Person ${i + 1}\n  role: Director\n  organisation: ${i % 2 ? "alliance" : "network"}\n`).join("")]);
  files.push(["quotes.yaml", Array.from({ length: 20 }, (_, i) => `- id: quote-${i + 1}\n  by: person-${i + 1}\n  text: Working together is how we make care seamless for patients.\n  date: 2014-10-06\n`).join("")]);
  for (let s = 1; s <= size.sessions; s++) {
    files.push([`sessions/session-${s}.md`, `---\ntitle: Working session ${s}\ndate: 2014-07-${String((s % 28) + 1).padStart(2, "0")}\nattendees: [person-${(s % 20) + 1}]\nsectors: [acute, general-practice]\nvalues: [${VALUES[s % 5]}]\n---\n\n${paragraph(s)}\n\n:::finding{#finding-1 values="${VALUES[s % 5]}"}\n${paragraph(s + 1)}\n:::\n`]);
  }
  for (let c = 1; c <= size.caseStudies; c++) {
    files.push([`case-studies/case-${c}.md`, `---\ntitle: Case study ${c}\nsummary: Illustrative example of joined-up care number ${c}.\nlocality: Locality ${c % 40}\nsectors: [${SECTORS[c % 6]}, ${SECTORS[(c + 1) % 6]}]\nvalues: [${VALUES[c % 5]}]\noutcomes:\n  - { measure: Readmissions, before: "14", after: "9", unit: "%" }\ncontact: person-${(c % 20) + 1}\nstatus: approved\nconsent: { obtained: true, date: 2014-09-01, anonymised: true }\n---\n\n## What they did\n\n${paragraph(c)}\n`]);
  }
  for (let n = 1; n <= size.papers; n++) {
    const date = new Date(Date.UTC(2014, 10, 1) + n * 86_400_000).toISOString().slice(0, 10);
    files.push([`papers/${String(n).padStart(3, "0")}-paper.md`, `---\nnumber: ${n}\ntitle: Paper ${n} of the synthetic series\ndate: ${date}\nstatus: final\nauthors: [person-${(n % 20) + 1}]\nsummary: A generated paper for benchmarks.\n---\n\n${paperBody(n, size)}`]);
  }
  // Make sure every case study, session and quote is used by some paper: list the rest in the last paper.
  const used = new Set<string>();
  for (const [, text] of files) for (const m of text.matchAll(/(?::case\[|::case-study\{#)(case-\d+)/g)) used.add(m[1]!);
  const unusedCases = Array.from({ length: size.caseStudies }, (_, i) => `case-${i + 1}`).filter((id) => !used.has(id));
  const extra = [
    ...unusedCases.map((id) => `- :case[${id}]`),
    ...Array.from({ length: size.sessions }, (_, i) => `- :finding[session-${i + 1}#finding-1]`),
    ...Array.from({ length: 20 }, (_, i) => `\n::quote{#quote-${i + 1}}\n`),
  ];
  const last = files.findIndex(([path]) => path === `papers/${String(size.papers).padStart(3, "0")}-paper.md`);
  if (last >= 0) files[last]![1] += `\n## Annex: all sources\n\n${extra.join("\n")}\n`;
  await Promise.all(files.map(([path, text]) => writeFile(join(dir, path), text)));
}
