import { CLIENT_PATH } from "./client.js";

/** The meta element that says which render a page was served from (see previewClient). */
export const RENDER_META = "papersmith-render";

/**
 * Adds the preview client to a page served by the preview server (never to build output): a
 * same-origin module script, so a Content-Security-Policy of `script-src 'self'` allows it, and
 * the number of the render the page comes from.
 */
export function injectClient(html: string, render: number): string {
  const tags = `<meta name="${RENDER_META}" content="${render}"><script type="module" src="${CLIENT_PATH}"></script>`;
  const head = html.search(/<\/head>/i);
  if (head >= 0) return `${html.slice(0, head)}${tags}\n${html.slice(head)}`;
  return `${tags}\n${html}`;
}
