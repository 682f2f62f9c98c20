import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SeriesSize } from "./generate-series.js";

/**
 * A synthetic series whose prose looks like the real papers in examples/integrated-care-series:
 * hard-wrapped paragraphs with emphasis, strong text, links and inline references to entities
 * that exist; bullet and numbered lists (some nested), GFM tables with inline markup, headings,
 * blockquotes, block directives; front matter with folded summaries and block lists.
 *
 * Plain sentences parse several times faster than such prose, so a parser tuned on the plain
 * generator (generate-series.ts) can look faster than it is: measure loaders on this one.
 * The output is fixed by the size alone (a seeded generator), and it checks without errors.
 */

/** Mulberry32: a small seeded generator, so every run writes the same series. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const chance = (rng: Rng, p: number): boolean => rng() < p;
const between = (rng: Rng, low: number, high: number): number => low + Math.floor(rng() * (high - low + 1));

const VALUES = [
  { id: "patients-central", title: "Patients at the centre" },
  { id: "outcomes-for-patients", title: "Success means better outcomes for patients" },
  { id: "population-value", title: "Best outcomes and value for the whole population" },
  { id: "local-autonomy", title: "Freedom to find local solutions" },
  { id: "right-care-right-setting", title: "Every setting is a local asset" },
];
const SECTORS = ["general-practice", "community-pharmacy", "acute", "community", "mental-health", "ambulance", "housing", "social-care", "emergency-services"];
const LOCALITIES = ["West Yorkshire", "Norfolk", "Cornwall", "Greater Manchester", "Cumbria", "North Tyneside", "Somerset", "Leicestershire", "Kent", "Dorset", "Lancashire", "Surrey"];
const THEMES = ["frailty", "care planning", "admission avoidance", "discharge", "medicines", "advice and guidance", "falls", "mental health", "housing", "shared records"];
const TOPICS = [
  "frailty pathway", "discharge summaries", "falls response", "advice line", "respiratory review", "mental health liaison",
  "housing discharge", "safe and well visits", "medicines reconciliation", "care home support", "shared care record", "virtual ward",
];
const FINDINGS = [
  { id: "measure-what-matters", title: "Measure what matters to patients" },
  { id: "shared-dashboard", title: "One shared dashboard for a local population" },
  { id: "payment-rules", title: "Payment rules that reward activity" },
  { id: "joint-accountability", title: "Joint accountability for shared outcomes" },
  { id: "permission-to-experiment", title: "Permission to experiment" },
  { id: "know-who-to-call", title: "Knowing who to call on the other side" },
];
const ROLES = ["Chief executive", "Clinical adviser for primary care", "Clinical adviser for secondary care", "Programme lead", "Director of nursing", "Head of strategy"];
const FIRST = ["Alex", "Sam", "Jordan", "Priya", "Tomasz", "Aisha", "Morgan", "Eleanor", "Kwame", "Ruth"];
const LAST = ["Hughes", "Okafor", "Patel", "Nowak", "Shaw", "Lindqvist", "Bennett", "Murray", "Rahman", "Doyle"];

const SUBJECTS = [
  "Leaders from primary and secondary care", "The community nursing team", "Practices in the cluster", "The acute trust",
  "Commissioners", "Patients and their families", "Local partners", "Clinicians on both sides", "The ambulance service",
  "Social care staff", "The mental health trust", "Community pharmacists", "Analysts from both organisations",
];
const VERBS = [
  "agreed that", "found that", "argued that", "reported that", "were clear that", "told us that", "noted that", "showed that",
];
const CLAIMS = [
  "the divide between services slows patients down", "a shared record lets every professional see the same plan",
  "payment rules reward activity rather than outcomes", "discharges picked up the same day cut readmissions within a month",
  "the most useful change was knowing who to call", "measures that matter to patients should replace counts of appointments",
  "a small set of shared measures changes the conversation", "no single organisation can fix the problem on its own",
  "regulation looks at one organisation at a time", "the plan has to be agreed with the patient first",
  "local freedom matters more than another national target", "care near the end of life should respect people's wishes",
];
const TAILS = [
  "and that this has to change", "even where budgets are tight", "across the whole local population", "within the first year",
  "without waiting for national guidance", "as long as every partner can see the figures", "at least in the pilot areas",
];
const LINK_TEXTS = ["the national framework", "a recent evaluation", "the guidance on shared care", "published figures", "the toolkit", "an earlier report"];
const EMPHASES = ["together", "before", "every", "shared", "not", "locally", "whole", "one"];
const STRONGS = ["one care plan", "shared outcomes", "the whole pathway", "a single dashboard", "joint accountability", "no extra cost"];
const SECTION_TITLES = [
  "The problem with how we measure now", "Principles for shared measures", "What the case studies show", "Making shared measures count",
  "How the values show up in practice", "What leaders told us", "Payment and contracts", "Accountability and regulation",
  "Workforce and skills", "Sharing information safely", "What local partners can do now",
];
const SUB_TITLES = ["Start from what patients value", "Measure the population", "Keep the set small", "Check for side effects", "Payment", "Permission to experiment"];
const MEASURES = ["Emergency admissions", "Days spent at home", "Readmissions within 30 days", "Confidence in managing a condition", "Discharge letters received within a day", "Time to specialist advice"];
const UNITS = ["per month", "days", "%", "weeks", "per 1,000 patients"];

/** What a generated series holds, so that every reference points at something real. */
interface Series {
  readonly size: SeriesSize;
  readonly caseIds: readonly string[];
  readonly sessionIds: readonly string[];
  /** Finding ids of each session, by session index. */
  readonly findings: readonly (readonly string[])[];
  readonly people: number;
  readonly quotes: number;
  /** Every case, session, finding and quote some paper uses. */
  readonly used: Set<string>;
}

