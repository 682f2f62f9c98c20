import type { ServerResponse } from "node:http";

/**
 * What previewed pages may load: their own scripts (the site's and the live-reload client, both
 * served files), stylesheet, fonts, images and the event stream, and nothing else. Images may
 * also be data: URIs and remote (http/https), because Markdown may show remote images and the
 * preview must look like the build; an image cannot run code or read the page. The overlay's
 * styles are a constructed stylesheet, which style-src does not govern, so no 'unsafe-inline'
 * is needed. No page may frame the preview (clickjacking), and no form or <base> can send it
 * elsewhere.
 */
export const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: http: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * For the site's other files (logos, images, the stylesheet): a policy only matters when one is
 * opened on its own, and then nothing in it may run. An SVG logo from a project is a document
 * that can hold scripts; sandboxed, it has no origin, so it cannot read the preview either.
 */
export const FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; sandbox";

/**
 * For PDFs: Chromium shows a PDF with a built-in viewer that a `default-src 'none'` policy may
 * block, and a PDF runs no page script; the preview still may not be framed.
 */
export const PDF_POLICY = "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Headers on every answer of the preview. No Access-Control-Allow-* header is ever sent: other
 * origins must not read the preview (drafts, diagnostics, the event stream). Cross-Origin-
 * Resource-Policy keeps other sites from embedding its files; Referrer-Policy keeps draft
 * addresses out of the requests that links and remote images make.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": PAGE_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
  "X-Frame-Options": "DENY",
};

/** Sets SECURITY_HEADERS on a response not yet started (later writeHead headers override them). */
export function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}
