import { CLIENT_PATH } from "./client.js";

const TAG = `<script type="module" src="${CLIENT_PATH}"></script>`;

/**
 * Adds the preview client to a page served by the preview server (never to build output): a
 * same-origin module script, so a Content-Security-Policy of `script-src 'self'` allows it.
 */
export function injectClient(html: string): string {
  const head = html.search(/<\/head>/i);
  if (head >= 0) return `${html.slice(0, head)}${TAG}\n${html.slice(head)}`;
  return `${TAG}\n${html}`;
}
