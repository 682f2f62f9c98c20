import type { BibliographyEntry, CaseStudy, Charter, GlossaryEntry, Partner, Paper, Person, Quote, Session, IdRef } from "./entities.js";
import type { SourceRange } from "./source.js";

export type Severity = "error" | "warn" | "off";

export interface PdfOptions {
  readonly format: string;
  readonly combined: boolean;
}

export interface BuildOptions {
  /** Relative to the project root. */
  readonly outDir: string;
  readonly pdf: PdfOptions;
  readonly baseUrl: string;
}

/** `theme.accent`: a partner reference or a hex colour. */
export type Accent = { readonly partner: IdRef } | { readonly colour: string; readonly range: SourceRange };

/** A font file of `theme.fonts`: embedded in the site and the PDFs under its family name. */
export interface FontFile {
  /** Relative to the project root. */
  readonly file: string;
  readonly family: string;
  /** CSS font-weight, 100 to 900 (default 400). */
  readonly weight: number;
  readonly style: "normal" | "italic";
  /** Where `file` was written. */
  readonly fileRange: SourceRange;
}

export interface Theme {
  readonly accent?: Accent;
  readonly font?: string;
  readonly fonts: readonly FontFile[];
}

export interface SeriesInfo {
  readonly title: string;
  readonly subtitle?: string;
  readonly language: string;
  readonly copyright?: string;
}

/** A severity override from `rules:` in papersmith.yaml. */
export interface RuleOverride {
  readonly rule: string;
  readonly severity: Severity;
  readonly range: SourceRange;
}

/** A text the personal-data rule may let pass, with the reason it is public (papersmith.yaml `personalData.allow`). */
export interface AllowedPersonalData {
  readonly text: string;
  readonly reason: string;
  readonly range: SourceRange;
}

/** Everything papersmith.yaml says. */
/** `accessibility:` in papersmith.yaml: what the accessibility statement needs from the partners. */
export interface AccessibilitySettings {
  /** Where to report a problem: an email address, a web address or other text. */
  readonly contact: string;
}

export interface SeriesConfig {
  readonly file: string;
  /** The whole of papersmith.yaml's top mapping (where file-wide problems are reported). */
  readonly range: SourceRange;
  readonly series: SeriesInfo;
  readonly partners: readonly Partner[];
  readonly theme: Theme;
  readonly build: BuildOptions;
  readonly rules: readonly RuleOverride[];
  /** Known false positives of the personal-data rule. */
  readonly personalDataAllow: readonly AllowedPersonalData[];
  readonly accessibility?: AccessibilitySettings;
  /** `citations.style`: the CSL style of citations and References sections; harvard by default. */
  readonly citationStyle: CitationStyle;
}

/** The citation styles of `citations.style` (see docs/reference.md#citations). */
export type CitationStyle = "harvard" | "vancouver" | "apa";

/** A source file's text and where its YAML values are (offsets into `text`), for rules that scan prose. */
export interface SourceText {
  readonly file: string;
  readonly text: string;
  /** `[start, end)` of every YAML scalar value (not keys or comments) in the file. */
  readonly yamlValues: readonly (readonly [number, number])[];
}

/** One whole series project, as loaded: the immutable model every later stage reads. */
export interface Series {
  /** Absolute path of the project folder. */
  readonly root: string;
  readonly config: SeriesConfig;
  readonly charter?: Charter;
  readonly people: readonly Person[];
  readonly quotes: readonly Quote[];
  /** The abbreviations of glossary.yaml, in file order. */
  readonly glossary: readonly GlossaryEntry[];
  /** The entries of references.yaml, in file order. */
  readonly bibliography: readonly BibliographyEntry[];
  readonly sessions: readonly Session[];
  readonly caseStudies: readonly CaseStudy[];
  /** In file order (code-unit order of paths). */
  readonly papers: readonly Paper[];
  /** Every project file and folder, relative to the root (for link checks and watchers). */
  readonly files: ReadonlySet<string>;
  /** Symbolic links in the project that lead outside it: links through them are refused. */
  readonly outside: ReadonlySet<string>;
  /** The text of every source file that parsed, by project-relative path. */
  readonly sources: ReadonlyMap<string, SourceText>;
  /** Source files that defined nothing because they could not be read or parsed. */
  readonly unloaded: ReadonlySet<string>;
}
