import { describe, expect, it } from "vitest";
import { checkProject } from "../src/check.js";
import { parseMarkdown } from "../src/load/markdown.js";
import { measureMarkdown } from "../src/validate/readability/measure.js";
import { fixture, fixtureCases, readExpected, reportLines } from "./helpers/fixtures.js";

const measure = (text: string) => measureMarkdown(parseMarkdown(text), text);

/** Flesch reading ease (1975) and SMOG grade (1969), written out to check the libraries' sums. */
const flesch = (words: number, sentences: number, syllables: number): number => 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words);
const smog = (polysyllables: number, sentences: number): number => 1.043 * Math.sqrt(polysyllables * (30 / sentences)) + 3.1291;

describe("readability: figures against hand counts", () => {
  it("one-syllable words", () => {
    // The(1) cat(1) sat(1) on(1) the(1) mat(1).      6 words,  6 syllables
    // It(1) was(1) a(1) warm(1) day(1).              5 words,  5 syllables
    // We(1) had(1) tea(1) in(1) the(1) gar-den(2).   6 words,  7 syllables
    // 17 words, 3 sentences, 18 syllables, no word of three or more.
    const f = measure("The cat sat on the mat. It was a warm day. We had tea in the garden.");
    expect([f.words, f.sentences, f.syllables, f.polysyllables]).toEqual([17, 3, 18, 0]);
    expect(f.fleschReadingEase).toBeCloseTo(flesch(17, 3, 18), 6); // 111.5
    expect(f.fleschReadingEase).toBeCloseTo(111.507, 2);
    expect(f.smogGrade).toBeCloseTo(3.1291, 4);
    expect(f.sentenceList.map((s) => [s.words, s.start.column])).toEqual([[6, 1], [5, 25], [6, 44]]);
  });

  it("long words", () => {
    // Com-mu-ni-ty(4) teams(1) vis-it-ed(3) fam-i-lies(3) on(1) Tues-day(2).  6 words, 14 syllables, 3 of 3+
    // Ad-mis-sions(3) fell(1).                                                 2 words,  4 syllables, 1 of 3+
    // Doc-tors(2) a-greed(2) the(1) pi-lot(2) worked(1).                       5 words,  8 syllables
    // 13 words, 3 sentences, 26 syllables, 4 polysyllables:
    // Flesch 206.835 − 1.015 × 13/3 − 84.6 × 26/13 = 33.24; SMOG 1.043 × √(4 × 30/3) + 3.1291 = 9.73.
    const f = measure("Community teams visited families on Tuesday. Admissions fell. Doctors agreed the pilot worked.");
    expect([f.words, f.sentences, f.syllables, f.polysyllables]).toEqual([13, 3, 26, 4]);
    expect(f.averageSentenceLength).toBeCloseTo(13 / 3, 6);
    expect(f.fleschReadingEase).toBeCloseTo(33.237, 2);
    expect(f.smogGrade).toBeCloseTo(smog(4, 3), 6);
    expect(f.smogGrade).toBeCloseTo(9.726, 2);
  });

  it("real prose: words and sentences exact, syllables within 2% of a hand count", () => {
    // Frail(1) old-er(2) peo-ple(2) were(1) of-ten(2) ad-mit-ted(3) to(1) hos-pi-tal(3) in(1) an(1) e-mer-gen-cy(4).
    //   11 words, 21 syllables, 3 of 3+
    // Prac-ti-ces(3) now(1) share(1) one(1) care(1) plan(1) with(1) the(1) hos-pi-tal(3), the(1) am-bu-lance(3)
    // ser-vice(2) and(1) so-cial(2) care(1).   15 words, 23 syllables, 3 of 3+
    // Nur-ses(2) vis-it(2) peo-ple(2) at(1) home(1) be-fore(2) a(1) cri-sis(2).   8 words, 13 syllables
    // Ad-mis-sions(3) fell(1) by(1) a(1) quar-ter(2) in(1) the(1) first(1) year(1).   9 words, 12 syllables, 1 of 3+
    // 43 words, 4 sentences, 69 syllables, 7 polysyllables. The `syllable` package hears
    // "Nurses" as one syllable, so it counts 68: heuristic counting, close but not perfect.
    const f = measure("Frail older people were often admitted to hospital in an emergency. Practices now share one care plan " +
      "with the hospital, the ambulance service and social care. Nurses visit people at home before a crisis. " +
      "Admissions fell by a quarter in the first year.");
    expect([f.words, f.sentences, f.polysyllables]).toEqual([43, 4, 7]);
    expect(Math.abs(f.syllables - 69) / 69).toBeLessThanOrEqual(0.02);
    expect(Math.abs(f.fleschReadingEase - flesch(43, 4, 69))).toBeLessThan(2.5);
    expect(f.smogGrade).toBeCloseTo(smog(7, 4), 6);
  });

  it("counts no prose in code, headings or tables, and inline code as no words", () => {
    const f = measure("# Title words\n\n```\nconst a = 1. const b = 2.\n```\n\n| a | b |\n|---|---|\n| c d e. | f. |\n\nRun `npm test` now.\n");
    expect([f.words, f.sentences]).toEqual([2, 1]);
  });

  it("gives zeroes, not NaN, for a paper without prose", () => {
    const f = measure("```\ncode\n```\n");
    expect([f.words, f.sentences, f.fleschReadingEase, f.smogGrade]).toEqual([0, 0, 0, 0]);
  });
});

describe("readability: fixtures", () => {
  for (const name of fixtureCases("readability")) {
    it(`${name} with --readability`, async () => {
      const dir = fixture("readability", name);
      const expected = readExpected(dir);
      const result = await checkProject(dir, { forceOn: ["readability"] });
      const own = result.diagnostics.filter((d) => d.rule === "readability");
      expect(reportLines(own, expected).join("\n")).toBe(expected.map((e) => e.text).join("\n"));
    });

    it(`${name} is quiet by default (the rule is off)`, async () => {
      const result = await checkProject(fixture("readability", name));
      expect(result.diagnostics.filter((d) => d.rule === "readability")).toEqual([]);
    });
  }
});
