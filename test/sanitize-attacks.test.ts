/**
 * The sanitiser against a hostile sender: each case is markup built to make an edit create new
 * markup, revive a dead attribute or hide a tracker from the edit. For every case, in the mode
 * given: the output holds no element or attribute the input did not (scripting on and off,
 * conditional comments as Outlook reads them), loads no URL the input did not load, and a rescan
 * finds no certain or likely pixel or beacon. SECURITY.md lists these cases and their results.
 */
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../src/sanitize/html.js';
import type { SanitizeMode } from '../src/sanitize/types.js';
import { scanHtml } from '../src/scan/html.js';
import { loadedUrls, newMarkup } from './helpers/markup.js';

const GA = 'https://www.google-analytics.com/collect?v=1&amp;tid=UA-1-1&amp;cid=42';
const GA2 = 'https://www.google-analytics.com/collect?v=1&amp;tid=UA-1-1&amp;cid=43';
/** What a successful attack would make live. */
const EVIL = '&lt;img src=https://evil.example/p.gif&gt;';

/** Attribute names a mode may add. */
const ADDED: Readonly<Record<SanitizeMode, (name: string) => boolean>> = {
  remove: () => false,
  annotate: (n) => n.startsWith('data-spypixel-'),
  placeholder: (n) => n.startsWith('data-spypixel-') || n === 'width' || n === 'height' || n === 'src',
};

interface Attack {
  readonly name: string;
  readonly html: string;
  readonly mode: SanitizeMode;
  /** The sanitiser must edit something (it cannot pass by leaving the input alone). */
  readonly edits: boolean;
  /** A check of its own on the output, beyond the ones every case gets. */
  readonly check?: (out: string) => void;
}

/** The first value of an attribute on each element that has it, as the browser reads it. */
function firstValues(html: string, name: string): string[] {
  const out: string[] = [];
  const stack: DefaultTreeAdapterTypes.Node[] = [parse(html)];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if ('attrs' in n) for (const a of n.attrs) if (a.name === name) out.push(a.value);
    if ('childNodes' in n) stack.push(...n.childNodes);
  }
  return out;
}

export const ATTACKS: readonly Attack[] = [
  {
    name: 'utm strip writes a decoded --> inside an Outlook conditional comment',
    html: `<!--[if mso]><a href="https://shop.example/?x=--&gt;${EVIL}&amp;utm_source=n">x</a><![endif]--><p>after</p>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'utm strip writes a decoded </noscript>',
    html: `<noscript><a href="https://shop.example/?x=&lt;/noscript&gt;${EVIL}&amp;utm_source=n">x</a></noscript>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'placeholder keeps a decoded --> in data-spypixel-src',
    html: `<!--[if mso]><img src="https://cdn.shop.example/a.png?x=--&gt;${EVIL}" width="40" height="20"><![endif]-->`,
    mode: 'placeholder', edits: true,
  },
  {
    name: 'annotate writes a decoded </noscript> in data-spypixel-href',
    html: `<noscript><a href="https://shop.example/?x=&lt;/noscript&gt;${EVIL}&amp;utm_source=n">x</a></noscript>`,
    mode: 'annotate', edits: true,
  },
  {
    name: 'style rewrite writes a decoded </noscript> (double quotes)',
    html: `<noscript><p style="background:url(${GA});font-family:'&lt;/noscript&gt;${EVIL}'">x</p></noscript>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'style rewrite writes a decoded --> (single quotes)',
    html: `<!--[if mso]><p style='background:url(${GA});font-family:"--&gt;${EVIL}"'>x</p><![endif]-->`,
    mode: 'remove', edits: true,
  },
  {
    name: 'duplicate background: removing the first revives the second',
    html: `<table><tr><td background="${GA}" background="${GA2}">x</td></tr></table>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'duplicate background in another case',
    html: `<table><tr><td background="${GA}" BACKGROUND="${GA2}">x</td></tr></table>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'placeholder renames srcset and revives a duplicate srcset',
    html: '<img srcset="https://cdn.shop.example/a.png 1x" srcset="https://cdn.shop.example/b.png 1x" width="40" height="20">',
    mode: 'placeholder', edits: true,
  },
  {
    name: 'sender-written data-spypixel-src before the one placeholder mode writes',
    html: `<img data-spypixel-src="${GA}" src="https://cdn.shop.example/a.png" width="40" height="20">`,
    mode: 'placeholder', edits: true,
    check: (out) => expect(firstValues(out, 'data-spypixel-src')).toEqual(['https://cdn.shop.example/a.png']),
  },
  {
    name: 'sender-written data-spypixel-kind on a pixel, so annotate mode would skip it',
    html: `<img data-spypixel-kind="none" src="${GA}" width="1" height="1">`,
    mode: 'annotate', edits: true,
    check: (out) => expect(firstValues(out, 'data-spypixel-kind')).toEqual(['beacon']),
  },
];

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
