import { isIP } from "node:net";

/** Where a request arrived: what the server was asked to listen on, and the connection's own end. */
export interface Arrival {
  /** The `--host` the server listens on, as given: "127.0.0.1", "localhost", "::1", "0.0.0.0"… */
  readonly boundHost: string;
  /** The address and port the connection came in on (the socket's local end). */
  readonly localAddress: string | undefined;
  readonly localPort: number | undefined;
}

/**
 * Names a browser uses for this machine's loopback. Browsers resolve them without asking DNS, so
 * a hostile page cannot rebind them to its own server.
 */
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/** What a Host header may hold: a name, an IPv4 address or a bracketed IPv6 one, and a port. */
const HOST_SHAPE = /^[a-z0-9.\-[\]:]+$/i;

/**
 * Whether a request's Host header names this server: the address it listens on (or the one the
 * connection arrived at) and its port, or a loopback name when it listens on loopback. A page
 * that rebinds its own DNS name to 127.0.0.1 sends that name, so it is refused. Host names are
 * compared in the URL parser's canonical form (lower case, `127.1` is `127.0.0.1`, IPv6
 * compressed).
 */
export function isOwnHost(host: string | undefined, arrival: Arrival): boolean {
  if (host === undefined || !HOST_SHAPE.test(host) || arrival.localPort === undefined) return false;
  const asked = urlHost(host);
  if (asked === undefined || asked.port !== arrival.localPort) return false;
  return ownNames(arrival).has(asked.hostname);
}

/** The address to show someone who reached the server by another name. */
export function ownOrigin(arrival: Arrival): string {
  const name = canonicalName(arrival.boundHost) ?? "127.0.0.1";
  return `http://${name}:${arrival.localPort ?? ""}`;
}

function ownNames(arrival: Arrival): Set<string> {
  const names = new Set<string>();
  for (const candidate of [arrival.boundHost, unmapped(arrival.localAddress)]) {
    const name = candidate === undefined ? undefined : canonicalName(candidate);
    if (name !== undefined) names.add(name);
  }
  if ([...names].some(isLoopback)) for (const name of LOOPBACK_NAMES) names.add(name);
  return names;
}

function isLoopback(name: string): boolean {
  return name === "localhost" || name === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/** An IPv4 client of a dual-stack socket shows as `::ffff:127.0.0.1`. */
function unmapped(address: string | undefined): string | undefined {
  return address?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
}

/** A bare host name or address (IPv6 without brackets, as `--host` and sockets give it) in URL form. */
function canonicalName(name: string): string | undefined {
  return urlHost(isIP(name) === 6 ? `[${name}]` : name)?.hostname;
}

function urlHost(host: string): { hostname: string; port: number } | undefined {
  let url: URL;
  try {
    url = new URL(`http://${host}`);
  } catch {
    return undefined;
  }
  // `a@b`, `a/b` and the like are not a host: the parser would find another host in them.
  if (url.username !== "" || url.password !== "" || url.pathname !== "/" || url.search !== "" || url.hash !== "") return undefined;
  return { hostname: url.hostname, port: url.port === "" ? 80 : Number(url.port) };
}
