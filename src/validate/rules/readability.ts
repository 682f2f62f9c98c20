import { problem, type Problem } from "../../diagnostics/diagnostic.js";
import type { ValidationRule } from "../rule.js";
import { measureMarkdown } from "../readability/measure.js";
import { fileStart } from "../../diagnostics/position-range.js";

/** Sentences longer than this many words are reported. */
export const MAX_SENTENCE_WORDS = 25;

const one = (n: number): string => n.toFixed(1);

/**
 * `readability` (off by default; `rules:` or `check --readability` turns it on): each sentence
 * over 25 words in a paper, session or case study, and each paper's figures at its first line.
 */
export const readability: ValidationRule = {
  produces: ["readability"],
  check(series, _index, memo) {
    const out: Problem[] = [];
    for (const entity of [...series.papers, ...series.sessions, ...series.caseStudies]) {
      // A body's figures depend on its text alone (its tree is parsed from it): kept between runs.
      const figures = memo("readability", entity.file, entity.body.source, () => measureMarkdown(entity.body.tree, entity.body.source));
      for (const sentence of figures.sentenceList) {
        if (sentence.words <= MAX_SENTENCE_WORDS) continue;
        out.push(problem("readability", { file: entity.file, start: sentence.start, end: sentence.end },
          `This sentence has ${sentence.words} words; sentences over ${MAX_SENTENCE_WORDS} words are hard to follow. Split it.`));
      }
      if (entity.kind !== "paper") continue;
      const at = fileStart(entity.file);
      out.push(problem("readability", at,
        `Paper ${entity.number} reads at: ${figures.words} words in ${figures.sentences} sentences ` +
        `(${one(figures.averageSentenceLength)} words a sentence); Flesch reading ease ${one(figures.fleschReadingEase)} ` +
        `(60–70 is plain English); SMOG grade ${one(figures.smogGrade)}.`));
    }
    return out;
  },
};
