// Shared by the table-driven negative/positive image tests: scan a small message body and keep
// only the image-side findings (open pixels, beacons, CSS beacons).
import { scanHtml } from '../../src/scan/html.js';
import type { Finding, ScanOptions } from '../../src/types.js';

/** Wraps a fragment in the usual email skeleton (table layout, one text cell). */
export function emailBody(fragment: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>
<table role="presentation" width="600" cellpadding="0" cellspacing="0"><tr><td>
<p>Hello, here is the news of the week.</p>${fragment}
</td></tr></table></body></html>`;
}

/** The open-pixel, beacon and css-beacon findings of one fragment. */
export function imageFindings(fragment: string, options: ScanOptions = {}): Finding[] {
  const report = scanHtml(emailBody(fragment), options);
  return report.findings.filter((f) => f.kind !== 'click-redirect');
}

/** `kind confidence url` lines: readable failure messages for the tables. */
export function describeFindings(fs: readonly Finding[]): string[] {
  return fs.map((f) => `${f.kind} ${f.confidence} ${f.url}`);
}
