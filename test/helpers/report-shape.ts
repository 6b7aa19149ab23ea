/**
 * A runtime check of the {@link Report} contract (src/types.ts), for property tests and fuzzing:
 * the compiler checks our code, this checks what the code actually returned.
 */
import type { Report } from '../../src/types.js';

const KINDS = ['open-pixel', 'beacon', 'css-beacon', 'click-redirect'];
const CONFIDENCES = ['certain', 'likely', 'possible'];
const CATEGORIES = [
  'esp', 'analytics', 'ad-tech', 'social', 'data-broker', 'audience-measurement', 'sales-tracker',
  'email-testing', 'link-shortener', 'sender-own', 'host-owner',
];
const SIGNALS = [
  'known-endpoint', 'known-host', 'vendor-path-shape', 'size-1x1', 'size-zero', 'size-tiny', 'no-size',
  'hidden-element', 'hidden-ancestor', 'css-url', 'css-media-print', 'css-media-dark', 'css-media-other',
  'css-import', 'identifier-param', 'identifier-path', 'address-leak', 'tracking-path', 'third-party',
  'redirect-param', 'tracking-params', 'visible-ad',
];
const ERROR_CODES = [
  'invalid-input', 'mime-parse-failed', 'mime-decode-failed', 'unknown-charset', 'no-html-body',
  'html-parse-failed', 'css-parse-failed', 'url-invalid', 'limit-exceeded', 'internal-error',
  'file-read-failed', 'file-unsupported',
];
const VARIANTS = ['normalized', 'as-written', 'gmail-normalized', 'upper'];
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

type Obj = Readonly<Record<string, unknown>>;

class Checker {
  readonly problems: string[] = [];

  fail(path: string, what: string): void {
    if (this.problems.length < 20) this.problems.push(`${path}: ${what}`);
  }

