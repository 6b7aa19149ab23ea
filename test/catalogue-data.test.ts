import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCatalogue } from '../src/catalogue/compile.js';
import { GENERATED_FILE, TRACKERS_DIR, loadTrackers, renderCatalogue } from '../src/catalogue/generate.js';
import { defaultCatalogue } from '../src/catalogue/index.js';
import type { VendorEntry } from '../src/catalogue/types.js';
import { validateEntry } from '../src/catalogue/validate.js';
import { crossEntryProblems, exampleProblems, websiteHostProblems } from '../src/catalogue/validate-catalogue.js';
import { parseUrl } from '../src/url/parse.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = { [k: string]: Json };

/** A tiny JSON Schema checker: just the keywords trackers/schema.json uses. */
function schemaProblems(schema: Schema, value: Json | undefined, at: string): string[] {
  const out: string[] = [];
  const isObj = (v: Json | undefined): v is { [k: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Array.isArray(schema['oneOf'])) {
    const ok = schema['oneOf'].filter((s) => isObj(s) && schemaProblems(s, value, at).length === 0).length;
    return ok === 1 ? [] : [`${at}: matches ${ok} of oneOf`];
  }
  const type = schema['type'];
  const typeOk =
    type === undefined ||
    (type === 'object' && isObj(value)) || (type === 'array' && Array.isArray(value)) ||
    (type === 'string' && typeof value === 'string') || (type === 'boolean' && typeof value === 'boolean') ||
    (type === 'integer' && Number.isInteger(value));
  if (!typeOk) return [`${at}: not ${String(type)}`];
  if (Array.isArray(schema['enum']) && (value === undefined || !schema['enum'].includes(value))) out.push(`${at}: not in enum`);
  if ('const' in schema && schema['const'] !== value) out.push(`${at}: not const`);
  if (typeof value === 'string') {
    if (typeof schema['minLength'] === 'number' && value.length < schema['minLength']) out.push(`${at}: too short`);
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) out.push(`${at}: pattern`);
  }
  if (Array.isArray(value)) {
    if (typeof schema['minItems'] === 'number' && value.length < schema['minItems']) out.push(`${at}: too few items`);
    if (typeof schema['maxItems'] === 'number' && value.length > schema['maxItems']) out.push(`${at}: too many items`);
    const items = schema['items'];
    if (isObj(items)) value.forEach((v, i) => out.push(...schemaProblems(items, v, `${at}[${i}]`)));
  }
  if (isObj(value)) {
    const props = isObj(schema['properties']) ? schema['properties'] : {};
    for (const r of Array.isArray(schema['required']) ? schema['required'] : []) if (typeof r === 'string' && !(r in value)) out.push(`${at}: missing ${r}`);
    for (const [k, v] of Object.entries(value)) {
      const sub = props[k];
      if (isObj(sub)) out.push(...schemaProblems(sub, v, `${at}.${k}`));
      else if (schema['additionalProperties'] === false) out.push(`${at}: unknown ${k}`);
      else if (isObj(schema['additionalProperties'])) out.push(...schemaProblems(schema['additionalProperties'], v, `${at}.${k}`));
    }
  }
  return out;
}

const schema = JSON.parse(readFileSync(join(TRACKERS_DIR, 'schema.json'), 'utf8')) as Schema;
const files = readdirSync(TRACKERS_DIR).filter((f) => f.endsWith('.json') && f !== 'schema.json').sort();
const raw = files.map((f) => ({ file: f, id: f.slice(0, -'.json'.length), json: JSON.parse(readFileSync(join(TRACKERS_DIR, f), 'utf8')) as Json }));
const loaded = loadTrackers(TRACKERS_DIR);
const index = compileCatalogue(loaded.entries);
const entryById = new Map(loaded.entries.map((e) => [e.id, e]));

