import type { OverlayDiagnostic, PreviewPayload } from "./payload.js";

/** Where the client script and the event stream are served. */
export const CLIENT_PATH = "/__papersmith/client.js";
export const EVENTS_PATH = "/__papersmith/events";

/** The script served at CLIENT_PATH: previewClient's own (compiled) source, started once. */
export function clientScript(): string {
  return `// papersmith preview: live reload and the error overlay\n(${previewClient.toString()})(${JSON.stringify(EVENTS_PATH)});\n`;
}

/**
 * Runs in the browser (serialised by clientScript, so it must not use anything from outside its
 * own body). Listens for preview payloads; reloads the page, keeping its scroll position in
 * sessionStorage, when the page changed; swaps the stylesheet in place; shows the diagnostics
 * in an overlay (in a shadow root, so page styles cannot touch it) until the next update.
 * All user text goes in as textContent.
 */
export function previewClient(eventsPath: string): void {
  const scrollKey = `papersmith:scroll:${location.pathname}`;
  const sitePath = (pathname: string): string => {
    let path = pathname.replace(/^\/+/, "");
    try {
      path = decodeURIComponent(path);
    } catch { /* keep it as it is */ }
    return path === "" || path.endsWith("/") ? `${path}index.html` : path;
  };
  const current = sitePath(location.pathname);

  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    const [x, y] = JSON.parse(saved) as [number, number];
    const restore = (): void => window.scrollTo(x, y);
    restore();
    window.addEventListener("load", restore, { once: true });
  }
  const reload = (): void => {
    sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
    location.reload();
  };

  const overlayId = "__papersmith-overlay";
  const hideOverlay = (): void => document.getElementById(overlayId)?.remove();
  const showOverlay = (diagnostics: readonly OverlayDiagnostic[]): void => {
    hideOverlay();
    const host = document.createElement("div");
    host.id = overlayId;
    const shadow = host.attachShadow({ mode: "open" });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`
      :host { all: initial; }
      .backdrop { position: fixed; inset: 0; z-index: 2147483647; background: rgba(0,0,0,.55); overflow: auto;
        font: 15px/1.5 system-ui, sans-serif; }
      section { margin: 4vh auto; max-width: 60rem; background: #fff; color: #1d1d1d; border-top: 6px solid #b00020;
        padding: 1.25rem 1.5rem; box-shadow: 0 8px 30px rgba(0,0,0,.3); }
      h2 { margin: 0 0 .25rem; font-size: 1.2rem; color: #8a0019; }
      p { margin: 0 0 1rem; }
      ul { list-style: none; margin: 0; padding: 0; }
      li { padding: .6rem 0; border-top: 1px solid #ddd; }
      code { font: 13px/1.4 ui-monospace, monospace; }
      .where { font-weight: 600; }
      .error { color: #b00020; font-weight: 600; }
      .warn { color: #7a4d00; font-weight: 600; }
      .rule { color: #555; }
      button { float: right; font: inherit; padding: .25rem .75rem; }`);
    shadow.adoptedStyleSheets = [sheet];
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] => {
      const node = document.createElement(tag);
      if (text !== undefined) node.textContent = text;
      if (className !== undefined) node.className = className;
      return node;
    };
    const backdrop = el("div", undefined, "backdrop");
    const dialog = el("section");
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-labelledby", "title");
    const close = el("button", "Close");
    close.type = "button";
    close.addEventListener("click", hideOverlay);
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    const title = el("h2", `${errors} ${errors === 1 ? "error" : "errors"} in the project`);
    title.id = "title";
    const list = el("ul");
    for (const d of diagnostics) {
      const item = el("li");
      if (d.file !== "") item.append(el("code", `${d.file}:${d.line}:${d.column}`, "where"), " ");
      item.append(el("span", d.severity, d.severity), " ", el("span", d.message), " ", el("code", `[${d.rule}]`, "rule"));
      if (d.suggestion !== undefined) item.append(el("div", `Did you mean: ${d.suggestion}`));
      list.append(item);
    }
    dialog.append(close, title, el("p", "This page shows the last version without errors. Fix the files and save: this goes away by itself."), list);
    backdrop.append(dialog);
    shadow.append(backdrop);
    document.body.append(host);
    close.focus();
  };
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hideOverlay();
  });

  const swapStylesheet = (path: string): void => {
    for (const link of document.querySelectorAll<HTMLLinkElement>("link[rel=stylesheet]")) {
      const url = new URL(link.getAttribute("href") ?? "", location.href);
      if (sitePath(url.pathname) !== path) continue;
      url.searchParams.set("t", String(Date.now()));
      link.href = url.href;
    }
  };

  let connectedBefore = false;
  // The render this page came from (RENDER_META, named again: this function is served on its own);
  // the server tells a page that missed an update while it loaded to reload.
  const render = document.querySelector<HTMLMetaElement>('meta[name="papersmith-render"]')?.content ?? "";
  const source = new EventSource(`${eventsPath}?page=${encodeURIComponent(location.pathname)}&render=${encodeURIComponent(render)}`);
  source.addEventListener("message", (event: MessageEvent<string>) => {
    const payload = JSON.parse(event.data) as PreviewPayload;
    switch (payload.type) {
      case "connected":
        // A second "connected" means the server went away and came back: its render may differ.
        if (connectedBefore) reload();
        connectedBefore = true;
        break;
      case "update":
        hideOverlay();
        for (const update of payload.updates) {
          if (update.type === "css") swapStylesheet(update.path);
          else if (update.path === current) reload();
        }
        break;
      case "full-reload":
        reload();
        break;
      case "error":
        showOverlay(payload.diagnostics);
        break;
    }
  });
  window.addEventListener("pagehide", () => source.close());
}
