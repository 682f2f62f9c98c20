import { relativeHref, type LinkTarget } from "../render/paths.js";

/**
 * Where a cross-reference of a Word document leads: the page on the published site when
 * `build.baseUrl` is an absolute http(s) address, else nowhere (a Word file has no site beside
 * it, so a relative link would lead nowhere either).
 */
export function webLinker(baseUrl: string): (target: LinkTarget | undefined) => string | undefined {
  if (!/^https?:\/\//i.test(baseUrl)) return () => undefined;
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  return (target) => (target === undefined ? undefined : new URL(relativeHref("index.html", target), base).href);
}
