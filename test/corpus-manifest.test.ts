/**
 * The labelled corpus manifest (test/corpus/sources/*.json) is checked in CI without the emails:
 * schema and types, kinds, non-empty label URLs, unique restored file names and sha256, one split
 * per repository, no reserved repository, no email of the dev corpus. The table below proves each
 * check fires on a broken entry.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { checkCorpusSources, type SourceText } from './helpers/corpus-sources.js';
// @ts-expect-error -- plain .mjs helper of restore.mjs, no type declarations
import { isMboxPath, mboxMember } from './corpus/mbox-member.mjs';

const SOURCES = join(import.meta.dirname, 'corpus', 'sources');
const DEV_MANIFEST = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'real', 'manifest.json');

function readSources(): SourceText[] {
  if (!existsSync(SOURCES)) return [];
  return readdirSync(SOURCES)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(SOURCES, name), 'utf8') }));
}

function devSha256(): Set<string> {
  if (!existsSync(DEV_MANIFEST)) return new Set();
  const doc = JSON.parse(readFileSync(DEV_MANIFEST, 'utf8')) as { emails?: Array<{ sha256?: unknown }> };
  return new Set((doc.emails ?? []).map((e) => e.sha256).filter((s): s is string => typeof s === 'string'));
}

describe('corpus manifest (real sources)', () => {
  const files = readSources();
  const { problems, totals } = checkCorpusSources(files, devSha256());

  it('has source files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it('every source file is sound', () => {
    expect(problems).toEqual([]);
  });

  it('has both splits and reports their totals', () => {
    for (const [split, t] of Object.entries(totals)) {
      // Shown in the test log so a reviewer sees the balance of the halves.
      console.info(`corpus ${split}: ${t.repos} repositories, ${t.emails} emails, ${t.clean} clean, labels ${JSON.stringify(t.labels)}, optional ${t.optionalLabels}, leaks ${t.leaks}`);
    }
    expect(totals.tune.emails).toBeGreaterThan(0);
    expect(totals.heldout.emails).toBeGreaterThan(0);
  });

  it('lists at least 820 real emails from 120 repositories, each half with at least 360 and with clean mail', () => {
    // Issue 11: too few emails let rules fit the corpus instead of the vendors' URL grammar.
    // Floors at the level reached (826 emails, 120 repositories), so a lost source file fails.
    expect(totals.tune.emails + totals.heldout.emails).toBeGreaterThanOrEqual(820);
    expect(totals.tune.repos + totals.heldout.repos).toBeGreaterThanOrEqual(120);
    for (const t of [totals.tune, totals.heldout]) {
      expect(t.emails).toBeGreaterThanOrEqual(360);
      expect(t.clean).toBeGreaterThanOrEqual(190);
    }
  });
});

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

function email(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    file: 'own__repo__001.eml', path: 'mail/one.eml', sha256: SHA_A, sizeBytes: 10, format: 'eml',
    recipient: 'me@mail.example', leakCheckAddress: null, language: 'en', senderDomain: 'shop.example',
    category: 'newsletter', hasTrackers: true,
    trackers: [{ url: 'shop.example/wf/open?upn=', kind: 'open-pixel', vendor: 'SendGrid', leaksEmail: null, optional: false, evidence: '1x1' }],
    otherLeaks: [], notes: '', ...over,
  };
}

function source(over: Record<string, unknown> = {}, emails: unknown[] = [email()]): Record<string, unknown> {
  return { repo: 'own/repo', commit: 'c'.repeat(40), split: 'tune', license: null, emails, ...over };
}

function file(doc: unknown, name = 'own__repo.json'): SourceText {
  return { name, text: typeof doc === 'string' ? doc : JSON.stringify(doc) };
}

describe('corpus manifest checks fire on broken entries', () => {
  it('accepts a sound minimal source', () => {
    expect(checkCorpusSources([file(source())], new Set()).problems).toEqual([]);
  });

  const cases: Array<{ name: string; files: SourceText[]; dev?: string[]; expect: RegExp }> = [
    { name: 'invalid JSON', files: [file('{ nope')], expect: /not JSON/ },
    { name: 'short commit', files: [file(source({ commit: 'abc123' }))], expect: /commit must be 40/ },
    { name: 'unknown split', files: [file(source({ split: 'dev' }))], expect: /split must be/ },
    { name: 'repo not owner/name', files: [file(source({ repo: 'nope' }), 'nope.json')], expect: /repo must be owner\/name/ },
    { name: 'file name not derived from repo', files: [file(source(), 'other.json')], expect: /file name must be own__repo\.json/ },
    { name: 'reserved repository', files: [file(source({ repo: 'apache/spamassassin' }), 'apache__spamassassin.json')], expect: /reserved/ },
    { name: 'reserved organisation', files: [file(source({ repo: 'linux-mailinglist-archives/x' }), 'linux-mailinglist-archives__x.json')], expect: /reserved/ },
    { name: 'no emails', files: [file(source({}, []))], expect: /non-empty array/ },
    { name: 'unknown kind', files: [file(source({}, [email({ trackers: [{ url: 'x.example/o', kind: 'pixel', vendor: null, leaksEmail: null, optional: false }] })]))], expect: /unknown kind/ },
    { name: 'empty label url', files: [file(source({}, [email({ trackers: [{ url: ' ', kind: 'beacon', vendor: null, leaksEmail: null, optional: false }] })]))], expect: /url must be a non-empty/ },
    { name: 'optional not boolean', files: [file(source({}, [email({ trackers: [{ url: 'x.example/o', kind: 'beacon', vendor: null, leaksEmail: null, optional: 'no' }] })]))], expect: /optional must be a boolean/ },
    { name: 'duplicate label', files: [file(source({}, [email({ trackers: [0, 1].map(() => ({ url: 'x.example/o', kind: 'beacon', vendor: null, leaksEmail: null, optional: false })) })]))], expect: /duplicate label/ },
    { name: 'hasTrackers disagrees', files: [file(source({}, [email({ hasTrackers: false })]))], expect: /hasTrackers must be true/ },
    { name: 'bad sha256', files: [file(source({}, [email({ sha256: 'XYZ' })]))], expect: /sha256 must be 64/ },
    { name: 'bad size', files: [file(source({}, [email({ sizeBytes: 0 })]))], expect: /sizeBytes/ },
    { name: 'unknown category', files: [file(source({}, [email({ category: 'promo' })]))], expect: /unknown category/ },
    { name: 'file with a path separator', files: [file(source({}, [email({ file: '../x.eml' })]))], expect: /plain \.eml\/\.html file name/ },
    { name: 'extension and format disagree', files: [file(source({}, [email({ format: 'html' })]))], expect: /extension does not match/ },
    { name: 'recipient not an address', files: [file(source({}, [email({ recipient: 'nobody' })]))], expect: /recipient is not an address/ },
    { name: 'otherLeaks entry without encoding', files: [file(source({}, [email({ otherLeaks: [{ url: 'x.example/?e=a' }] })]))], expect: /needs url and leaksEmail/ },
    {
      name: 'same file name in two sources',
      files: [file(source()), file(source({ repo: 'own/other' }, [email({ sha256: SHA_B })]), 'own__other.json')],
      expect: /also used by/,
    },
    {
      name: 'same bytes in two sources',
      files: [file(source()), file(source({ repo: 'own/other' }, [email({ file: 'own__other__001.eml' })]), 'own__other.json')],
      expect: /same bytes/,
    },
    {
      name: 'one repository in two source files',
      files: [file(source()), file(source({ repo: 'OWN/repo', split: 'heldout' }, [email({ file: 'b.eml', sha256: SHA_B })]), 'OWN__repo.json')],
      expect: /one split per repository/,
    },
    { name: 'email of the dev corpus', files: [file(source())], dev: [SHA_A], expect: /dev corpus/ },
    { name: 'member without an index', files: [file(source({}, [email({ path: 'x.mbox.gz', member: { containerSha256: SHA_B } })]))], expect: /member\.index/ },
    { name: 'member with a bad mailbox hash', files: [file(source({}, [email({ path: 'x.mbox', member: { index: 0, containerSha256: 'nope' } })]))], expect: /containerSha256/ },
    { name: 'member of a file that is no mailbox', files: [file(source({}, [email({ member: { index: 0, containerSha256: SHA_B } })]))], expect: /\.mbox or \.mbox\.gz/ },
  ];

  it.each(cases)('$name', ({ files, dev, expect: re }) => {
    const { problems } = checkCorpusSources(files, new Set(dev ?? []));
    expect(problems.some((p) => re.test(p)), problems.join('\n')).toBe(true);
  });

  it('accepts a member of a mailbox', () => {
    const member = email({ path: 'exports/2019.mbox.gz', member: { index: 3, containerSha256: SHA_B } });
    expect(checkCorpusSources([file(source({}, [member]))], new Set()).problems).toEqual([]);
  });

  it('counts clean mails, labels and leaks per split', () => {
    const clean = email({ file: 'c.eml', sha256: SHA_B, hasTrackers: false, trackers: [], otherLeaks: [{ url: 'x.example/?e=me%40mail.example', leaksEmail: 'plain' }] });
    const { totals } = checkCorpusSources([file(source({ split: 'heldout' }, [email(), clean]))], new Set());
    expect(totals.heldout).toMatchObject({ repos: 1, emails: 2, clean: 1, labels: { 'open-pixel': 1 }, leaks: 1 });
    expect(totals.tune.emails).toBe(0);
  });
});

describe('mbox members are cut out byte for byte', () => {
  const one = 'X-GM-THRID: 1\r\nSubject: one\r\n\r\n>From the start\r\nbody\r\n\r\n';
  const two = 'Subject: two\r\n\r\nA mid-line From stays in the body\r\n';
  const mbox = Buffer.from(`From 1@xxx Mon Oct 28 14:10:16 +0000 2019\r\n${one}From 2@xxx Mon Oct 28 18:47:16 +0000 2019\r\n${two}`, 'latin1');
  const cut = (bytes: Buffer, index: number, gzip: boolean): Buffer | null => mboxMember(bytes, { index, gzip }) as Buffer | null;

  it.each([
    { name: 'first message', index: 0, gzip: false, want: one },
    { name: 'last message', index: 1, gzip: false, want: two },
    { name: 'gzip mailbox', index: 1, gzip: true, want: two },
  ])('$name', ({ index, gzip, want }) => {
    const got = cut(gzip ? gzipSync(mbox) : mbox, index, gzip);
    expect(got?.toString('latin1')).toBe(want);
  });

  it('keeps non-UTF-8 bytes as they are', () => {
    const raw = Buffer.concat([Buffer.from('From a\n'), Buffer.from([0xe9, 0xff, 0x0a])]);
    expect(cut(raw, 0, false)).toEqual(Buffer.from([0xe9, 0xff, 0x0a]));
  });

  it.each([-1, 2, 0.5])('answers null for message %s of a two-message mailbox', (index) => {
    expect(cut(mbox, index, false)).toBeNull();
  });

  it('knows mailbox paths', () => {
    expect([isMboxPath('a/b.mbox'), isMboxPath('a/b.mbox.gz'), isMboxPath('a/b.eml')]).toEqual([true, true, false]);
  });
});