  obj(v: unknown, path: string, keys: readonly string[], optional: readonly string[] = []): Obj | null {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.fail(path, 'not an object');
      return null;
    }
    const o = v as Obj;
    for (const k of keys) if (!(k in o)) this.fail(path, `missing ${k}`);
    for (const k of Object.keys(o)) if (!keys.includes(k) && !optional.includes(k)) this.fail(path, `unexpected field ${k}`);
    return o;
  }

  str(v: unknown, path: string, nullable = false): void {
    if (typeof v === 'string' || (nullable && v === null)) return;
    this.fail(path, `not a string${nullable ? ' or null' : ''}`);
  }

  oneOf(v: unknown, path: string, allowed: readonly string[]): void {
    if (typeof v !== 'string' || !allowed.includes(v)) this.fail(path, `unexpected value ${JSON.stringify(v)}`);
  }

  int(v: unknown, path: string, min: number): void {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) this.fail(path, `not an integer ≥ ${min}`);
  }

  list(v: unknown, path: string, each: (item: unknown, path: string) => void): void {
    if (!Array.isArray(v)) {
      this.fail(path, 'not an array');
      return;
    }
    v.forEach((item, i) => each(item, `${path}[${i}]`));
  }

  vendor(v: unknown, path: string): void {
    if (v === null) return;
    const o = this.obj(v, path, ['id', 'name', 'category']);
    if (o === null) return;
    this.str(o.id, `${path}.id`);
    this.str(o.name, `${path}.name`);
    this.oneOf(o.category, `${path}.category`, CATEGORIES);
  }

  leak(v: unknown, path: string): void {
    const o = this.obj(v, path, ['encoding', 'location', 'address'], ['variant', 'percentEncoded']);
    if (o === null) return;
    this.str(o.encoding, `${path}.encoding`);
    this.str(o.location, `${path}.location`);
    this.str(o.address, `${path}.address`);
    if ('variant' in o) this.oneOf(o.variant, `${path}.variant`, VARIANTS);
    if ('percentEncoded' in o) this.int(o.percentEncoded, `${path}.percentEncoded`, 1);
  }

  element(v: unknown, path: string): void {
    const o = this.obj(v, path, ['tag', 'attribute', 'line', 'col', 'part']);
    if (o === null) return;
    this.str(o.tag, `${path}.tag`);
    this.str(o.attribute, `${path}.attribute`);
    this.int(o.line, `${path}.line`, 0);
    this.int(o.col, `${path}.col`, 0);
    this.int(o.part, `${path}.part`, 0);
  }

  finding(v: unknown, path: string): void {
    const o = this.obj(
      v, path,
      ['kind', 'url', 'host', 'thirdParty', 'confidence', 'vendor', 'signals', 'leaks', 'flags', 'element', 'measurement', 'explanation'],
      ['destination', 'count', 'urls'],
    );
    if (o === null) return;
    this.oneOf(o.kind, `${path}.kind`, KINDS);
    this.str(o.url, `${path}.url`);
    this.str(o.host, `${path}.host`);
    if (typeof o.thirdParty !== 'boolean') this.fail(`${path}.thirdParty`, 'not a boolean');
    this.oneOf(o.confidence, `${path}.confidence`, CONFIDENCES);
    this.vendor(o.vendor, `${path}.vendor`);
    this.list(o.signals, `${path}.signals`, (s, p) => this.oneOf(s, p, SIGNALS));
    this.list(o.leaks, `${path}.leaks`, (l, p) => this.leak(l, p));
    this.list(o.flags, `${path}.flags`, (f, p) => {
      const flag = this.obj(f, p, ['code', 'message']);
      if (flag === null) return;
      if (typeof flag.code !== 'string' || !KEBAB.test(flag.code)) this.fail(`${p}.code`, 'not a kebab-case code');
      this.str(flag.message, `${p}.message`);
    });
    this.element(o.element, `${path}.element`);
    this.oneOf(o.measurement, `${path}.measurement`, ['individual', 'aggregate']);
    this.str(o.explanation, `${path}.explanation`);
    if ('destination' in o) this.str(o.destination, `${path}.destination`);
    if ('count' in o) this.int(o.count, `${path}.count`, 1);
    if ('urls' in o) this.list(o.urls, `${path}.urls`, (u, p) => this.str(u, p));
  }

  link(v: unknown, path: string): void {
    const o = this.obj(v, path, ['host', 'thirdParty', 'trackingParams', 'count', 'urls', 'leaks', 'element']);
    if (o === null) return;
    this.str(o.host, `${path}.host`);
    if (typeof o.thirdParty !== 'boolean') this.fail(`${path}.thirdParty`, 'not a boolean');
    this.list(o.trackingParams, `${path}.trackingParams`, (t, p) => {
      const param = this.obj(t, p, ['name', 'vendor']);
      if (param === null) return;
      this.str(param.name, `${p}.name`);
      this.vendor(param.vendor, `${p}.vendor`);
    });
    this.int(o.count, `${path}.count`, 1);
    this.list(o.urls, `${path}.urls`, (u, p) => this.str(u, p));
    this.list(o.leaks, `${path}.leaks`, (l, p) => this.leak(l, p));
    this.element(o.element, `${path}.element`);
  }

  report(v: unknown): void {
    const o = this.obj(v, 'report', ['source', 'message', 'findings', 'errors'], ['links']);
    if (o === null) return;
    this.str(o.source, 'report.source');
    const m = this.obj(o.message, 'report.message', ['from', 'senderDomain', 'to', 'subject', 'date', 'messageId']);
    if (m !== null) {
      for (const k of ['from', 'senderDomain', 'subject', 'date', 'messageId']) this.str(m[k], `report.message.${k}`, true);
      this.list(m.to, 'report.message.to', (t, p) => this.str(t, p));
    }
    this.list(o.findings, 'report.findings', (f, p) => this.finding(f, p));
    this.list(o.errors, 'report.errors', (e, p) => {
      const err = this.obj(e, p, ['code', 'message']);
      if (err === null) return;
      this.oneOf(err.code, `${p}.code`, ERROR_CODES);
      this.str(err.message, `${p}.message`);
    });
    if ('links' in o) this.list(o.links, 'report.links', (l, p) => this.link(l, p));
    // JSON is the published form: a report must survive it unchanged
    try {
      if (JSON.stringify(JSON.parse(JSON.stringify(v))) !== JSON.stringify(v)) this.fail('report', 'changes through JSON');
    } catch (e) {
      this.fail('report', `not serialisable: ${String(e)}`);
    }
  }
}

/**
 * The ways `value` differs from the {@link Report} contract (empty when it conforms): required and
 * unknown fields, types, closed-set codes, integer positions, JSON round trip.
 *
 * @example
 * expect(reportShapeProblems(scanHtml('<p>hi</p>'))).toEqual([]);
 */
export function reportShapeProblems(value: unknown): string[] {
  const c = new Checker();
  c.report(value);
  return c.problems;
}

/**
 * Type guard form of {@link reportShapeProblems}.
 *
 * @example
 * if (!isReportShape(r)) throw new Error('bad report');
 */
export function isReportShape(value: unknown): value is Report {
  return reportShapeProblems(value).length === 0;
}
