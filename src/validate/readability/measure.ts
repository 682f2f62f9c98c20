import type { Root } from "mdast";
import type { Root as NlcstRoot, Sentence } from "nlcst";
import { toNlcst } from "mdast-util-to-nlcst";
import { ParseEnglish } from "parse-english";
import { toString } from "nlcst-to-string";
import { syllable } from "syllable";
import { flesch } from "flesch";
import { smogFormula } from "smog-formula";
import { VFile } from "vfile";
import type { SourcePosition } from "../../model/index.js";

/** One sentence of prose: its words and where it is in the file. */
export interface SentenceFigures {
  readonly words: number;
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** Readability figures of a body of Markdown prose. */
export interface ReadabilityFigures {
  readonly words: number;
  readonly sentences: number;
  readonly syllables: number;
  /** Words of three or more syllables (for SMOG). */
  readonly polysyllables: number;
  readonly averageSentenceLength: number;
  /** Flesch reading ease (1975): higher is easier; 60–70 is plain English. */
  readonly fleschReadingEase: number;
  /** SMOG grade (1969): the years of schooling needed. */
  readonly smogGrade: number;
  readonly sentenceList: readonly SentenceFigures[];
}

/**
 * What is not prose: code, raw HTML, front matter, headings (titles, not sentences) and block
 * directives' labels. Tables are always left out by mdast-util-to-nlcst; inline code stays in
 * a sentence as source, not as words.
 */
const NOT_PROSE = ["code", "html", "yaml", "heading", "leafDirective", "definition"];

const parser = new ParseEnglish();

function sentencesOf(tree: NlcstRoot): Sentence[] {
  const out: Sentence[] = [];
  for (const paragraph of tree.children) {
    if (paragraph.type !== "ParagraphNode") continue;
    for (const sentence of paragraph.children) if (sentence.type === "SentenceNode") out.push(sentence);
  }
  return out;
}

/**
 * Measures Markdown prose. `source` is the text the tree's offsets point into (for a `.md`
 * file, the whole file), so sentence positions are file positions.
 */
export function measureMarkdown(tree: Root, source: string): ReadabilityFigures {
  const nlcst = toNlcst(tree, new VFile(source), parser, { ignore: NOT_PROSE }) as NlcstRoot;
  let words = 0;
  let syllables = 0;
  let polysyllables = 0;
  const sentenceList: SentenceFigures[] = [];
  for (const sentence of sentencesOf(nlcst)) {
    let count = 0;
    for (const child of sentence.children) {
      if (child.type !== "WordNode") continue;
      const word = toString(child);
      // A word is something with a letter or digit in it (not a stray "-" or "&").
      if (!/[\p{L}\p{N}]/u.test(word)) continue;
      count++;
      const n = Math.max(1, syllable(word));
      syllables += n;
      if (n >= 3) polysyllables++;
    }
    if (count === 0 || !sentence.position) continue;
    words += count;
    const { start, end } = sentence.position;
    sentenceList.push({ words: count, start: { line: start.line, column: start.column }, end: { line: end.line, column: end.column } });
  }
  const sentences = sentenceList.length;
  return {
    words,
    sentences,
    syllables,
    polysyllables,
    averageSentenceLength: sentences === 0 ? 0 : words / sentences,
    fleschReadingEase: sentences === 0 ? 0 : flesch({ sentence: sentences, word: words, syllable: syllables }),
    smogGrade: sentences === 0 ? 0 : smogFormula({ sentence: sentences, polysillabicWord: polysyllables }),
    sentenceList,
  };
}