const personId = (i: number): string => `${FIRST[i % FIRST.length]!.toLowerCase()}-${LAST[Math.floor(i / FIRST.length) % LAST.length]!.toLowerCase()}`;

/** One inline reference to an entity that exists, marked used where papers use it. */
function reference(rng: Rng, series: Series, paper: number | undefined): string {
  const kind = rng();
  const use = (id: string): string => { if (paper !== undefined) series.used.add(id); return id; };
  if (kind < 0.25) return `:value[${pick(rng, VALUES).id}]`;
  if (kind < 0.45) {
    const id = use(pick(rng, series.caseIds));
    return chance(rng, 0.2) ? `:case[${id}]{text="the ${pick(rng, TOPICS)} in ${pick(rng, LOCALITIES)}"}` : `:case[${id}]`;
  }
  if (kind < 0.65) {
    const s = Math.floor(rng() * series.sessionIds.length);
    const session = series.sessionIds[s]!;
    const finding = pick(rng, series.findings[s]!);
    use(session);
    use(`${session}#${finding}`);
    return `(:finding[${session}#${finding}])`;
  }
  if (kind < 0.75) return `:session[${use(pick(rng, series.sessionIds))}]`;
  if (kind < 0.9) return `:person[${personId(Math.floor(rng() * series.people))}]`;
  if (paper !== undefined && paper > 1) {
    const other = between(rng, 1, paper - 1);
    return chance(rng, 0.5) ? `:paper[${other}]` : `:paper[${other}#recommendations]`;
  }
  return `:value[${pick(rng, VALUES).id}]`;
}

/** One sentence as tokens: words, and markup units kept whole when the paragraph is wrapped. */
function sentence(rng: Rng, series: Series, paper: number | undefined): string[] {
  const tokens: string[] = [];
  const words = (text: string): void => { tokens.push(...text.split(" ")); };
  words(`${pick(rng, SUBJECTS)} ${pick(rng, VERBS)}`);
  const claim = pick(rng, CLAIMS).split(" ");
  const marked = rng();
  if (marked < 0.2) {
    const at = between(rng, 1, claim.length - 1);
    claim.splice(at, 0, `*${pick(rng, EMPHASES)}*`);
  } else if (marked < 0.32) {
    claim.push(`for **${pick(rng, STRONGS)}**`);
  } else if (marked < 0.42) {
    claim.push("according to", `[${pick(rng, LINK_TEXTS)}](https://example.org/${pick(rng, TOPICS).replace(/ /g, "-")})`);
  }
  tokens.push(...claim);
  if (chance(rng, 0.35)) words(pick(rng, TAILS));
  if (chance(rng, 0.45)) {
    const ref = reference(rng, series, paper);
    if (ref.startsWith("(")) tokens.push(ref);
    else tokens.push(pick(rng, ["as", "see", "like", "with"]), ref);
  }
  const last = tokens.length - 1;
  tokens[last] = `${tokens[last]}.`;
  return tokens;
}

