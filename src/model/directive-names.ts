/** Inline reference directives (see docs/reference.md#references) and the entity kind each names. */
export const INLINE_DIRECTIVES = {
  value: "value", case: "case", session: "session", finding: "finding", paper: "paper", person: "person",
  figure: "paper", table: "paper", abbr: "glossary", cite: "bibliography",
} as const;

/** References to a figure or table of the paper they are written in. */
export const FIGURE_REFERENCES = ["figure", "table"] as const;

/** Containers that number a figure or a table in a paper; `:::finding` is the other container. */
export const FIGURE_CONTAINERS = ["figure", "table"] as const;

/** Block directives (see docs/reference.md#references): those that embed one entity by id, and the listing blocks. */
export const EMBED_DIRECTIVES = { "case-study": "case", quote: "quote" } as const;
export const LISTING_DIRECTIVES = ["values-charter", "about-partners", "value-matrix"] as const;

export type InlineDirectiveName = keyof typeof INLINE_DIRECTIVES;
export type EmbedDirectiveName = keyof typeof EMBED_DIRECTIVES;

export function isInlineDirective(name: string): name is InlineDirectiveName {
  return Object.hasOwn(INLINE_DIRECTIVES, name);
}

export function isEmbedDirective(name: string): name is EmbedDirectiveName {
  return Object.hasOwn(EMBED_DIRECTIVES, name);
}

export function isListingDirective(name: string): boolean {
  return (LISTING_DIRECTIVES as readonly string[]).includes(name);
}

export const BLOCK_DIRECTIVE_NAMES: readonly string[] = [...Object.keys(EMBED_DIRECTIVES), ...LISTING_DIRECTIVES];
