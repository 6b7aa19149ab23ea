/**
 * The sanitiser against a hostile sender: each case is markup built to make an edit create new
 * markup, revive a dead attribute or hide a tracker from the edit. For every case, in the mode
 * given: the output holds no element or attribute the input did not (scripting on and off,
 * conditional comments as Outlook reads them), loads no URL the input did not load, and a rescan
 * finds no certain or likely pixel or beacon. SECURITY.md lists these cases and their results.
 */
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../src/sanitize/html.js';
import { scanHtml } from '../src/scan/html.js';
import { ADDED, ATTACKS } from './helpers/attacks.js';
import { loadedUrls, newMarkup } from './helpers/markup.js';

describe('sanitizeHtml against hostile markup', () => {
  it.each(ATTACKS.map((a) => [a.name, a] as const))('%s', (_name, a) => {
    const r = sanitizeHtml(a.html, { mode: a.mode });
    if (a.edits) expect(r.changes.length).toBeGreaterThan(0);
    expect(newMarkup(a.html, r.html, ADDED[a.mode])).toEqual([]);
    const before = new Set(loadedUrls(a.html));
    expect(loadedUrls(r.html).filter((u) => !before.has(u))).toEqual([]);
    a.check?.(r.html);
    if (a.mode !== 'annotate') {
      expect(scanHtml(r.html).findings.filter((f) => f.kind !== 'click-redirect' && f.confidence !== 'possible')).toEqual([]);
    }
  });
});
