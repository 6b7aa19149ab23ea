/**
 * `scanEml`: the entry point for a raw RFC 5322 message.
 */
import { defaultCatalogue } from '../catalogue/index.js';
import { parseMail } from '../mime/node.js';
import type { Report, ScanOptions } from '../types.js';
import { scanEmlWith } from './eml-core.js';

/**
 * Scans a raw message (`.eml` text or bytes): every text/html part, attached messages included.
 * Recipient addresses come from To, Cc, Delivered-To and X-Original-To plus `options.recipient`.
 * Never rejects on data: problems, limits reached included, are `errors` entries. The input is
 * never modified.
 *
 * Rejects with a `TypeError` only for invalid `options.limits` (a programmer error, see
 * `validateLimits`); it never throws synchronously.
 *
 * @example
 * const report = await scanEml(fs.readFileSync('newsletter.eml'));
 * for (const f of report.findings) console.log(f.kind, f.vendor?.name ?? f.host);
 */
export async function scanEml(raw: string | Uint8Array, options: ScanOptions = {}): Promise<Report> {
  return scanEmlWith({ parseMail, defaultCatalogue }, raw, options);
}
