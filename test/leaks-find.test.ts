/**
 * Where and how the recipient's address is found in URLs: a table of carrier shapes seen at
 * vendors (vendors.md §4.2), false-positive traps, and a property test that places any address,
 * in any supported encoding, at any URL position.
 */
import { createHash } from 'node:crypto';
import { crc32 as zlibCrc32, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksumForms } from '../src/leaks/checksum-forms.js';
import { describeLeak } from '../src/leaks/describe.js';
import { findLeaks, findLeaksInString } from '../src/leaks/find.js';
import { buildNeedles } from '../src/leaks/needles.js';
import { parseUrl } from '../src/url/parse.js';

const ADDRESS = 'user@example.com';
const needles = buildNeedles([ADDRESS]);

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
const b64url = (s: string | Buffer): string => Buffer.from(s).toString('base64url');
const hex = (alg: string, s: string): string => createHash(alg).update(s).digest('hex');
const raw = (alg: string, s: string): Buffer => createHash(alg).update(s).digest();
/** A Mailgun-style token: a query string, zlib-compressed, then base64url (it starts with `eJ`). */
const zlibToken = (payload: string, level = 6): string => b64url(deflateSync(payload, { level }));

function leaksOf(url: string, set = needles): string[] {
  const parsed = parseUrl(url);
  if (parsed === null) throw new Error(`test URL does not parse: ${url}`);
  return findLeaks(parsed, set).map((l) => `${l.encoding}${l.percentEncoded === undefined ? '' : `(%${l.percentEncoded})`} @ ${l.location}`);
}

