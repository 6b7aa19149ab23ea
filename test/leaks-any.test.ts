// Issue 11, class 10: an address a URL parameter holds is leaked whoever it belongs to, and a
// %40-encoded one reaches the server as the plain address. Found without being told the recipient.
import { describe, expect, it } from 'vitest';
import { addressesIn, findAnyAddresses } from '../src/leaks/find-any.js';
import { scanEml } from '../src/scan/eml.js';
import { scanHtml } from '../src/scan/html.js';
import { parseUrl } from '../src/url/parse.js';

describe('addressesIn', () => {
  it.each([
    ['me@mail.example', ['me@mail.example']],
    ['to=Me.Name+tag@Mail.Example.co.uk&x=1', ['me.name+tag@mail.example.co.uk']],
    ['a@b.example,c@d.example', ['a@b.example', 'c@d.example']],
    ['{"e":"me@mail.example"}', ['me@mail.example']],
    ['.me@mail.example.', ['me@mail.example']],
    ['@mail.example', []],
    ['me@localhost', []],
    ['me@1.2.3.4', []],
    ['me@mail.example-', ['me@mail.example']],
    ['handle@ on twitter', []],
    ['a..b@mail.example', []],
    ['*|EMAIL|*', []],
    ['{{ email }}', []],
    ['user%40mail.example', []],
  ] as const)('%s', (text, want) => expect(addressesIn(text)).toEqual(want));
  it('is linear on a long run of @', () => {
    const started = performance.now();
    addressesIn(`${'a@'.repeat(200_000)}x`);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('findAnyAddresses', () => {
  const never = (_address: string): boolean => false;
  const leaks = (u: string, skip = never): string[] =>
    findAnyAddresses(parseUrl(u) ?? fail(), skip).map((l) => `${l.address} ${l.encoding}${l.percentEncoded === undefined ? '' : `(%${l.percentEncoded})`} @ ${l.location}`);
  it.each([
    ['plain in a query', 'https://t.example/o.gif?e=me@mail.example', ['me@mail.example plain @ param:e']],
    ['%40-encoded', 'https://t.example/o.gif?email=me%40mail.example', ['me@mail.example plain(%1) @ param:email']],
    ['double-encoded', 'https://t.example/o.gif?email=me%2540mail.example', ['me@mail.example plain(%2) @ param:email']],
    ['inside a destination URL', `https://c.example/r?u=${encodeURIComponent('https://shop.example/?email=me@mail.example')}`, ['me@mail.example plain(%1) @ param:u']],
    ['none in the path', 'https://t.example/me@mail.example/o.gif', []],
    ['none without an address', 'https://t.example/o.gif?id=3f2b8c1e&u=%2Fhome', []],
  ] as const)('%s', (_n, u, want) => expect(leaks(u)).toEqual(want));
  it('skips what the caller says is no leak', () => {
    expect(leaks('https://t.example/o?from=news@shop.example&to=me@mail.example', (a) => a.endsWith('@shop.example'))).toEqual(['me@mail.example plain @ param:to']);
  });
});

describe('scans find address leaks without a recipient', () => {
  it('reports the address a pixel parameter holds', () => {
    const r = scanHtml('<img src="https://t.unknown.example/o.gif?id=3f2b8c1e9d4a4b7e8f&e=jane.doe%40mail.example" width="1" height="1">', { sender: 'news@shop.example' });
    expect(r.findings[0]?.leaks.map((l) => [l.address, l.encoding, l.percentEncoded])).toEqual([['jane.doe@mail.example', 'plain', 1]]);
  });
  it('reports it in ordinary links too', () => {
    const r = scanHtml('<a href="https://shop.example/unsubscribe?email=jane.doe@mail.example">Unsubscribe</a>', { sender: 'news@shop.example' });
    expect(r.links?.[0]?.leaks.map((l) => l.address)).toEqual(['jane.doe@mail.example']);
  });
  it('the sender\'s own addresses are no leak', () => {
    const r = scanHtml('<a href="https://shop.example/contact?to=support@shop.example&cc=help@mail.shop.example">Contact</a>', { sender: 'news@shop.example' });
    expect(r.links ?? []).toEqual([]);
  });
  it('a recipient the scan knows is reported once, with its encoding', async () => {
    const raw = 'From: news@shop.example\r\nTo: jane.doe@mail.example\r\nContent-Type: text/html\r\n\r\n'
      + '<img src="https://t.unknown.example/o.gif?id=3f2b8c1e9d4a4b7e8f&e=jane.doe%40mail.example" width="1" height="1">';
    const r = await scanEml(raw);
    expect(r.findings[0]?.leaks.map((l) => [l.address, l.encoding, l.percentEncoded])).toEqual([['jane.doe@mail.example', 'plain', 1]]);
  });
  it('an address in a sized content image does not make it a tracker by itself', () => {
    const r = scanHtml('<img src="https://avatars.social.example/u.png?for=friend@mail.example" width="48" height="48">', { sender: 'news@social.example' });
    expect(r.findings).toEqual([]);
  });
});

function fail(): never {
  throw new Error('unexpected null');
}
