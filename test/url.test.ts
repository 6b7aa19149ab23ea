import { describe, expect, it } from 'vitest';
import { parseUrl, queryValue } from '../src/url/parse.js';
import { createDomainCache, isThirdParty, senderDomains } from '../src/url/party.js';

describe('parseUrl', () => {
  const cases: Array<[string, { host: string; segments: string[]; query: Array<[string, string]> } | null]> = [
    ['https://A.Example.COM/t/o.gif?id=1#x', { host: 'a.example.com', segments: ['t', 'o.gif'], query: [['id', '1']] }],
    ['//t.example/p.gif', { host: 't.example', segments: ['p.gif'], query: [] }],
    ['http://x.example:8080/a%20b/?q=a+b&e=me%40mail.example&flag', { host: 'x.example', segments: ['a b'], query: [['q', 'a b'], ['e', 'me@mail.example'], ['flag', '']] }],
    ['https://[2001:db8::1]/x', { host: '2001:db8::1', segments: ['x'], query: [] }],
    ['https://bücher.example/', { host: 'xn--bcher-kva.example', segments: [], query: [] }],
    ['https://x.example/?bad=%E0%A4%A', { host: 'x.example', segments: [], query: [['bad', '%E0%A4%A']] }],
    ['cid:logo@x', null],
    ['data:image/gif;base64,R0lGOD', null],
    ['mailto:a@b.example', null],
    ['javascript:alert(1)', null],
    ['/relative/path.gif', null],
    ['', null],
    ['https://', null],
  ];
  it.each(cases)('%s', (raw, expected) => {
    const u = parseUrl(raw);
    if (expected === null) expect(u).toBeNull();
    else {
      expect(u).not.toBeNull();
      expect(u?.host).toBe(expected.host);
      expect(u?.segments).toEqual(expected.segments);
      expect(u?.query).toEqual(expected.query);
    }
  });
  it('reads the first value of a parameter', () => {
    const u = parseUrl('https://x.example/?a=1&a=2');
    expect(u && queryValue(u, 'a')).toBe('1');
    expect(u && queryValue(u, 'b')).toBeNull();
  });
});

describe('first or third party', () => {
  const domainOf = createDomainCache();
  it('collects sender-controlled registrable domains', () => {
    expect(
      senderDomains(
        { from: 'News <news@mail.shop.example.co.uk>', returnPath: 'bounce@esp.example', dkimDomains: ['shop.example.co.uk', 'esp2.example'], listUnsubscribe: ['https://u.list.example/x', 'mailto:unsub@shop.example.co.uk'] },
        domainOf,
      ),
    ).toEqual(['example.co.uk', 'esp.example', 'esp2.example', 'list.example']);
  });
  const table: Array<[string, string[], boolean]> = [
    ['t.shop.example', ['shop.example'], false],
    ['shop.example', ['shop.example'], false],
    ['evilshop.example', ['shop.example'], true],
    ['shop.example.evil.example', ['shop.example'], true],
    ['a.appspot.com', ['b.appspot.com'], true],
    ['anything.example', [], true],
  ];
  it.each(table)('%s vs %j → third party %s', (host, senders, third) => {
    expect(isThirdParty(host, senders, domainOf)).toBe(third);
  });
});