/** Wraps tokens at `width` columns, never inside a token (a link or a reference stays on one line). */
function wrap(tokens: readonly string[], width: number, indent = ""): string[] {
  const lines: string[] = [];
  let line = "";
  for (const token of tokens) {
    if (line !== "" && line.length + 1 + token.length > width) {
      lines.push(line);
      line = indent + token;
    } else line = line === "" ? token : `${line} ${token}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

function paragraph(rng: Rng, series: Series, paper: number | undefined, sentences = between(rng, 3, 6)): string {
  const tokens = Array.from({ length: sentences }, () => sentence(rng, series, paper)).flat();
  return wrap(tokens, 84).join("\n");
}

/** A short phrase with inline markup, for list items and table cells. */
function phrase(rng: Rng, series: Series, paper: number | undefined): string {
  const kind = rng();
  const claim = pick(rng, CLAIMS);
  if (kind < 0.25) return `${claim} (${reference(rng, series, paper)})`.replace("((", "(").replace("))", ")");
  if (kind < 0.4) return `**${pick(rng, STRONGS)}**: ${claim}`;
  if (kind < 0.5) return `${claim}, *${pick(rng, EMPHASES)}*`;
  if (kind < 0.6) return `[${pick(rng, LINK_TEXTS)}](https://example.org/${pick(rng, THEMES).replace(/ /g, "-")}) ${claim}`;
  return claim.charAt(0).toUpperCase() + claim.slice(1);
}

function bulletList(rng: Rng, series: Series, paper: number | undefined): string {
  const lines: string[] = [];
  const items = between(rng, 3, 6);
  for (let i = 0; i < items; i++) {
    lines.push(...wrap(`- ${phrase(rng, series, paper)}.`.split(" "), 84, "  "));
    if (chance(rng, 0.2)) for (let j = between(rng, 1, 3); j > 0; j--) lines.push(...wrap(`  - ${phrase(rng, series, paper)}`.split(" "), 84, "    "));
  }
  return lines.join("\n");
}

function numberedList(rng: Rng, series: Series, paper: number | undefined): string {
  const lines: string[] = [];
  const items = between(rng, 3, 5);
  for (let i = 1; i <= items; i++) {
    const text = `${i}. ${pick(rng, ["Agree", "Report", "Review", "Use", "Include", "Test"])} ${phrase(rng, series, paper).replace(/^./, (c) => c.toLowerCase())}.`;
    lines.push(...wrap(text.split(" "), 84, "   "));
    if (chance(rng, 0.15)) lines.push(`   - ${phrase(rng, series, paper)}`, `   - ${phrase(rng, series, paper)}`);
  }
  return lines.join("\n");
}

function table(rng: Rng, series: Series, paper: number | undefined): string {
  const columns = between(rng, 4, 6);
  const headers = ["Measure", "What it tells us", "Who contributes", "Before", "After", "Value"].slice(0, columns);
  const rows = [`| ${headers.join(" | ")} |`, `|${headers.map((_, i) => (i >= 3 ? "---:" : "---")).join("|")}|`];
  for (let r = between(rng, 3, 6); r > 0; r--) {
    const cells = [
      chance(rng, 0.3) ? `*${pick(rng, MEASURES)}*` : pick(rng, MEASURES),
      pick(rng, CLAIMS),
      chance(rng, 0.4) ? reference(rng, series, paper).replace(/^\(|\)$/g, "") : pick(rng, ["Practices", "Hospitals", "Community teams", "**Every partner**"]),
      String(between(rng, 5, 120)),
      String(between(rng, 5, 120)),
      `:value[${pick(rng, VALUES).id}]`,
    ].slice(0, columns);
    rows.push(`| ${cells.join(" | ")} |`);
  }
  return rows.join("\n");
}

function blockquote(rng: Rng, series: Series, paper: number | undefined): string {
  const lines = wrap(sentence(rng, series, paper), 80).map((line) => `> ${line}`);
  if (chance(rng, 0.5)) lines.push(">", `> — :person[${personId(Math.floor(rng() * series.people))}]`);
  return lines.join("\n");
}

function paperFile(n: number, series: Series): string {
  const rng = random(1000 + n);
  const { size } = series;
  const date = new Date(Date.UTC(2014, 10, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const authors = Array.from({ length: between(rng, 1, 3) }, (_, i) => `  - ${personId((n + i * 7) % series.people)}`);
  const summary = wrap(`Paper ${n} of the series looks at how ${pick(rng, CLAIMS)}, draws on case studies of joint working, and sets out what local partners and national bodies would need to change.`.split(" "), 82, "  ");
  const parts = [
    "---", `number: ${n}`, `title: "${pick(rng, SECTION_TITLES)}: paper ${n} on ${pick(rng, TOPICS)}"`,
    `subtitle: What ${pick(rng, SUBJECTS).toLowerCase()} can do about ${pick(rng, THEMES)}`, `date: ${date}`, "status: final",
    "authors:", ...authors, "summary: >-", `  ${summary.join("\n")}`, "---", "",
    "## Introduction", "", paragraph(rng, series, n), "", paragraph(rng, series, n), "",
  ];
  // Each paper embeds and names case studies in turn, so a full-size series uses every one.
  const own = (k: number): string => series.caseIds[((n - 1) * 4 + k) % size.caseStudies]!;
  const sections = between(rng, 4, 5);
  for (let s = 0; s < sections; s++) {
    parts.push(`## ${SECTION_TITLES[(n + s) % SECTION_TITLES.length]}`, "", paragraph(rng, series, n), "");
    const extra = rng();
    if (extra < 0.3) parts.push(bulletList(rng, series, n), "");
    else if (extra < 0.45) parts.push(numberedList(rng, series, n), "");
    else if (extra < 0.65) parts.push(table(rng, series, n), "");
    else if (extra < 0.75) parts.push(blockquote(rng, series, n), "");
    if (s < 4) {
      const id = own(s);
      series.used.add(id);
      parts.push(wrap(`In ${pick(rng, LOCALITIES)}, for example, the partners tracked what happened to patients across the whole pathway (:case[${id}]).`.split(" "), 84).join("\n"), "");
      if (s % 2 === 0) parts.push(`::case-study{#${id}}`, "");
    }
    if (chance(rng, 0.5)) {
      parts.push(`### ${pick(rng, SUB_TITLES)}`, "", paragraph(rng, series, n, between(rng, 2, 4)), "");
    }
    if (s === 1) {
      const quote = `quote-${(n % series.quotes) + 1}`;
      series.used.add(quote);
      parts.push(`::quote{#${quote}}`, "");
    }
  }
  // The matrix of values and the case studies that show them lists every case study: a series
  // prints it once (the example, in one paper), so here the first paper has it. In more papers,
  // the output would grow with papers × case studies instead of with the series.
  if (n === 1) parts.push("::value-matrix", "");
  parts.push("## Recommendations", "", "### For local partners", "", numberedList(rng, series, n), "", "### For national bodies", "", numberedList(rng, series, n), "");
  parts.push("## About the partners", "", "::about-partners", "");
  return parts.join("\n");
}

function caseStudyFile(c: number, series: Series): string {
  const rng = random(50_000 + c);
  const topic = TOPICS[c % TOPICS.length]!;
  const sectors = [SECTORS[c % SECTORS.length]!, SECTORS[(c + 3) % SECTORS.length]!];
  const values = [VALUES[c % VALUES.length]!.id, VALUES[(c + 2) % VALUES.length]!.id];
  const summaryText = `Illustrative example. Partners in ${pick(rng, LOCALITIES)} agreed one ${topic} for their patients, so that ${pick(rng, CLAIMS)}.`;
  // Most authors fold a long summary over several lines; some keep it on one.
  const summary = chance(rng, 0.75) ? ["summary: >-", ...wrap(summaryText.split(" "), 80, "  ").map((l, i) => (i === 0 ? `  ${l}` : l))] : [`summary: ${summaryText}`];
  const outcomes = Array.from({ length: between(rng, 1, 3) }, () => [
    `  - measure: ${pick(rng, MEASURES)}`, `    before: "${between(rng, 10, 99)}"`, `    after: "${between(rng, 10, 99)}"`, `    unit: "${pick(rng, UNITS)}"`,
  ]).flat();
  const s = c % series.sessionIds.length;
  const front = [
    "---", `title: A shared ${topic} in ${pick(rng, LOCALITIES)}`, ...summary, `locality: ${pick(rng, LOCALITIES)}`,
    "sectors:", ...sectors.map((x) => `  - ${x}`), "organisations:", "  - alliance", "  - network", "  - Local authority adult social care",
    "themes:", `  - ${pick(rng, THEMES)}`, `  - ${pick(rng, THEMES)}`, "values:", ...values.map((v) => `  - ${v}`),
    "outcomes:", ...outcomes, `contact: ${personId(c % series.people)}`, "sessions:", `  - ${series.sessionIds[s]}`,
    "status: approved", "consent:", "  obtained: true", "  date: 2014-09-12", "  anonymised: true", "---", "",
  ];
  const body = [
    "## The problem", "", paragraph(rng, series, undefined, between(rng, 1, 3)), "",
    "## What they did", "", paragraph(rng, series, undefined, between(rng, 2, 4)), "",
  ];
  if (chance(rng, 0.2)) body.push(bulletList(rng, series, undefined), "");
  body.push("## What changed", "", paragraph(rng, series, undefined, between(rng, 1, 3)), "", "## What others can learn", "", paragraph(rng, series, undefined, 1), "");
  return [...front, ...body].join("\n");
}

function sessionFile(s: number, series: Series): string {
  const rng = random(90_000 + s);
  const attendees = Array.from({ length: between(rng, 2, 5) }, (_, i) => `  - ${personId((s + i * 3) % series.people)}`);
  const front = [
    "---", `id: ${series.sessionIds[s]}`, `title: "Working session ${s + 1}: ${pick(rng, SUB_TITLES).toLowerCase()}"`,
    `date: 2014-${String((s % 12) + 1).padStart(2, "0")}-${String((s % 27) + 1).padStart(2, "0")}`, `location: ${pick(rng, LOCALITIES)}`,
    "attendees:", ...attendees, "sectors:", `  - ${SECTORS[s % SECTORS.length]}`, `  - ${SECTORS[(s + 1) % SECTORS.length]}`,
    "values:", `  - ${VALUES[s % VALUES.length]!.id}`, "---", "",
  ];
  const body = ["## Purpose", "", paragraph(rng, series, undefined), "", "## Findings", ""];
  for (const id of series.findings[s]!) {
    const finding = FINDINGS.find((f) => f.id === id)!;
    body.push(`:::finding{#${id} title="${finding.title}" values="${VALUES[s % VALUES.length]!.id},${VALUES[(s + 1) % VALUES.length]!.id}"}`,
      paragraph(rng, series, undefined, between(rng, 2, 4)), ":::", "");
  }
  body.push("## Discussion", "", paragraph(rng, series, undefined), "", bulletList(rng, series, undefined), "");
  return [...front, ...body].join("\n");
}

const logo = (text: string, colour: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" viewBox="0 0 240 80" role="img"><title>${text}</title><rect x="4" y="16" width="48" height="48" rx="8" fill="${colour}"/><text x="64" y="50" font-family="Liberation Sans, sans-serif" font-size="22" fill="${colour}">${text}</text></svg>\n`;

const CONFIG = (papers: number): string => `# A generated series with realistic prose, for measuring the loaders.
series:
  title: Synthetic series of ${papers} papers
  language: en-GB
  copyright: "© The partners. Generated content."
partners:
  - id: alliance
    name: Primary Care Alliance
    shortName: Alliance
    url: https://example.org/alliance
    logo: assets/alliance.svg
    logoAlt: Primary Care Alliance wordmark
    colour: "#1D4F91"
    about: |
      The **Primary Care Alliance** speaks for the people who provide care
      outside hospital, in general practice and community pharmacy.
  - id: network
    name: Provider Network
    shortName: Network
    logo: assets/network.svg
    logoAlt: Provider Network wordmark
    colour: "#5C2D91"
    about: |
      The **Provider Network** is the membership body for NHS trusts.
build:
  pdf: { format: A4, combined: false }
accessibility:
  contact: accessibility@example.org
`;

/**
 * Writes a series with realistic prose into `dir` (replacing it). Every reference resolves;
 * the entities no paper happens to use are listed in an annex of the last paper, so the
 * series checks without unused-entity warnings.
 */
export async function generateRealisticSeries(dir: string, size: SeriesSize): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  for (const folder of ["papers", "case-studies", "sessions", "assets"]) await mkdir(join(dir, folder), { recursive: true });
  const series: Series = {
    size,
    caseIds: Array.from({ length: size.caseStudies }, (_, c) => `${TOPICS[c % TOPICS.length]!.replace(/ /g, "-")}-${c + 1}`),
    sessionIds: Array.from({ length: size.sessions }, (_, s) => `session-${s + 1}`),
    findings: Array.from({ length: size.sessions }, (_, s) => {
      const rng = random(70_000 + s);
      return FINDINGS.filter(() => chance(rng, 0.6)).map((f) => f.id).slice(0, 4);
    }).map((ids, s) => (ids.length > 0 ? ids : [FINDINGS[s % FINDINGS.length]!.id])),
    people: Math.min(30, FIRST.length * LAST.length),
    quotes: 40,
    used: new Set(),
  };
  const files: [string, string][] = [
    ["papersmith.yaml", CONFIG(size.papers)],
    ["assets/alliance.svg", logo("Alliance", "#1D4F91")], ["assets/network.svg", logo("Network", "#5C2D91")],
    ["charter.yaml", `title: Our shared values\npreamble: |\n  These values are the common ground on which this series of papers is built.\nvalues:\n${VALUES.map((v) => `  - id: ${v.id}\n    title: ${v.title}\n    statement: |\n      We judge our work by ${v.title.toLowerCase()}, not by the activity an\n      organisation records or the income it earns.\n`).join("")}`],
    ["people.yaml", Array.from({ length: series.people }, (_, i) => `- id: ${personId(i)}\n  name: ${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}\n  role: ${ROLES[i % ROLES.length]}\n  organisation: ${i % 2 ? "alliance" : "network"}\n`).join("")],
    ["quotes.yaml", Array.from({ length: series.quotes }, (_, i) => `- id: quote-${i + 1}\n  by: ${personId(i % series.people)}\n  text: >-\n    Getting this right will give patients a more seamless and effective\n    service, and protect the values we stand by.\n  date: 2014-10-06\n  source: Partnership announcement\n`).join("")],
  ];
  for (let s = 0; s < size.sessions; s++) files.push([`sessions/${series.sessionIds[s]}.md`, sessionFile(s, series)]);
  for (let c = 0; c < size.caseStudies; c++) files.push([`case-studies/${series.caseIds[c]}.md`, caseStudyFile(c, series)]);
  // Papers last: they record which entities are used, and the last one lists the rest.
  for (let n = 1; n <= size.papers; n++) files.push([`papers/${String(n).padStart(3, "0")}-paper.md`, paperFile(n, series)]);
  const unused = [
    ...series.caseIds.filter((id) => !series.used.has(id)).map((id) => `- :case[${id}]`),
    ...series.sessionIds.flatMap((session, s) => series.findings[s]!.map((f) => `${session}#${f}`)).filter((id) => !series.used.has(id)).map((id) => `- :finding[${id}]`),
    ...Array.from({ length: series.quotes }, (_, i) => `quote-${i + 1}`).filter((id) => !series.used.has(id)).map((id) => `\n::quote{#${id}}\n`),
  ];
  const last = files[files.length - 1];
  if (last && size.papers > 0 && unused.length > 0) last[1] += `\n## Annex: other sources\n\n${unused.join("\n")}\n`;
  await Promise.all(files.map(([path, text]) => writeFile(join(dir, path), text)));
}