describe.each(raw)('vendor file $file', ({ id, json }) => {
  it('satisfies schema.json', () => expect(schemaProblems(schema, json, id)).toEqual([]));
  it('passes validateEntry (id = file name, lower-case hosts, sources, flags en+fr)', () => expect(validateEntry(json, id)).toEqual([]));
  it('rule examples hit that vendor and rule, misses do not', () => {
    const entry = entryById.get(id);
    expect(entry).toBeDefined();
    if (entry !== undefined) expect(exampleProblems(index, entry)).toEqual([]);
  });
});

describe('whole catalogue', () => {
  it('loads without problems', () => expect(loaded.problems).toEqual([]));
  it('has unique ids and no host claimed by two vendors', () => expect(crossEntryProblems(loaded.entries)).toEqual([]));
  it("never lists a vendor's public website as a dedicated tracking host", () => expect(websiteHostProblems(loaded.entries)).toEqual([]));
  it('gives every vendor, rule and flag a source and bilingual messages', () => {
    for (const e of loaded.entries) {
      expect(e.sources.every((s) => s.trim().length > 0), e.id).toBe(true);
      for (const r of e.rules) {
        expect(r.source.trim().length, `${e.id}/${r.id}`).toBeGreaterThan(0);
        for (const f of [...(r.flags ?? []), ...(r.leakFlag === undefined ? [] : [r.leakFlag])]) {
          expect(f.message.en.length > 0 && (f.message.fr ?? '').length > 0, `${e.id}/${r.id} ${f.code}`).toBe(true);
        }
      }
    }
  });
  it('committed data.generated.ts equals a fresh generation (drift gate)', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(renderCatalogue(loaded.entries));
  });
  it('the default catalogue is built from the generated data', () => {
    expect(defaultCatalogue().entries.map((e: VendorEntry) => e.id)).toEqual(loaded.entries.map((e) => e.id));
  });
});

const match = (u: string) => {
  const p = parseUrl(u);
  return p === null ? null : defaultCatalogue().match(p);
};

describe('label-boundary truth table', () => {
  const mc = '/track/open.php?u=1&id=2&e=3';
  it.each([
    [`https://x.us3.list-manage.com${mc}`, 'mailchimp', 'endpoint'],
    [`https://evil-list-manage.com${mc}`, 'mailchimp', 'shape'],
    [`https://list-manage.com.evil.example${mc}`, 'mailchimp', 'shape'],
    ['https://evil-list-manage.com/', null, null],
    ['https://abc.r.us-east-1.awstrack.me/', 'amazon-ses', 'host'],
    ['https://evil-awstrack.me/', null, null],
    ['https://awstrack.me.evil.example/', null, null],
    ['https://inbox.cmail20.com/t/ViewEmail/x', 'campaign-monitor', 'endpoint'],
    ['https://inbox.cmail.com/t/ViewEmail/x', null, null],
    ['https://www.google-analytics.com.evil.example/', null, null],
    ['https://notgoogle-analytics.com/', null, null],
  ])('%s → %s (%s)', (u, vendor, level) => {
    const m = match(u);
    expect(m?.vendor.id ?? null).toBe(vendor);
    expect(m?.level ?? null).toBe(level);
  });
});

describe('Google Analytics checks as data', () => {
  const codes = (u: string) => match(u)?.flags.map((f) => f.code) ?? [];
  it.each([
    ['https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=1&t=event', ['ga-ip-not-anonymized', 'ga-ads-personalization-allowed']],
    ['https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=1&aip=', ['ga-ads-personalization-allowed']],
    ['https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=1&aip=0&npa=1', []],
    ['https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=1&aip=1&npa=0', ['ga-ads-personalization-allowed']],
    ['https://www.google-analytics.com/__utm.gif?utmac=UA-1-1&utmn=1', ['ga-ip-not-anonymized']],
    ['https://www.google-analytics.com/g/collect?v=2&tid=G-ABC&npa=1', ['ga4-ip-sent-to-google']],
  ])('%s', (u, want) => expect(codes(u)).toEqual(want));

  it('names the identifier params and the address leak flag', () => {
    const m = match('https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=1');
    expect(m?.identifierParams).toEqual(expect.arrayContaining(['cid', 'uid', 'el', 'cd*']));
    expect(m?.leakFlag?.message.fr).toMatch(/Google/);
  });
});

