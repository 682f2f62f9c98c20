import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isOwnHost } from "../src/server/own-host.js";
import { startPreview, type PreviewServer } from "../src/server/preview-server.js";
import { fixture } from "./helpers/fixtures.js";

/**
 * The preview against a hostile web page the writer visits while it runs (DNS rebinding,
 * cross-origin reads, framing): the Host check, and the headers on every answer.
 */

const PAPER_1 = "/papers/1-shared-values.html";
/** Text that only the project's pages hold: a refused request must never carry it. */
const PAGE_TEXT = ["Original opening text.", "Preview test series", "<html", "EventSource", "<svg", "%PDF-"];

let dir: string;
let server: PreviewServer;

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * One request with exactly the headers given (Host included, or none at all: `setHost: false`).
 * A stream that never ends (the event stream) is cut after `cutAfterMs` and given as it stands.
 */
function raw(path: string, headers: OutgoingHttpHeaders, options: { method?: string; cutAfterMs?: number } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: server.port, path, method: options.method ?? "GET", headers, setHost: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      const done = (): void => resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      const cut = setTimeout(() => { req.destroy(); done(); }, options.cutAfterMs ?? 10_000);
      res.on("data", (chunk: string) => { body += chunk; });
      res.on("end", () => { clearTimeout(cut); done(); });
    });
    req.on("error", reject);
    req.end();
  });
}

/** Sends `text` as it is over a new connection and gives all that comes back (cut after 3 s). */
function rawSocket(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, "127.0.0.1", () => socket.end(text));
    let received = "";
    const cut = setTimeout(() => { socket.destroy(); resolve(received); }, 3000);
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => { received += chunk; });
    socket.on("end", () => { clearTimeout(cut); resolve(received); });
    socket.on("error", reject);
  });
}

const host = (name: string): OutgoingHttpHeaders => ({ Host: name });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "papersmith-preview-security-"));
  cpSync(fixture("preview", "basic"), dir, { recursive: true });
  // A project file that is a document with a script in it, linked from a paper.
  writeFileSync(join(dir, "assets", "notes.html"), "<!doctype html><title>notes</title><script>fetch('/pdf/1')</script>\n");
  appendFileSync(join(dir, "papers", "02-next.md"), "\nSee [the notes](../assets/notes.html).\n");
  server = await startPreview({ projectDir: dir, port: 0, chromium: "/usr/bin/chromium" });
});

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the Host check (DNS rebinding)", () => {
  const paths = ["/", PAPER_1, "/assets/alpha.svg", "/__papersmith/client.js", "/__papersmith/events?page=/", "/pdf/1", "/nope.html"];

  it("answers the preview's own address, localhost and [::1] on its port", async () => {
    for (const name of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `LOCALHOST:${server.port}`, `[::1]:${server.port}`]) {
      const answer = await raw(PAPER_1, host(name));
      expect(answer.status, name).toBe(200);
      expect(answer.body, name).toContain("Original opening text.");
    }
  });

  it("refuses any other Host with 421 and a short text, for pages, files, PDFs and the event stream", async () => {
    const forged = [
      "evil.example:4173", `evil.example:${server.port}`, "evil.example", `127.0.0.1.evil.example:${server.port}`,
      `localhost.evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, `localhost:${server.port + 1}`, "127.0.0.1",
      `127.0.0.1:${server.port}@evil.example`, `evil.example/@127.0.0.1:${server.port}`, `[::2]:${server.port}`, "",
    ];
    for (const name of forged) {
      for (const path of paths) {
        const answer = await raw(path, host(name), { cutAfterMs: 3000 });
        expect(answer.status, `${name} ${path}`).toBe(421);
        expect(answer.headers["content-type"], `${name} ${path}`).toBe("text/plain; charset=utf-8");
        for (const text of PAGE_TEXT) expect(answer.body, `${name} ${path}`).not.toContain(text);
        expect(answer.body).toMatch(/^Misdirected request: .*\n$/);
      }
    }
    expect(server.clients).toBe(0); // no event stream was opened for a forged Host
  });

  it("refuses a request with no Host (HTTP/1.1 or 1.0), or with two", async () => {
    const requests = [
      `GET ${PAPER_1} HTTP/1.1\r\nConnection: close\r\n\r\n`,
      `GET ${PAPER_1} HTTP/1.0\r\n\r\n`,
      `GET ${PAPER_1} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
      `GET ${PAPER_1} HTTP/1.1\r\nHost: evil.example\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
    ];
    for (const text of requests) {
      const answer = await rawSocket(text);
      expect(answer, text).toMatch(/^HTTP\/1\.[01] 421 /);
      for (const page of PAGE_TEXT) expect(answer, text).not.toContain(page);
    }
    // The same bytes with the right Host are answered: the refusals above are the Host check's.
    expect(await rawSocket(`GET ${PAPER_1} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 200 /);
  });

  it("knows the addresses a server listening elsewhere answers to", () => {
    const loopback = { boundHost: "127.0.0.1", localAddress: "127.0.0.1", localPort: 4173 };
    expect(isOwnHost("127.0.0.1:4173", loopback)).toBe(true);
    expect(isOwnHost("127.1:4173", loopback)).toBe(true); // the same address, written short
    expect(isOwnHost("localhost:4173", loopback)).toBe(true);
    expect(isOwnHost("rebound.evil.example:4173", loopback)).toBe(false);
    expect(isOwnHost(undefined, loopback)).toBe(false);
    const ipv6 = { boundHost: "::1", localAddress: "::1", localPort: 4173 };
    expect(isOwnHost("[::1]:4173", ipv6)).toBe(true);
    expect(isOwnHost("[0:0:0:0:0:0:0:1]:4173", ipv6)).toBe(true);
    expect(isOwnHost("localhost:4173", ipv6)).toBe(true);
    expect(isOwnHost("::1:4173", ipv6)).toBe(false);
    // Listening on every address: the address the connection came in on is the name to use.
    const everywhere = { boundHost: "0.0.0.0", localAddress: "::ffff:192.168.1.5", localPort: 80 };
    expect(isOwnHost("192.168.1.5", everywhere)).toBe(true);
    expect(isOwnHost("192.168.1.5:80", everywhere)).toBe(true);
    expect(isOwnHost("192.168.1.6", everywhere)).toBe(false);
    expect(isOwnHost("localhost", everywhere)).toBe(false); // this connection did not come over loopback
    const named = { boundHost: "mybox.lan", localAddress: "192.168.1.5", localPort: 4173 };
    expect(isOwnHost("mybox.lan:4173", named)).toBe(true);
    expect(isOwnHost("MyBox.LAN:4173", named)).toBe(true);
    expect(isOwnHost("localhost:4173", named)).toBe(false);
  });
});

