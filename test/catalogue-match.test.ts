import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileCatalogue } from '../src/catalogue/compile.js';
import { asUrl, decodeBase64, embeddedUrl, fillStars } from '../src/catalogue/destination.js';
import { collapseDigits, compilePath, globMatch, hostPatternMatch, isGlobHost, pathMatch, splitFirstLabel } from '../src/catalogue/pattern.js';
import { hostProblem } from '../src/catalogue/validate.js';
import type { CatalogueIndex, VendorEntry } from '../src/catalogue/types.js';
import { parseUrl, type ParsedUrl } from '../src/url/parse.js';

const msg = { en: 'Sent to Acme.', fr: 'Envoyé à Acme.' };

/** A tiny reference catalogue on reserved domains: the engine is tested without real vendors. */
const REFERENCE: readonly VendorEntry[] = [
  {
    id: 'acme-mail', name: 'Acme Mail', company: 'Acme', category: 'esp', website: 'https://acme.example/',
    hosts: ['acme-mail.example', 'cmail#.example'], identifierParams: ['rid'], trackingParams: ['acme_eid'],
    sources: ['https://acme.example/docs'],
    rules: [
      { id: 'open', kind: 'open-pixel', path: '/t/*/o.gif', params: { u: '*' }, anyHost: true, identifierParams: ['u'],
        flags: [{ code: 'acme-no-consent', when: [{ absent: 'c' }, { notEquals: ['npa', '1'] }], message: msg }],
        leakFlag: { code: 'acme-address-leak', message: msg }, source: 's', examples: { hit: [] } },
      { id: 'click', kind: 'click-redirect', path: '/l/**', destination: { type: 'param', name: 'url' }, source: 's', examples: { hit: [] } },
      { id: 'b64', kind: 'click-redirect', path: '/b/*', destination: { type: 'path-segment', index: -1, encoding: 'base64' }, source: 's', examples: { hit: [] } },
      { id: 'cname', kind: 'click-redirect', path: '/r/go', params: { id: 'h*' }, anyHost: true, firstLabels: ['t', 'url#'], source: 's', examples: { hit: [] } },
    ],
  },
  {
    id: 'beta-stats', name: 'Beta Stats', company: 'Beta', category: 'analytics', website: 'https://beta.example/',
    hosts: [], sources: ['s'],
    rules: [
      { id: 'hit', kind: 'beacon', path: '/collect', params: { tid: 'B-*' }, hosts: ['shared.example'], source: 's', examples: { hit: [] } },
      { id: 'bare', kind: 'beacon', path: '/d', params: { 'o0*': '' }, anyHost: true, source: 's', examples: { hit: [] } },
    ],
  },
  {
    id: 'gamma-wrap', name: 'Gamma Wrapper', company: 'Gamma', category: 'link-shortener', website: 'https://gamma.example/',
    hosts: [], sources: ['s'],
    rules: [
      { id: 'proxy', kind: 'click-redirect', path: '/proxy/**', hosts: ['proxy.gamma.example'], wrapper: true, destination: { type: 'fragment' }, source: 's', examples: { hit: [] } },
      { id: 'url', kind: 'click-redirect', path: '/url', hosts: ['gamma.example'], destination: { type: 'param', name: 'q' }, source: 's', examples: { hit: [] } },
      { id: 'dash', kind: 'click-redirect', path: '/v2/url', hosts: ['gate.gamma.example'], wrapper: true, destination: { type: 'param-dash-hex', name: 'u' }, source: 's', examples: { hit: [] } },
      { id: 'starred', kind: 'click-redirect', path: '/v3/**', hosts: ['gate.gamma.example'], wrapper: true, destination: { type: 'path-rest-starred', prefix: '/v3/__' }, source: 's', examples: { hit: [] } },
    ],
  },
];

const index: CatalogueIndex = compileCatalogue(REFERENCE);
const url = (s: string): ParsedUrl => {
  const u = parseUrl(s);
  if (u === null) throw new Error(`bad test URL ${s}`);
  return u;
};
const look = (s: string) => index.match(url(s));