describe('Weborama', () => {
  it.each([
    ['https://client.solution.weborama.fr/fcgi-bin/dispatch.fcgi?a.A=im&a.si=1', 'weborama/impression', 'endpoint'],
    ['https://track.brand.example/fcgi-bin/dispatch.fcgi?a.A=co&a.cid=abc', 'weborama/conversion', 'shape'],
    ['https://client.solution.weborama.fr/js/x.js', null, 'host'],
  ])('%s → %s', (u, ruleId, level) => {
    const m = match(u);
    expect(m?.vendor.id).toBe('weborama');
    expect(m?.ruleId ?? null).toBe(ruleId);
    expect(m?.level).toBe(level);
  });
  it('recovers the click destination and flags address leaks', () => {
    const m = match('https://wcm.solution.weborama.fr/fcgi-bin/dispatch.fcgi?a.A=cl&g.lu=https%3A%2F%2Fshop.example%2F');
    expect(m?.destination).toBe('https://shop.example/');
    expect(m?.leakFlag?.code).toBe('weborama-address-leak');
    expect(m?.identifierParams).toEqual(expect.arrayContaining(['a.cid', 'a.opt']));
  });
});

describe('hostile input', () => {
  it('a 100 KB path of a/ and star-like characters against the whole catalogue completes', () => {
    const path = 'a/*'.repeat(20_000) + '/o.gif';
    const hosts = ['https://x.us3.list-manage.com/', 'https://unknown.example/', 'https://a1.b22.c333.example/'];
    for (const h of hosts) {
      const p = parseUrl(h + path + '?u=' + '*'.repeat(10_000) + '&id=1&e=1');
      expect(p).not.toBeNull();
      if (p !== null) expect(() => defaultCatalogue().match(p)).not.toThrow();
    }
    const seg = parseUrl(`https://unknown.example/track/${'*a'.repeat(50_000)}`);
    if (seg !== null) expect(defaultCatalogue().match(seg)).toBeNull();
  });
});

/** Click rules that say where their destination is, per vendor: at least one hit must yield it. */
const withDestination = loaded.entries
  .map((e) => ({ id: e.id, rules: e.rules.filter((r) => r.kind === 'click-redirect' && r.destination !== undefined) }))
  .filter((v) => v.rules.length > 0);

describe.each(withDestination)('click destination of $id', ({ id, rules }) => {
  it.each(rules.map((r) => [r.id, r] as const))('%s recovers an absolute URL from a hit example', (_ruleId, rule) => {
    const found = rule.examples.hit
      .map((u) => parseUrl(u))
      .map((p) => (p === null ? null : index.matchDirect(p)))
      .filter((m) => m?.vendor.id === id)
      .map((m) => m?.destination ?? null)
      .filter((d): d is string => d !== null);
    expect(found.length, `${id}/${rule.id}`).toBeGreaterThan(0);
    for (const d of found) expect(parseUrl(d), d).not.toBeNull();
  });
});

