/**
 * What the Chromium sanitiser tests share: a local HTTP server started under the test setup's
 * DNS refusal, URL normalisation as the browser reports requests, and the catalogue check.
 */
import dns from 'node:dns';
import type { Server } from 'node:http';
import { isIP } from 'node:net';
import { defaultCatalogue } from '../../src/catalogue/index.js';
import { parseUrl } from '../../src/url/parse.js';

const catalogue = defaultCatalogue();

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