describe("security headers", () => {
  const own = (): OutgoingHttpHeaders => ({ Host: `127.0.0.1:${server.port}`, Origin: "https://evil.example" });

  /** `page`: a page of the site; `file`: anything else of the project, sandboxed; `pdf`: for the PDF viewer. */
  const expectSecurityHeaders = (answer: Answer, what: string, kind: "page" | "file" | "pdf" = "page"): void => {
    expect(answer.headers["x-content-type-options"], what).toBe("nosniff");
    expect(answer.headers["referrer-policy"], what).toBe("no-referrer");
    expect(answer.headers["cross-origin-resource-policy"], what).toBe("same-origin");
    const csp = String(answer.headers["content-security-policy"]);
    expect(csp, what).toContain("frame-ancestors 'none'");
    if (kind === "page") {
      for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "base-uri 'none'"]) {
        expect(csp, what).toContain(directive);
      }
      expect(csp, what).not.toContain("unsafe");
    }
    if (kind === "file") {
      expect(csp, what).toContain("default-src 'none'");
      expect(csp, what).toMatch(/(^|; )sandbox($|;)/);
      expect(csp, what).not.toContain("script-src");
    }
    expect(Object.keys(answer.headers).filter((name) => name.startsWith("access-control-")), what).toEqual([]);
  };

  it("puts them on every kind of answer, and never allows another origin (no CORS)", async () => {
    const answers: [string, Answer][] = [
      ["page", await raw(PAPER_1, own())],
      ["home", await raw("/", own())],
      ["client script", await raw("/__papersmith/client.js", own())],
      ["not found", await raw("/nope.html", own())],
      ["HEAD", await raw(PAPER_1, own(), { method: "HEAD" })],
      ["POST", await raw("/", own(), { method: "POST" })],
      ["preflight", await raw(PAPER_1, { ...own(), "Access-Control-Request-Method": "GET" }, { method: "OPTIONS" })],
      ["event stream", await raw("/__papersmith/events?page=/", own(), { cutAfterMs: 300 })],
      ["refused Host", await raw(PAPER_1, { Host: "evil.example:4173", Origin: "https://evil.example" })],
    ];
    const statuses = Object.fromEntries(answers.map(([what, answer]) => [what, answer.status]));
    expect(statuses).toEqual({
      page: 200, home: 200, "client script": 200, "not found": 404,
      HEAD: 200, POST: 405, preflight: 405, "event stream": 200, "refused Host": 421,
    });
    for (const [what, answer] of answers) expectSecurityHeaders(answer, what);
  });

  it("sandboxes the project's files, so an SVG or HTML file opened on its own runs nothing", async () => {
    const files: [string, Answer][] = [
      ["stylesheet", await raw("/assets/papersmith.css", own())],
      ["SVG logo", await raw("/assets/alpha.svg", own())],
      ["linked HTML file", await raw("/assets/notes.html", own())],
    ];
    for (const [what, answer] of files) {
      expect(answer.status, what).toBe(200);
      expectSecurityHeaders(answer, what, "file");
    }
    expect(files[2]?.[1].body).not.toContain("/__papersmith/client.js"); // not a page of the site: no preview client
  });

  it("loads the client from a file the policy allows, with nothing inline for it to block", async () => {
    const page = await raw(PAPER_1, own());
    expect(page.body).toContain('<script type="module" src="/__papersmith/client.js"></script>');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(page.body).not.toMatch(/<style|\sstyle="|\son[a-z]+="/); // no inline style or handler
  });

  it("prints /pdf/1 with the headers, and a policy that lets the browser's PDF viewer work", async () => {
    const answer = await raw("/pdf/1", own());
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/pdf");
    expectSecurityHeaders(answer, "pdf", "pdf");
    expect(answer.headers["content-security-policy"]).not.toContain("default-src");
  });
});
