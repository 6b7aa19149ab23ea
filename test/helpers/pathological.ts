/**
 * Inputs built to make a super-linear algorithm show: long repeats of separators, escapes and
 * unclosed constructs, each at a size `n`. test/limits-regex.test.ts checks that every one gives a
 * well-formed result; `npm run bench` (bench/pathological.ts) measures the CPU time of each at two
 * sizes, and against a benign input of the same size, since a shared test machine makes wall-clock
 * assertions meaningless.
 */
import { identifierShape, looksLikeUrl } from '../../src/classify/identifiers.js';
import { sameVendor } from '../../src/eval/score.js';
import { parseCssLength, parseDimensionAttribute } from '../../src/html/size.js';
import { compileSelector } from '../../src/html/selectors.js';
import { parseMetaRefresh } from '../../src/html/urls.js';
import { findLeaks } from '../../src/leaks/find.js';
import { buildNeedles } from '../../src/leaks/needles.js';
import { decodeBase64, decodeCharset } from '../../src/mime/decode.js';
import { dkimDomains, listUnsubscribeTargets } from '../../src/mime/headers.js';
import { parseUrl, type ParsedUrl } from '../../src/url/parse.js';
import { createDomainCache, senderDomains } from '../../src/url/party.js';

/** A function that uses regexes, on an input of about `n` characters. */
export interface FunctionCase {
  readonly name: string;
  readonly size: number;
  readonly run: (n: number) => unknown;
  /** The same function on ordinary input of the same size, for the benchmark's ratio. */
  readonly benign: (n: number) => unknown;
}

const N = 100_000;
const words = (n: number): string => 'plain words '.repeat(Math.ceil(n / 12)).slice(0, n);

/**
 * The functions that use regexes, on pathological input.
 *
 * @example
 * for (const c of PATHOLOGICAL_FUNCTIONS) c.run(c.size);
 */
export const PATHOLOGICAL_FUNCTIONS: readonly FunctionCase[] = [
  { name: 'identifierShape', size: N, run: (n) => identifierShape(`${'a-'.repeat(n / 2)}!`), benign: (n) => identifierShape(words(n)) },
  { name: 'looksLikeUrl', size: N, run: (n) => looksLikeUrl(`${'http:/'.repeat(n / 6)}`), benign: (n) => looksLikeUrl(words(n)) },
  { name: 'parseCssLength', size: N, run: (n) => parseCssLength(`0${'a'.repeat(n)}1`), benign: (n) => parseCssLength(`${'1'.repeat(n)}px`) },
  { name: 'parseDimensionAttribute', size: N, run: (n) => parseDimensionAttribute(`${'1'.repeat(n)}x`), benign: (n) => parseDimensionAttribute(words(n)) },
  { name: 'compileSelector', size: N, run: (n) => compileSelector(`${'a  '.repeat(n / 3)}>`), benign: (n) => compileSelector(`.${'a'.repeat(n)}`) },
  { name: 'parseMetaRefresh', size: N, run: (n) => parseMetaRefresh(`${'1.'.repeat(n / 2)};url=x`), benign: (n) => parseMetaRefresh(`0;url=${'a'.repeat(n)}`) },
  {
    name: 'decodeBase64',
    size: N,
    run: (n) => decodeBase64(Buffer.from(`${'QUJD'.repeat(n / 4)}${'= '.repeat(n / 2)}!`)),
    benign: (n) => decodeBase64(Buffer.from('QUJD'.repeat(n / 2))),
  },
  { name: 'decodeCharset', size: N, run: (n) => decodeCharset(Buffer.from('abc'), `${'-_'.repeat(n / 2)}x`), benign: (n) => decodeCharset(Buffer.from('abc'), 'x'.repeat(n)) },
  {
    name: 'listUnsubscribeTargets',
    size: N,
    run: (n) => listUnsubscribeTargets([`<${' '.repeat(n)}`, `mailto:a@b${' x'.repeat(n / 2)}\u2028`]),
    benign: (n) => listUnsubscribeTargets([`<https://x.example/${'a'.repeat(n)}>`]),
  },
  { name: 'dkimDomains', size: N, run: (n) => dkimDomains([`d=${' '.repeat(n)};`.repeat(3)]), benign: (n) => dkimDomains([`d=${'a'.repeat(n)}.example;`]) },
  {
    name: 'senderDomains',
    size: N,
    run: (n) => senderDomains({ from: `a@b${' x'.repeat(n / 2)}\u2028y`, listUnsubscribe: [`mailto:a@b${' >'.repeat(n / 2)}\n`] }, createDomainCache()),
    benign: (n) => senderDomains({ from: `a@${'b'.repeat(n)}.example`, listUnsubscribe: [] }, createDomainCache()),
  },
  { name: 'sameVendor', size: N, run: (n) => sameVendor(`(${'domain '.repeat(n / 7)}`, 'x'), benign: (n) => sameVendor(words(n), 'x') },
  {
    name: 'findLeaks',
    size: N,
    run: (n) => {
      const url = parseUrl(`https://t.example/${'%5Cu00'.repeat(n / 6)}?e=${'\\u0040'.repeat(n / 6)}`);
      return url === null ? null : findLeaks(url, buildNeedles(['me@mail.example']));
    },
    benign: (n) => {
      const url = parseUrl(`https://t.example/${'a'.repeat(n / 2)}?e=${'b'.repeat(n / 2)}`);
      return url === null ? null : findLeaks(url, buildNeedles(['me@mail.example']));
    },
  },
];

