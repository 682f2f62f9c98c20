import { join } from "node:path";
import type { CaseStudy, Paper, Session } from "../model/index.js";
import type { Problem } from "../diagnostics/diagnostic.js";
import { readSource } from "./read-source.js";
import { loadPaper } from "./load-paper.js";
import { loadSession } from "./load-session.js";
import { loadCaseStudy } from "./load-case-study.js";

export type MarkdownKind = "paper" | "session" | "case-study";

export interface MarkdownTask {
  readonly file: string;
  readonly kind: MarkdownKind;
}

/** What one `.md` source yields: its entity (absent when the file defines nothing) and its problems. */
export interface LoadedMarkdown {
  readonly paper?: Paper;
  readonly session?: Session;
  readonly caseStudy?: CaseStudy;
  readonly problems: Problem[];
}

/** Reads and loads one Markdown source of the given kind. */
export async function loadMarkdownFile(root: string, task: MarkdownTask): Promise<LoadedMarkdown> {
  const source = await readSource(join(root, task.file), task.file);
  if (!source.ok) return { problems: [source.problem] };
  switch (task.kind) {
    case "paper": return loadPaper(source.text, task.file);
    case "session": return loadSession(source.text, task.file);
    case "case-study": return loadCaseStudy(source.text, task.file);
  }
}