describe('destinations through real wrappers and nested redirects', () => {
  const enc = encodeURIComponent;
  const sendgridLink = 'https://u123.ct.sendgrid.net/ls/click?upn=u001.abc';
  const sesLink = `https://abcd1234.r.eu-west-1.awstrack.me/L0/${enc('https://shop.example/sale')}/1/0100017a-000000/AbCd=123`;
  const mailjetLink = 'https://abcde.mjt.lu/lnk/AbCdEf/1/AbCd/aHR0cHM6Ly9zaG9wLmV4YW1wbGUvc2FsZQ';
  it.each([
    ['Gmail image proxy → Mailchimp open', 'https://ci3.googleusercontent.com/proxy/AbC=s0-d-e1-ft#https://x.us3.list-manage.com/track/open.php?u=1&id=2&e=3', 'mailchimp', null],
    ['Outlook safe link → SendGrid click', `https://eur01.safelinks.protection.outlook.com/?url=${enc(sendgridLink)}&data=x`, 'sendgrid', null],
    ['Barracuda → Amazon SES click', `https://linkprotect.cudasvc.com/url?a=${enc(sesLink)}&c=E,1,x`, 'amazon-ses', 'https://shop.example/sale'],
    ['Google redirect → Facebook shim → Mailjet', `https://www.google.com/url?q=${enc(`https://l.facebook.com/l.php?u=${enc(mailjetLink)}&h=x`)}&sa=D`, 'mailjet', 'https://shop.example/sale'],
    ['Weborama → double-encoded landing page', `https://wcm.solution.weborama.fr/fcgi-bin/dispatch.fcgi?a.A=cl&g.lu=${enc(enc('https://shop.example/a?b=1'))}`, 'weborama', 'https://shop.example/a?b=1'],
    ['YAMM sender host → link', `https://yj2-dot-yamm-track.appspot.com/Redirect?ukey=x-0&key=YAMMID-1&link=${enc('https://shop.example/')}`, 'yamm', 'https://shop.example/'],
    ['HubSpot Sales → Mailchimp click → nothing further', `https://t.sidekickopen01.com/s1t/c/5/x?si=1&t=${enc('https://x.us3.list-manage.com/track/click?u=1&id=2&e=3')}`, 'hubspot-sales', 'https://x.us3.list-manage.com/track/click?u=1&id=2&e=3'],
  ])('%s', (_name, u, vendor, destination) => {
    const m = match(u);
    expect(m?.vendor.id).toBe(vendor);
    expect(m?.destination ?? null).toBe(destination);
  });
  it('a wrapper around an ordinary link is not a finding', () => {
    expect(match(`https://linkprotect.cudasvc.com/url?a=${enc('https://shop.example/')}&c=x`)).toBeNull();
    expect(match(`https://l.facebook.com/l.php?u=${enc('https://shop.example/')}&h=x`)).toBeNull();
  });
});

describe('examples cover both sides', () => {
  it('every rule lists at least one miss example next to its hits', () => {
    const without = loaded.entries.flatMap((e) => e.rules.filter((r) => (r.examples.miss ?? []).length === 0).map((r) => `${e.id}/${r.id}`));
    expect(without).toEqual([]);
  });
});

describe('website hosts are never dedicated tracking hosts', () => {
  const entry = (id: string, website: string, hosts: string[]): VendorEntry => ({
    id, name: id, company: id, category: 'esp', website, hosts, rules: [], sources: ['s'],
  });
  it.each([
    ['the website itself', [entry('acme', 'https://acme.example/', ['acme.example'])], 1],
    ['the website behind www.', [entry('acme', 'https://www.acme.example/', ['acme.example'])], 1],
    ['a parent domain of the website', [entry('acme', 'https://shortener.acme.example/', ['acme.example'])], 1],
    ["another vendor's website", [entry('acme', 'https://acme.example/', []), entry('other', 'https://other.example/', ['acme.example'])], 1],
    ['a digit-run host pattern covering the website', [entry('acme', 'https://mail20.example/', ['mail#.example'])], 1],
    ['a tracking subdomain beside the website', [entry('acme', 'https://acme.example/', ['t.acme.example', 'acmetrack.example'])], 0],
    ['a look-alike host that is not a label suffix', [entry('acme', 'https://acme.example/', ['cme.example'])], 0],
  ])('%s', (_name, entries, problems) => expect(websiteHostProblems(entries)).toHaveLength(problems));
});