/** A URL for the whole catalogue, at a size. */
export interface UrlCase {
  readonly name: string;
  readonly size: number;
  readonly url: (n: number) => ParsedUrl | null;
}

/**
 * URLs of repeated separators and escapes, about 200 KB each (hosts stay within DNS's 253
 * characters: longer ones never reach the catalogue).
 *
 * @example
 * PATHOLOGICAL_URLS[0]?.url(20_000);
 */
export const PATHOLOGICAL_URLS: readonly UrlCase[] = [
  { name: 'escaped query', size: 20_000, url: (n) => parseUrl(`https://a.b.c.${'x.'.repeat(115)}list-manage.com/track/open.php?u=${'%25'.repeat(n)}`) },
  { name: 'dot separators', size: 10_000, url: (n) => parseUrl(`https://${'a-'.repeat(120)}.appspot.com/${'-dot-'.repeat(n)}`) },
  { name: 'separator query', size: 50_000, url: (n) => parseUrl(`https://sendgrid.net/wf/open?upn=${'-_'.repeat(n)}`) },
  { name: 'many parameters', size: 25_000, url: (n) => parseUrl(`https://www.google-analytics.com/collect?${'v=1&'.repeat(n)}`) },
  { name: 'many segments', size: 50_000, url: (n) => parseUrl(`https://unknown.example/${'a/'.repeat(n)}o.gif#${'#'.repeat(1_000)}`) },
];

/** An HTML document of about `n` bytes. */
export interface DocumentCase {
  readonly name: string;
  readonly size: number;
  readonly html: (n: number) => string;
}

/**
 * Documents of about 1 MB of pathological repeats.
 *
 * @example
 * scanHtml(PATHOLOGICAL_DOCUMENTS[0]!.html(1_000_000));
 */
export const PATHOLOGICAL_DOCUMENTS: readonly DocumentCase[] = [
  { name: 'percent signs in an image URL', size: 1_000_000, html: (n) => `<img src="https://t.example/${'%'.repeat(n)}" width=1 height=1>` },
  { name: 'unclosed formatting tags', size: 1_000_000, html: (n) => `${'<b><p>'.repeat(n / 6)}` },
  { name: 'repeated inline backgrounds', size: 1_000_000, html: (n) => `<div style="${'background:url(x);'.repeat(n / 18)}"></div>` },
  { name: 'entities', size: 1_000_000, html: (n) => `${'&amp;'.repeat(n / 5)}` },
  // Last: css-tree's parser keeps its token buffers at the largest size it has seen and clears
  // them whole on every parse, so after 1 MB of CSS each small parse in the process costs about
  // 1 ms (see bench/pathological.ts, "after a 1 MB stylesheet").
  { name: 'nested @media rules', size: 1_000_000, html: (n) => `<style>${'@media print{'.repeat(n / 13)}</style>` },
];

/** A raw message of about `n` bytes. */
export interface MessageCase {
  readonly name: string;
  readonly size: number;
  readonly raw: (n: number) => string;
}

/**
 * Messages of about 1 MB: a header block and a junk base64 body.
 *
 * @example
 * await scanEml(PATHOLOGICAL_MESSAGES[0]!.raw(1_000_000));
 */
export const PATHOLOGICAL_MESSAGES: readonly MessageCase[] = [
  {
    name: 'a 1 MB header block',
    size: 1_000_000,
    raw: (n) => `X-Long: ${'a '.repeat(n / 2)}\r\nFrom: a@b${' x'.repeat(n / 20)}\r\nContent-Type: text/html\r\n\r\n<p>hi</p>`,
  },
  { name: 'a 1 MB base64 body of junk', size: 1_000_000, raw: (n) => `Content-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n${'QUJD!'.repeat(n / 5)}` },
];
