import { SCHEMA_FOLDER } from "../schema/write-schemas.js";

/**
 * The line that tells an editor's YAML language server (VS Code with Red Hat's YAML extension,
 * and others) which JSON Schema a file follows, so it completes keys and flags mistakes.
 */
export function schemaLine(schemaFile: string): string {
  return `# yaml-language-server: $schema=${SCHEMA_FOLDER}/${schemaFile}\n`;
}

/** The files `papersmith init` writes: a small project that passes `check` with no messages. */
export const SCAFFOLD: Readonly<Record<string, string>> = {
  "papersmith.yaml": `${schemaLine("papersmith.schema.json")}series:
  title: Our policy series
  subtitle: Papers from our joint programme
  language: en-GB
  copyright: © The partners
partners:
  - id: first-partner
    name: First Partner Organisation
    shortName: First Partner
    url: https://example.org/
    logo: assets/first-partner.svg
    logoAlt: First Partner Organisation
    colour: "#1D4F91"
    about: |
      First Partner Organisation brings together the services in our area.
theme:
  accent: first-partner
build:
  outDir: dist
  pdf: { format: A4, combined: true }
accessibility:
  # Where readers report an accessibility problem or ask for another format.
  contact: https://example.org/accessibility
`,
  "charter.yaml": `${schemaLine("charter.schema.json")}title: Our shared values
preamble: The values every paper in this series works from.
values:
  - id: people-first
    title: People first
    statement: Every decision starts from what matters to the people we serve.
`,
  "people.yaml": `${schemaLine("people.schema.json")}- id: series-editor
  name: Series Editor
  role: Editor
  organisation: first-partner
`,
  "glossary.yaml": `${schemaLine("glossary.schema.json")}# Abbreviations the papers use: write :abbr[id] in a paper. Its first use there prints
# "integrated care system (ICS)", later uses "ICS", and the paper lists it at its end.
- id: ics
  term: ICS
  expansion: integrated care system
  definition: The health and care organisations that plan services together for an area.
`,
  "papers/01-introduction.md": `---
number: 1
title: Introducing the series
date: 2026-01-15
status: draft
authors: [series-editor]
summary: Why this series exists and what it will cover.
---

## Why this series

This paper opens the series of our :abbr[ics]. It is written in Markdown, and it cites
the value :value[people-first] from the charter.

## What comes next

Add papers to \`papers/\`, sessions to \`sessions/\`, case studies to \`case-studies/\` and
abbreviations to \`glossary.yaml\`, then run \`papersmith check\` and \`papersmith build\`.

## Our shared values

::values-charter

## About the partners

::about-partners
`,
  "assets/first-partner.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" viewBox="0 0 240 80" role="img"><title>First Partner Organisation</title><rect x="4" y="16" width="48" height="48" rx="8" fill="#1D4F91"/><text x="64" y="50" font-family="Liberation Sans, Arial, sans-serif" font-size="22" fill="#1D4F91">First Partner</text></svg>
`,
};