describe('pattern primitives', () => {
  it.each([
    ['UA-*', 'UA-1-2', true], ['UA-*', 'G-1', false], ['*.gif', 'o.gif', true], ['*.gif', 'o.png', false],
    ['a*b*c', 'axxbyyc', true], ['a*b*c', 'axxbyy', false], ['*', '', true], ['', 'x', false],
  ])('globMatch(%s, %s) = %s', (p, t, want) => expect(globMatch(p, t)).toBe(want));

  it.each([
    ['/track/open.php', ['track', 'open.php'], true], ['/track/open.php/', ['track', 'open.php'], true],
    ['/t/*/o.gif', ['t', 'abc', 'O.GIF'], true], ['/t/*/o.gif', ['t', 'o.gif'], false],
    ['/l/**', ['l'], true], ['/l/**', ['l', 'a', 'b'], true], ['/l/**', ['x'], false], ['/', [], true], ['/', ['a'], false],
  ])('pathMatch(%s, %j) = %s', (p, segs, want) => expect(pathMatch(compilePath(p), segs)).toBe(want));

  it.each([
    ['cmail#.com', 'cmail19.com', true], ['cmail#.com', 'cmail.com', false], ['cmail#.com', 'cmailx1.com', false],
    ['s#.t.en25.com', 's123.t.en25.com', true], ['s#.t.en25.com', 's123.t.en26.com', false],
  ])('hostPatternMatch(%s, %s) = %s', (p, h, want) => expect(hostPatternMatch(p, h)).toBe(want));

  it('collapses digit runs', () => expect(collapseDigits('u12.ct9.example')).toBe('u#.ct#.example'));

  it('globMatch agrees with a naive reference on random input', () => {
    const naive = (p: string, t: string): boolean =>
      p.length === 0 ? t.length === 0 : p[0] === '*' ? naive(p.slice(1), t) || (t.length > 0 && naive(p, t.slice(1))) : t.length > 0 && p[0] === t[0] && naive(p.slice(1), t.slice(1));
    const alpha = fc.string({ unit: fc.constantFrom('a', 'b', '*'), maxLength: 7 });
    fc.assert(fc.property(alpha, fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 8 }), (p, t) => globMatch(p, t) === naive(p, t)), { seed: 42, numRuns: 500 });
  });
});

describe('host lookup', () => {
  it.each([
    ['https://acme-mail.example/t/1/o.gif?u=1', 'acme-mail/open', 'endpoint'],
    ['https://x.y.acme-mail.example/t/1/o.gif?u=1', 'acme-mail/open', 'endpoint'],
    ['https://a.cmail42.example/l/x?url=https%3A%2F%2Fshop.example%2F', 'acme-mail/click', 'endpoint'],
    ['https://acme-mail.example/other', null, 'host'],
    ['https://news.brand.example/t/1/o.gif?u=1', 'acme-mail/open', 'shape'],
    ['https://shared.example/collect?tid=B-1', 'beta-stats/hit', 'endpoint'],
  ])('%s → %s (%s)', (u, ruleId, level) => {
    const m = look(u);
    expect(m?.ruleId ?? null).toBe(ruleId);
    expect(m?.level).toBe(level);
  });

  it.each([
    'https://evil-acme-mail.example/t/1/o.gif',
    'https://acme-mail.example.evil.example/other',
    'https://cmail.example/x',
    'https://shared.example/other',
    'https://news.brand.example/t/1/o.gif',
  ])('%s does not match a host or endpoint', (u) => {
    expect(look(u)?.level ?? null).not.toBe('endpoint');
    expect(look(u)?.level ?? null).not.toBe('host');
  });

  it('a shared (rule-only) host is not a dedicated host', () => expect(look('https://shared.example/')).toBeNull());
});

describe('shape rules', () => {
  it('first labels constrain anyHost rules on unknown hosts only', () => {
    expect(look('https://t.brand.example/r/go?id=h12')?.ruleId).toBe('acme-mail/cname');
    expect(look('https://url123.brand.example/r/go?id=h12')?.ruleId).toBe('acme-mail/cname');
    expect(look('https://www.brand.example/r/go?id=h12')).toBeNull();
    expect(look('https://acme-mail.example/r/go?id=h12')?.level).toBe('endpoint');
  });
  it('key patterns match bare query tokens', () => {
    expect(look('https://news.brand.example/d?o0abc')?.ruleId).toBe('beta-stats/bare');
    expect(look('https://news.brand.example/d?o0abc=1')).toBeNull();
    expect(look('https://news.brand.example/d?page=1')).toBeNull();
  });
  it('endpoint beats host beats shape', () => {
    expect(look('https://acme-mail.example/d?o0abc')?.vendor.id).toBe('acme-mail');
    expect(look('https://acme-mail.example/d?o0abc')?.level).toBe('host');
  });
});

