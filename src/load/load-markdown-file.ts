import type { CaseStudy, Paper, Session, SourceText } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { loadPaper } from "./load-paper.js";
import { loadSession } from "./load-session.js";
import { loadCaseStudy } from "./load-case-study.js";

export type MarkdownKind = "paper" | "session" | "case-study";

/** What one `.md` source yields: its entity (absent when the file defines nothing) and its problems. */
export interface LoadedMarkdown {
  readonly paper?: Paper;
  readonly session?: Session;
  readonly caseStudy?: CaseStudy;
  readonly problems: Problem[];
  readonly source?: SourceText;
}

/** The loader for each kind of Markdown source. */
export const MARKDOWN_LOADERS: Readonly<Record<MarkdownKind, (text: string, file: string) => LoadedMarkdown>> = {
  paper: loadPaper,
  session: loadSession,
  "case-study": loadCaseStudy,
};
