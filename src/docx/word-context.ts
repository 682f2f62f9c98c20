import type { Paragraph } from "docx";
import type { Paper } from "../model/index.js";
import type { AboutPartnersPlacement } from "../render/about-partners-placement.js";
import type { LinkTarget } from "../render/paths.js";
import type { SiteModel } from "../render/site-model.js";

/** The list styles every document defines (see styles in word-styles.ts). */
export const BULLET_LIST = "papersmith-bullets";
export const NUMBERED_LIST = "papersmith-numbers";

/** The Word notes of one document: each Markdown footnote gets its number at its first reference. */
export class WordNotes {
  readonly #numbers = new Map<string, number>();
  readonly #notes = new Map<number, Paragraph[]>();

  /** The number of the note `key` (the body it was written in and its label), new when `make` gives its text. */
  number(key: string, make: () => Paragraph[]): number {
    const known = this.#numbers.get(key);
    if (known !== undefined) return known;
    const number = this.#numbers.size + 1;
    this.#numbers.set(key, number);
    this.#notes.set(number, []);
    // Made after the number is taken: a note that refers to itself gets the same number, not a loop.
    this.#notes.set(number, make());
    return number;
  }

  /** The notes as the docx package takes them, by number. */
  all(): Record<string, { children: Paragraph[] }> {
    return Object.fromEntries([...this.#notes].map(([number, children]) => [String(number), { children }]));
  }

  get count(): number {
    return this.#notes.size;
  }
}

/** Everything turning one paper into Word needs to know. */
export interface WordContext {
  readonly site: SiteModel;
  readonly paper: Paper;
  /** The web address of a page of the site, when `build.baseUrl` is absolute. */
  readonly web: (target: LinkTarget | undefined) => string | undefined;
  readonly notes: WordNotes;
  /** Which `::about-partners` blocks of the paper's body show (one, as in its PDF). */
  readonly about: AboutPartnersPlacement;
  /** Added to a Markdown heading's depth to give its Word heading level (`##` is Heading 1). */
  readonly headingOffset: number;
  /** Counts numbered lists, so that each starts again at 1. */
  readonly lists: { count: number };
  /**
   * Counts the document's drawings, for their ids: left to itself, the docx package numbers
   * them from one counter for the whole process, so a document's bytes would depend on the
   * documents made before it.
   */
  readonly drawings: { count: number };
}

/** Where a body being turned into Word stands: the file it was written in, its level, the blocks around it. */
export interface BodyPlace {
  /** The project file the Markdown was written in (relative links are resolved against it). */
  readonly file: string;
  /** A key unique to this body in the document, for its notes. */
  readonly key: string;
  /** The Word heading level of the heading the content sits under (0: none). */
  level: number;
  /** The blocks being rendered around this body ("charter", "partners", "quote:<id>"): see BodyContext.including. */
  readonly including: ReadonlySet<string>;
}