describe('flags, identifiers and tracking params', () => {
  it('raises flags whose conditions all hold', () => {
    expect(look('https://acme-mail.example/t/1/o.gif?u=1')?.flags.map((f) => f.code)).toEqual(['acme-no-consent']);
    expect(look('https://acme-mail.example/t/1/o.gif?u=1&c=1')?.flags).toEqual([]);
    expect(look('https://acme-mail.example/t/1/o.gif?u=1&npa=1')?.flags).toEqual([]);
    expect(look('https://acme-mail.example/t/1/o.gif?u=1&npa=0')?.flags).toHaveLength(1);
  });
  it('merges vendor and rule identifier params and carries the leak flag', () => {
    const m = look('https://acme-mail.example/t/1/o.gif?u=1');
    expect(m?.identifierParams).toEqual(['rid', 'u']);
    expect(m?.leakFlag?.code).toBe('acme-address-leak');
    expect(look('https://acme-mail.example/zzz')?.leakFlag).toBeNull();
  });
  it('finds vendors by tracking parameter', () => {
    expect(index.trackingParamVendors('acme_eid').map((v) => v.id)).toEqual(['acme-mail']);
    expect(index.trackingParamVendors('nope')).toEqual([]);
  });
});

describe('destinations', () => {
  it.each([
    ['https://acme-mail.example/l/1?url=https%3A%2F%2Fshop.example%2Fa', 'https://shop.example/a'],
    ['https://acme-mail.example/l/1?url=https%253A%252F%252Fshop.example%252Fa', 'https://shop.example/a'],
    ['https://acme-mail.example/l/1?url=shop.example%2Fa', 'https://shop.example/a'],
    ['https://acme-mail.example/b/aHR0cHM6Ly9zaG9wLmV4YW1wbGUvYQ', 'https://shop.example/a'],
    ['https://acme-mail.example/l/1?url=not%20a%20url', null],
  ])('%s → %s', (u, dest) => expect(look(u)?.destination ?? null).toBe(dest));

  it('unwraps nested redirects recursively', () => {
    const inner = `https://acme-mail.example/l/1?url=${encodeURIComponent('https://shop.example/final')}`;
    const outer = `https://gamma.example/url?q=${encodeURIComponent(inner)}`;
    expect(look(outer)?.destination).toBe('https://shop.example/final');
  });

  it('stops after the maximum depth on a redirect loop', () => {
    let u = 'https://shop.example/end';
    for (let i = 0; i < 20; i += 1) u = `https://acme-mail.example/l/${i}?url=${encodeURIComponent(u)}`;
    expect(look(u)?.destination).toMatch(/^https:\/\/acme-mail\.example\/l\//);
  });

  it('looks through wrapper rules to the wrapped URL', () => {
    const m = look('https://proxy.gamma.example/proxy/abc=s0-d-e1-ft#https://acme-mail.example/t/9/o.gif?u=1');
    expect(m?.ruleId).toBe('acme-mail/open');
    expect(look('https://proxy.gamma.example/proxy/abc#https://plain.example/logo.png')).toBeNull();
    expect(index.matchDirect(url('https://proxy.gamma.example/proxy/abc#https://plain.example/logo.png'))?.ruleId).toBe('gamma-wrap/proxy');
  });

  it.each([
    // -XX for %XX, _ for /; a literal - or _ of the destination is itself written -2D / -5F.
    ['https://gate.gamma.example/v2/url?u=https-3A__shop.example_a-2Db-5Fc-3Fid-3D1&d=x', 'https://shop.example/a-b_c?id=1'],
    // * takes the next character of the base64url text after __; (here "#%%%%"); **C is a run of 4.
    ['https://gate.gamma.example/v3/__https://shop.example/a*b**Cc__;IyUlJSU!!org!sig$', 'https://shop.example/a#b%%%%c'],
    // A replaced non-ASCII character is one star: the fill is read in code points ("é#").
    ['https://gate.gamma.example/v3/__https://shop.example/caf**Aq__;w6kj!!org!sig$', 'https://shop.example/caf%C3%A9#q'],
    ['https://gate.gamma.example/v3/__https://shop.example/p?a=1&b=2__;!!org!sig$', 'https://shop.example/p?a=1&b=2'],
    ['https://gate.gamma.example/v3/__https://shop.example/x*y__;!!org!sig$', 'https://shop.example/x*y'],
    ['https://gate.gamma.example/v3/__https://shop.example/no-token', 'https://shop.example/no-token'],
    ['https://gate.gamma.example/v3/other/path', null],
  ])('gateway rewriting %s → %s', (u, dest) => expect(index.matchDirect(url(u))?.destination ?? null).toBe(dest));

  it('looks through gateway rewritings to the tracker they wrap', () => {
    expect(look('https://gate.gamma.example/v2/url?u=https-3A__acme-2Dmail.example_t_9_o.gif-3Fu-3D1&d=x')?.ruleId).toBe('acme-mail/open');
    expect(look('https://gate.gamma.example/v3/__https://acme-mail.example/t/9/o.gif?u=1__;!!o!s$')?.ruleId).toBe('acme-mail/open');
  });

  it('fills stars in order and leaves the rest alone', () => {
    expect(fillStars('a*b**Ac', ['1', '2', '3'])).toBe('a1b23c');
    expect(fillStars('a*b*', ['1'])).toBe('a1b*');
    expect(fillStars('**', ['1', '2'])).toBe('12');
    expect(fillStars('x**~y', ['1', '2'])).toBe('x1y');
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string({ maxLength: 1 })), (text, fill) => {
        const out = fillStars(text, fill);
        return out.length <= text.length + fill.join('').length;
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('decodes base64, schemeless and embedded URLs', () => {
    expect(decodeBase64('aHR0cHM6Ly9leGFtcGxlLmNvbS8')).toBe('https://example.com/');
    expect(decodeBase64('!!')).toBeNull();
    expect(decodeBase64('aHR0cHM6Ly9leGFtcGxlLmNvbS8~~')).toBe('https://example.com/');
    expect(embeddedUrl('{"p":"{\\"url\\":\\"https:\\\\\\/\\\\\\/shop.example\\\\\\/a\\"}"}')).toBe('https://shop.example/a');
    expect(embeddedUrl('\u0000\u0001Hhttps://shop.example/a\u001a\u0003spc')).toBe('https://shop.example/a');
    expect(asUrl('//cdn.example/x')).toBe('https://cdn.example/x');
    expect(embeddedUrl('{"url":"https:\\/\\/shop.example\\/a"}')).toBe('https://shop.example/a');
  });
});

describe('glob first label (App Engine style hosts)', () => {
  const globIndex = compileCatalogue([
    {
      id: 'delta-merge', name: 'Delta Merge', company: 'Delta', category: 'sales-tracker', website: 'https://delta.example/',
      hosts: ['*-dot-delta-track.appspot.example', 'delta-track.appspot.example'], sources: ['s'],
      rules: [{ id: 'go', kind: 'click-redirect', path: '/Redirect', destination: { type: 'param', name: 'link' }, source: 's', examples: { hit: [] } }],
    },
    {
      id: 'epsilon-other', name: 'Epsilon Other', company: 'E', category: 'esp', website: 'https://e.example/',
      hosts: ['other-app.appspot.example'], sources: ['s'], rules: [],
    },
  ]);
  const g = (s: string) => globIndex.match(url(s));

  it.each([
    ['https://yj2-dot-delta-track.appspot.example/Redirect?link=https%3A%2F%2Fshop.example%2F', 'delta-merge', 'endpoint'],
    ['https://a.b-dot-delta-track.appspot.example/x', 'delta-merge', 'host'],
    ['https://delta-track.appspot.example/x', 'delta-merge', 'host'],
    ['https://other-app.appspot.example/x', 'epsilon-other', 'host'],
    ['https://delta-track-dot-evil.appspot.example/x', null, null],
    ['https://yj2-delta-track.appspot.example/x', null, null],
    ['https://yj2-dot-delta-track.appspot.example.evil.example/x', null, null],
    ['https://appspot.example/x', null, null],
  ])('%s → %s (%s)', (u, vendor, level) => {
    expect(g(u)?.vendor.id ?? null).toBe(vendor);
    expect(g(u)?.level ?? null).toBe(level);
  });

  it('recovers the destination on a glob host', () => {
    expect(g('https://yj2-dot-delta-track.appspot.example/Redirect?link=https%3A%2F%2Fshop.example%2F')?.destination).toBe('https://shop.example/');
  });

  it('splits and recognises glob patterns', () => {
    expect(isGlobHost('*-dot-delta-track.appspot.example')).toBe(true);
    expect(isGlobHost('delta-track.appspot.example')).toBe(false);
    expect(isGlobHost('a.*.example')).toBe(false);
    expect(splitFirstLabel('a.b.example')).toEqual(['a', 'b.example']);
    expect(splitFirstLabel('example')).toBeNull();
  });

  it.each([
    ['*-dot-delta-track.appspot.example', null],
    ['*.example', 'glob'],
    ['*.appspot.example', 'glob'],
    ['*a*.appspot.example', 'glob'],
    ['x.*-dot-a.example', 'not lower-case'],
    ['*-dot-a.app#.example', 'glob'],
  ])('hostProblem(%s) mentions %s', (h, want) => {
    const p = hostProblem(h);
    if (want === null) expect(p).toBeNull();
    else expect(p ?? '').toContain(want);
  });
});
