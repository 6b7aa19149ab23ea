/**
 * What the Chromium sanitiser tests share: a local HTTP server of in-memory pages, started under
 * the test setup's DNS refusal, URL normalisation as the browser reports requests, and the catalogue check.
 */
import dns from 'node:dns';
import { createServer, type Server } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { defaultCatalogue } from '../../src/catalogue/index.js';
import { parseUrl } from '../../src/url/parse.js';
import { CHROMIUM_ARGS } from './chromium.js';

const catalogue = defaultCatalogue();

/** {@link CHROMIUM_ARGS}, with the loopback address (and nothing else) left to resolve. */
export const LOOPBACK_CHROMIUM_ARGS = CHROMIUM_ARGS.map((a) =>
  a.startsWith('--host-resolver-rules=') ? `${a}, EXCLUDE 127.0.0.1` : a,
);

/** A URL as Chromium reports it (WHATWG-normalised), or as written when it does not parse. */
export function normal(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/** Whether the default catalogue knows the URL's endpoint. */
export function catalogueHit(url: string): boolean {
  const p = parseUrl(url);
  return p !== null && catalogue.match(p) !== null;
}

/**
 * `server.listen(port, host)` passes even a literal IP through `dns.lookup`, which the test setup
 * refuses. For the duration of the call, answer literal IPs only (no resolution happens), then
 * put the refusal back.
 */
export async function listenOnLoopback(s: Server): Promise<void> {
  const refused = dns.lookup;
  const literal = (host: string, a: unknown, b?: unknown): void => {
    const cb = (typeof a === 'function' ? a : b) as (e: Error | null, address: string, family: number) => void;
    if (isIP(host) === 0) return void refused(host, cb);
    cb(null, host, isIP(host));
  };
  (dns as { lookup: unknown }).lookup = literal;
  try {
    await new Promise<void>((ok, ko) => {
      s.once('error', ko);
      s.listen(0, '127.0.0.1', ok);
    });
  } finally {
    (dns as { lookup: unknown }).lookup = refused;
  }
}

/** A loopback server of in-memory pages. */
export interface PageServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly close: () => Promise<void>;
}

/**
 * Serves `pages` (path → HTML, read at request time, so tests add pages as they go) on 127.0.0.1.
 *
 * @example
 * const pages = new Map([['/a.html', '<p>a</p>']]);
 * const { origin, close } = await servePages(pages); // GET origin + '/a.html'
 */
export async function servePages(pages: ReadonlyMap<string, string>): Promise<PageServer> {
  const server = createServer((req, res) => {
    const body = pages.get(req.url ?? '');
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? '');
  });
  await listenOnLoopback(server);
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