describe('findLeaks: carriers', () => {
  it.each([
    ['query, plain', 'https://t.example/o.gif?id=1&e=user@example.com', ['plain @ param:e']],
    // Issue 11, class 10: the server decodes %40 itself, so it receives the plain address.
    ['query, %40', 'https://t.example/o.gif?e=user%40example.com', ['plain(%1) @ param:e']],
    ['query, fully percent-encoded', `https://t.example/o?e=${[...Buffer.from(ADDRESS)].map((b) => `%${b.toString(16)}`).join('')}`, ['plain(%1) @ param:e']],
    ['query, double-encoded', 'https://t.example/o?e=user%2540example.com', ['plain(%2) @ param:e']],
    ['query, upper-case address', 'https://t.example/o?e=USER@EXAMPLE.COM', ['plain @ param:e']],
    ['fragment, plain', 'https://t.example/p#email=user@example.com', ['plain @ fragment']],
    ['parameter name', 'https://t.example/p?user@example.com', ['plain @ param-name:0']],
    ['base64 in path (Postmark-like segment)', `https://t.example/o/${b64(ADDRESS)}/p.gif`, ['base64 @ path:1']],
    ['Nylas r= base64', `https://link.example/open/abc?r=${b64(ADDRESS)}`, ['base64 @ param:r']],
    ['base64url without padding inside a ~ token', `https://t.example/q/AbC~${b64url(`v1:${ADDRESS}:9`)}~zz`, ['base64 @ path:1/base64']],
    ['Marketo-style mid (base64 of id:id:address)', `https://t.example/trk?mid=${encodeURIComponent(b64(`123-ABC-456:1:${ADDRESS}`))}`, ['base64 @ param:mid/base64']],
    ['Streak-style prefix before base64', `https://t.example/o?sender=a${b64url(ADDRESS)}`, ['base64 @ param:sender']],
    ['base64 payload at an odd offset', `https://t.example/o?x=ab${b64url(`i:${ADDRESS}`)}`, ['base64 @ param:x/base64']],
    ['base64 JSON payload', `https://t.example/o?data=${encodeURIComponent(b64(JSON.stringify({ email: ADDRESS, n: 1 })))}`, ['base64 @ param:data/base64']],
    ['JSON-escaped @', `https://t.example/o?d=${encodeURIComponent('{"e":"user\\u0040example.com"}')}`, ['plain(%1) @ param:d']],
    ['SHA-256 upper-case hex', `https://t.example/o?h=${hex('sha256', ADDRESS).toUpperCase()}`, ['sha256 @ param:h']],
    ['MD5 in m= (LiveIntent)', `https://t.example/imp?m=${hex('md5', ADDRESS)}`, ['md5 @ param:m']],
    ['MD5 glued to other hex in a path', `https://t.example/${hex('md5', ADDRESS)}0a1b/p.gif`, ['md5 @ path:0']],
    ['SHA-1 in path', `https://t.example/u/${hex('sha1', ADDRESS)}.gif`, ['sha1 @ path:1']],
    ['SHA-512', `https://t.example/o?x=${hex('sha512', ADDRESS)}`, ['sha512 @ param:x']],
    ['UID2: base64 of the raw SHA-256', `https://t.example/o?uid2=${encodeURIComponent(b64(raw('sha256', ADDRESS)))}`, ['sha256-base64 @ param:uid2']],
    ['SHA-256 base64url (contains _) between - separators', `https://t.example/o/x-${b64url(raw('sha256', ADDRESS))}-y`, ['sha256-base64url @ path:1']],
    ['hash of a hash', `https://t.example/o?k=${hex('md5', hex('sha256', ADDRESS))}`, ['md5(sha256) @ param:k']],
    ['base64 of a hex hash', `https://t.example/o?k=${b64(hex('sha256', ADDRESS))}`, ['base64(sha256) @ param:k']],
    ['hex hash inside base64 JSON', `https://t.example/o?p=${b64url(JSON.stringify({ hem: hex('sha256', ADDRESS) }))}`, ['base64(sha256) @ param:p/base64']],
    ['CRC-32 in decimal', `https://t.example/o?c=${zlibCrc32(ADDRESS)}`, ['crc32-decimal @ param:c']],
    ['hash inside a nested destination URL', `https://click.example/c?url=${encodeURIComponent(`https://shop.example/p?h=${hex('sha256', ADDRESS)}`)}`, ['sha256 @ param:url>param:h']],
    ['address inside a nested destination URL', `https://click.example/c?u=${encodeURIComponent('https://shop.example/?e=user%40example.com')}`, ['plain(%1) @ param:u>param:e']],
    ['zlib token in a path (Mailgun /o/eJ…, r= percent-encoded)', `https://email.mg.shop.example/o/${zlibToken(`h=5f1c&i=20260101.1@mg.example&r=${encodeURIComponent(ADDRESS)}&d=42`)}`, ['base64(zlib) @ path:1/zlib']],
    ['zlib token in a query value, stored block', `https://t.example/c?t=${zlibToken(`{"rcpt":"${ADDRESS}"}`, 0)}`, ['base64(zlib) @ param:t/zlib']],
    ['hashed address inside a zlib token', `https://t.example/o/${zlibToken(`k=${hex('sha256', ADDRESS)}`)}`, ['base64(zlib(sha256)) @ path:1/zlib']],
    ['Gmail image proxy: original URL after #', 'https://ci3.googleusercontent.com/proxy/AbC=s0-d-e1-ft#https://t.example/o?e=user@example.com', ['plain @ fragment>param:e']],
  ])('%s', (_label, url, expected) => {
    expect(leaksOf(url)).toEqual(expected);
  });

  it('Gmail-normalised SHA-256 is found and labelled with its spelling', () => {
    const set = buildNeedles(['Jane.Saoirse+news@gmail.com']);
    const url = `https://t.example/o?em=${hex('sha256', 'janesaoirse@gmail.com')}`;
    const leaks = findLeaks(parseUrl(url) ?? fail(), set);
    expect(leaks).toEqual([
      { encoding: 'sha256', location: 'param:em', address: 'Jane.Saoirse+news@gmail.com', variant: 'gmail-normalized' },
    ]);
    expect(describeLeak(leaks[0] ?? fail()).en).toContain('Gmail-normalised');
  });

  it('reports each recipient separately', () => {
    const set = buildNeedles([ADDRESS, 'second@example.net']);
    const url = `https://t.example/o?a=${hex('md5', ADDRESS)}&b=second%40example.net`;
    expect(findLeaks(parseUrl(url) ?? fail(), set).map((l) => `${l.address} ${l.encoding} ${l.percentEncoded ?? 0}`)).toEqual([
      'user@example.com md5 0',
      'second@example.net plain 1',
    ]);
  });

  it('findLeaksInString searches free text', () => {
    expect(findLeaksInString(`x=${b64(ADDRESS)}`, 'body', needles).map((l) => l.encoding)).toEqual(['base64']);
  });

  it('can skip nested URLs', () => {
    const url = parseUrl(`https://c.example/?u=${encodeURIComponent('https://d.example/?e=user@example.com')}`) ?? fail();
    expect(findLeaks(url, needles, { nestedUrls: false }).map((l) => l.location)).toEqual(['param:u']);
  });
});

describe('findLeaks: no false positives', () => {
  it.each([
    ['the sender address', 'https://t.example/o?from=news@shop.example&h=' + hex('sha256', 'news@shop.example')],
    ['a longer address that contains the recipient', 'https://t.example/o?e=otheruser@example.com'],
    ['the recipient as a prefix of another domain', 'https://t.example/o?e=user@example.community'],
    ['ordinary ids', 'https://t.example/o/123456/deadbeefdeadbeefdeadbeefdeadbeef?id=QUJDREVGR0hJSktMTU5PUA&t=1700000000'],
    ['a zlib token naming someone else', `https://email.mg.shop.example/o/${zlibToken('h=5f1c&r=otheruser%40example.com')}`],
    ['a cut zlib token', `https://email.mg.shop.example/o/${zlibToken(`h=5f1c&i=1&r=${ADDRESS}`).slice(0, 14)}`],
  ])('%s', (_label, url) => {
    expect(leaksOf(url)).toEqual([]);
  });

  it('no needles, no leaks', () => {
    expect(findLeaks(parseUrl('https://t.example/o?e=user@example.com') ?? fail(), buildNeedles(['', 'x']))).toEqual([]);
  });

  it('random hex and base64 tokens never match', () => {
    const token = fc.uint8Array({ minLength: 4, maxLength: 80 }).chain((b) =>
      fc.constantFrom(Buffer.from(b).toString('hex'), b64(Buffer.from(b)), b64url(Buffer.from(b))),
    );
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 6 }), (tokens) => {
        const url = `https://t.example/${tokens[0]}/x?${tokens.map((t, i) => `p${i}=${encodeURIComponent(t)}`).join('&')}#${tokens.join('~')}`;
        expect(leaksOf(url)).toEqual([]);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

/** Adler-32 as zlib computes it: the last four bytes of a stream, big-endian. */
const adlerOf = (s: string): number => {
  const z = deflateSync(s);
  return z.readUInt32BE(z.length - 4);
};

/** Independent encoders (node:crypto, Buffer, zlib) for the property test. */
function encodingsOf(address: string): Map<string, string> {
  const a = address.toLowerCase();
  const m = new Map<string, string>([
    ['percent-encoded', encodeURIComponent(a)],
    ['base64', b64(a)],
    ['base64url', b64url(a)],
    ['hex', Buffer.from(a).toString('hex')],
    ['crc32', zlibCrc32(a).toString(16).padStart(8, '0')],
    ['crc32-decimal', String(zlibCrc32(a))],
    ['adler32', adlerOf(a).toString(16).padStart(8, '0')],
    ['adler32-decimal', String(adlerOf(a))],
    ['md5(sha256)', hex('md5', hex('sha256', a))],
    ['sha256(md5)', hex('sha256', hex('md5', a))],
    ['base64(sha256)', b64(hex('sha256', a))],
    ['sha256(base64)', hex('sha256', b64(a))],
  ]);
  // MurmurHash has no node reference: its forms come from the implementation the vectors in
  // leaks-murmur.test.ts check; here only their search is under test.
  for (const f of checksumForms(Buffer.from(a))) if (f.encoding.startsWith('murmur') && !m.has(f.encoding)) m.set(f.encoding, f.value);
  for (const alg of ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']) {
    m.set(alg, hex(alg, a));
    m.set(`${alg}-base64`, b64(raw(alg, a)));
    m.set(`${alg}-base64url`, b64url(raw(alg, a)));
  }
  return m;
}

type Position = 'query' | 'path' | 'fragment' | 'tilde-token' | 'nested';

function place(value: string, position: Position): { url: string; location: string } {
  switch (position) {
    case 'query':
      return { url: `https://t.example/o.gif?a=1&k=${value}&z=2`, location: 'param:k' };
    case 'path':
      return { url: `https://t.example/a/${value}/p.gif`, location: 'path:1' };
    case 'fragment':
      return { url: `https://t.example/p#${value}`, location: 'fragment' };
    case 'tilde-token':
      return { url: `https://t.example/q/Zq~${value}~Qz`, location: 'path:1' };
    case 'nested':
      return {
        url: `https://c.example/r?url=${encodeURIComponent(`https://d.example/?k=${value}`)}`,
        location: 'param:url>param:k',
      };
  }
}

describe('findLeaks: any address, any encoding, any position', () => {
  const positions: Position[] = ['query', 'path', 'fragment', 'tilde-token', 'nested'];

  it('finds encoded forms with their encoding name', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.nat(), fc.constantFrom(...positions), fc.boolean(), (address, pick, position, upper) => {
        const all = encodingsOf(address);
        const names = [...all.keys()];
        const name = names[pick % names.length] ?? 'md5';
        let value = all.get(name) ?? '';
        if (/^[0-9a-f]+$/.test(value) && upper) value = value.toUpperCase();
        // Several names can share one string (base64url = base64 when no + or /): any of them counts.
        const same = (n: string): boolean => {
          const v = (all.get(n) ?? '').replace(/=+$/, '');
          return v === value.replace(/=+$/, '') || (/^[0-9a-f]+$/.test(v) && v === value.toLowerCase());
        };
        const accepted = names.filter(same);
        const { url, location } = place(encodeURIComponent(value), position);
        const found = findLeaks(parseUrl(url) ?? fail(), buildNeedles([address]));
        const here = found.filter((l) => l.location === location || l.location === `${location}/base64`);
        // a percent-encoded address is reported plain, with the rounds beside it
        const reported = here.map((l) => ((l.percentEncoded ?? 0) > 0 ? 'percent-encoded' : l.encoding));
        expect(reported.filter((e) => accepted.includes(e))).not.toEqual([]);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('finds the plain address wherever the URL keeps it readable', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.constantFrom(...positions), (address, position) => {
        // Characters that would end the value are written percent-encoded, as a sender must.
        const breaks = /[#&/?%~]/.test(address);
        const { url, location } = place(breaks ? encodeURIComponent(address) : address, position);
        const parsed = parseUrl(url) ?? fail();
        const inner = position === 'nested' ? (parseUrl(`https://d.example/?k=${breaks ? encodeURIComponent(address) : address}`) ?? fail()) : parsed;
        const readable = inner.href.toLowerCase().includes(address.toLowerCase());
        const found = findLeaks(parsed, buildNeedles([address])).filter((l) => l.location === location);
        expect(found.map((l) => `${l.encoding} ${(l.percentEncoded ?? 0) > 0}`)).toContain(readable ? 'plain false' : 'plain true');
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('findLeaks: cost stays linear', () => {
  it('a 200 kB URL is searched in well under a second', () => {
    const many = buildNeedles([ADDRESS, 'second@example.net', 'Third.Person@gmail.com']);
    const chunk = `${b64url(Buffer.from('0123456789abcdef'.repeat(4)))}~${'ab12'.repeat(20)}-`;
    const big = `https://t.example/p/${chunk.repeat(1000)}?a=${encodeURIComponent(chunk.repeat(1000))}`;
    const started = performance.now();
    const leaks = findLeaks(parseUrl(big) ?? fail(), many);
    const ms = performance.now() - started;
    expect(leaks).toEqual([]);
    expect(ms).toBeLessThan(1500);
  });
});

function fail(): never {
  throw new Error('unexpected null');
}
