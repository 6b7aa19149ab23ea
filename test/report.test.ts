import { describe, expect, it } from 'vitest';
import { explainFinding } from '../src/report/explain.js';
import { measurementOf } from '../src/report/measure.js';
import { scanHtml } from '../src/scan/html.js';
import { parseUrl, type ParsedUrl } from '../src/url/parse.js';

function url(s: string): ParsedUrl {
  const u = parseUrl(s);
  if (u === null) throw new Error(s);
  return u;
}

describe('measurementOf', () => {
  const table: Array<[string, string[], string]> = [
    ['https://piwik.shop.example/piwik.php?idsite=1&rec=1&action_name=Newsletter', [], 'aggregate'],
    ['https://t.example/o.gif?u=3f2b8c1e9d4a4b7e8f00', [], 'individual'],
    ['https://t.example/o/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f', [], 'individual'],
    ['https://x.list-manage.com/track/open.php?u=abc&id=def&e=12ab', ['e'], 'individual'],
    ['https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cd1=42', ['cd*'], 'individual'],
    ['https://t.example/o.gif?u=*|UNIQID|*', [], 'individual'],
    ['https://t.example/o.gif?campaign=spring', [], 'aggregate'],
  ];
  it.each(table)('%s → %s', (u, params, expected) => {
    expect(measurementOf(url(u), params, [])).toBe(expected);
  });
  it('an address in the URL is individual', () => {
    expect(measurementOf(url('https://t.example/o.gif'), [], [{ encoding: 'plain', location: 'param:e', address: 'a@b.example' }])).toBe('individual');
  });
});

describe('explanations', () => {
  const base = { host: 't.example', thirdParty: true, vendor: null, leaks: [], signals: [] } as const;
  it('says what is sent, to whom and why, in English and French', () => {
    const en = explainFinding({ ...base, kind: 'open-pixel', measurement: 'individual' }, 'en');
    expect(en).toContain('IP address');
    expect(en).toContain('t.example');
    expect(en).toContain('consent');
    const fr = explainFinding({ ...base, kind: 'open-pixel', measurement: 'aggregate' }, 'fr');
    expect(fr).toContain('adresse IP');
    expect(fr).toContain('globalement');
  });
  it('names the trigger of CSS beacons', () => {
    expect(explainFinding({ ...base, kind: 'css-beacon', measurement: 'aggregate', signals: ['css-media-print'] }, 'en')).toContain('print');
    expect(explainFinding({ ...base, kind: 'css-beacon', measurement: 'aggregate', signals: ['css-media-dark'] }, 'fr')).toContain('mode sombre');
  });
  it('counts links of a redirect', () => {
    expect(explainFinding({ ...base, kind: 'click-redirect', measurement: 'individual', count: 12 }, 'en')).toMatch(/^12 links go through/);
  });
  it('every finding of a scan carries measurement and explanation in the chosen language', () => {
    const html = '<img src="https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=42" width="1" height="1">';
    const r = scanHtml(html, { lang: 'fr' });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]?.explanation).toContain('Google');
    expect(r.findings[0]?.flags.map((f) => f.message).join(' ')).toMatch(/[àéè]/);
  });
});

describe('link notes', () => {
  it('groups links carrying tracking parameters or the address', () => {
    const html = `
      <a href="https://shop.example/a?utm_source=news&utm_medium=email">a</a>
      <a href="https://shop.example/b?utm_source=news&utm_medium=email">b</a>
      <a href="https://shop.example/unsubscribe?email=me%40mail.example">unsubscribe</a>
      <a href="https://shop.example/plain">plain</a>`;
    const r = scanHtml(html, { sender: 'news@shop.example', recipient: 'me@mail.example' });
    expect(r.findings).toEqual([]);
    const notes = r.links ?? [];
    expect(notes).toHaveLength(2);
    expect(notes[0]?.count).toBe(2);
    expect(notes[0]?.trackingParams.map((p) => p.name)).toEqual(['utm_source', 'utm_medium']);
    expect(notes[1]?.leaks[0]?.location).toBe('param:email');
    expect(notes[1]?.thirdParty).toBe(false);
  });
});
