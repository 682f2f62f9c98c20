import type { Series } from "../model/index.js";

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const DEFAULT_ACCENT = "#005eb8";
const SAFE_FONT = /^[\w\s,'"-]+$/;

/** A brand colour as #rrggbb, or undefined when it is not a hex colour (never copied into CSS unchecked). */
export function normaliseHex(colour: string | undefined): string | undefined {
  if (colour === undefined || !HEX.test(colour.trim())) return undefined;
  const c = colour.trim().toLowerCase();
  return c.length === 4 ? `#${c[1]}${c[1]}${c[2]}${c[2]}${c[3]}${c[3]}` : c;
}

function channels(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance. */
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastOnWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

/** The colour darkened until text in it reaches 4.5:1 on white (and on the light tint). */
export function readableOnWhite(hex: string, target = 4.8): string {
  let [r, g, b] = channels(hex);
  let current = hex;
  for (let i = 0; i < 40 && contrastOnWhite(current) < target; i++) {
    r = Math.floor(r * 0.92); g = Math.floor(g * 0.92); b = Math.floor(b * 0.92);
    current = `#${[r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
  }
  return current;
}

/** The series' accent: theme.accent (a partner's colour or a hex), else the first partner's colour. */
export function accentColour(series: Series): string {
  const { theme, partners } = series.config;
  const accent = theme.accent;
  let colour: string | undefined;
  if (accent !== undefined && "colour" in accent) colour = normaliseHex(accent.colour);
  else if (accent !== undefined) colour = normaliseHex(partners.find((p) => p.id === accent.partner.id)?.colour);
  return colour ?? normaliseHex(partners[0]?.colour) ?? DEFAULT_ACCENT;
}

/**
 * The generated part of the theme: partner colours and the accent as custom properties, and
 * theme.font as `--font-body`, the typeface of the site's pages and of the PDFs' body text and
 * headings alike. Only checked hex colours and a font stack of plain characters reach the CSS.
 */
export function themeVariables(series: Series): string {
  const accent = accentColour(series);
  const lines = [
    `  --accent: ${accent};`,
    `  --accent-text: ${readableOnWhite(accent)};`,
  ];
  series.config.partners.forEach((partner, i) => {
    const colour = normaliseHex(partner.colour) ?? accent;
    lines.push(`  --partner-${i + 1}: ${colour};`, `  --partner-${i + 1}-text: ${readableOnWhite(colour)};`);
  });
  const { font, fonts } = series.config.theme;
  if (font !== undefined && SAFE_FONT.test(font)) lines.push(`  --font-body: ${font};`);
  else if (font === undefined && fonts[0] !== undefined) lines.push(`  --font-body: "${fonts[0].family}";`);
  return `:root {\n${lines.join("\n")}\n}\n`;
}

const FONT_FORMATS: Readonly<Record<string, string>> = { woff2: "woff2", woff: "woff", ttf: "truetype", otf: "opentype" };

/**
 * An @font-face rule for each file of `theme.fonts`, its source given by `url` (an href from the
 * stylesheet for the site, already URL-encoded, or a data: URI for a print document; undefined
 * leaves the face out).
 * Family names are plain words (checked on load), so they are safe in a CSS string.
 */
export function fontFaces(series: Series, url: (projectPath: string) => string | undefined): string {
  return series.config.theme.fonts.map((face) => {
    const source = url(face.file);
    if (source === undefined) return "";
    const format = FONT_FORMATS[face.file.slice(face.file.lastIndexOf(".") + 1).toLowerCase()] ?? "truetype";
    return `@font-face { font-family: "${face.family}"; src: url("${source.replace(/["\\\n]/g, (ch) => encodeURIComponent(ch))}") format("${format}"); font-weight: ${face.weight}; font-style: ${face.style}; font-display: swap; }\n`;
  }).join("");
}
