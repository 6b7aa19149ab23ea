/**
 * What a page really asked the network for, read from Chromium's network log (`--log-net-log`).
 * Playwright's request interception does not see the loads of a sandboxed srcdoc frame (measured:
 * the demo's preview frame without its CSP fetched images that no route saw), so the demo test
 * reads the log of the network stack itself. Chromium also makes requests of its own (component
 * updates, account checks); they are told apart by their traffic annotation, and a canary load
 * proves that the annotation still marks page loads in this Chromium.
 */
import { readFileSync } from 'node:fs';

/** Traffic annotation hash of "blink_resource_loader": loads a page's renderer asks for. */
export const PAGE_LOAD_ANNOTATION = 101845102;

interface NetLog {
  readonly constants: { readonly logEventTypes: Readonly<Record<string, number>> };
  readonly events: readonly { readonly type: number; readonly params?: { readonly url?: unknown; readonly traffic_annotation?: unknown } }[];
}

/**
 * URLs (http, https, ws, ftp …: anything but file: and data:) that pages asked the network for.
 *
 * @example
 * pageRequests('/tmp/netlog.json'); // []
 */
export function pageRequests(path: string): string[] {
  const log = JSON.parse(readFileSync(path, 'utf8')) as NetLog;
  const alive = log.constants.logEventTypes.REQUEST_ALIVE;
  const urls = new Set<string>();
  for (const e of log.events) {
    const url = e.params?.url;
    if (e.type !== alive || typeof url !== 'string' || e.params?.traffic_annotation !== PAGE_LOAD_ANNOTATION) continue;
    if (!url.startsWith('file:') && !url.startsWith('data:')) urls.add(url);
  }
  return [...urls];
}
