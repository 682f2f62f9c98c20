/**
 * The site path a request asks for (relative, `/`-separated, no leading slash), or undefined
 * when the URL tries to leave the site: `..` or `.` segments (also percent-encoded), encoded
 * slashes or backslashes, empty segments (`//etc/passwd`), NUL bytes, or undecodable escapes.
 * Works on the raw request target, before anything normalises `/../` away.
 * `/` and `/folder/` ask for the folder's index.html.
 */
export function sitePathOf(rawUrl: string): string | undefined {
  const target = rawUrl.split(/[?#]/, 1)[0] ?? "";
  if (!target.startsWith("/")) return undefined;
  const segments = target.slice(1).split("/");
  const decoded: string[] = [];
  for (const [i, raw] of segments.entries()) {
    const last = i === segments.length - 1;
    if (raw === "") {
      if (last) break; // a trailing slash: the folder's index
      return undefined;
    }
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === "." || segment === ".." || /[/\\\0]/.test(segment) || /^[a-zA-Z]:/.test(segment)) return undefined;
    decoded.push(segment);
  }
  const path = decoded.join("/");
  if (path === "") return "index.html";
  return target.endsWith("/") ? `${path}/index.html` : path;
}
