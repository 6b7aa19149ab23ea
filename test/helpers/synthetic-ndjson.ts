/**
 * A synthetic archive's scan, as `spypixel scan --format ndjson` would write it: deterministic
 * (seeded), with senders of very different sizes, two years of dates, trackers of every kind and
 * category, first- and third-party ones, address leaks in several encodings, flags, errors,
 * undated messages, and campaigns whose copies differ by a per-recipient identifier. For the
 * report's browser test and `bench/report.ts`.
 */
import type { Finding, Report, VendorCategory } from '../../src/types.js';
import { prng } from './prng.js';

interface Vendor {
  readonly id: string;
  readonly name: string;
  readonly category: VendorCategory;
  readonly host: string;
}

const VENDORS: readonly Vendor[] = [
  { id: 'mailchimp', name: 'Mailchimp', category: 'esp', host: 'list-manage.example' },
  { id: 'sendgrid', name: 'SendGrid', category: 'esp', host: 'sendgrid.example' },
  { id: 'brevo', name: 'Brevo', category: 'esp', host: 'brevo.example' },
  { id: 'mailjet', name: 'Mailjet', category: 'esp', host: 'mjt.example' },
  { id: 'sfmc', name: 'Salesforce Marketing Cloud', category: 'esp', host: 'exct.example' },
  { id: 'splio', name: 'Splio', category: 'esp', host: 'splio.example' },
  { id: 'google-analytics', name: 'Google Analytics', category: 'analytics', host: 'www.google-analytics.example' },
  { id: 'matomo', name: 'Matomo', category: 'analytics', host: 'matomo.example' },
  { id: 'at-internet', name: 'AT Internet', category: 'analytics', host: 'xiti.example' },
  { id: 'weborama', name: 'Weborama', category: 'ad-tech', host: 'weborama.example' },
  { id: 'liveintent', name: 'LiveIntent', category: 'ad-tech', host: 'liadm.example' },
  { id: 'criteo', name: 'Criteo', category: 'ad-tech', host: 'criteo.example' },
  { id: 'meta', name: 'Meta', category: 'social', host: 'facebook.example' },
  { id: 'liveramp', name: 'LiveRamp', category: 'data-broker', host: 'rlcdn.example' },
  { id: 'ivw', name: 'INFOnline IVW', category: 'audience-measurement', host: 'ioam.example' },
  { id: 'mailtrack', name: 'Mailtrack', category: 'sales-tracker', host: 'mailtrack.example' },
  { id: 'hubspot-sales', name: 'HubSpot Sales', category: 'sales-tracker', host: 'hubspot.example' },
  { id: 'litmus', name: 'Litmus', category: 'email-testing', host: 'emltrk.example' },
  { id: 'bitly', name: 'Bitly', category: 'link-shortener', host: 'bit.example' },
  { id: 'github', name: 'GitHub', category: 'sender-own', host: 'github.example' },
];

const ENCODINGS = ['plain', 'base64', 'md5', 'sha256', 'sha1', 'percent-encoded', 'base64(zlib)'];
const FLAGS = ['ga-ip-not-anonymized', 'ga-ads-personalization-allowed', 'weborama-address-leak', 'recipient-address-sent', 'ga4-ip-sent-to-google'];
const KINDS = ['open-pixel', 'beacon', 'css-beacon', 'click-redirect'] as const;

/**
 * `count` reports, the i-th from sender domain `sender-<rank>.example` where ranks follow a
 * Zipf-like law (a few senders send most messages).
 *
 * @example
 * syntheticReports(10_000).length; // 10000
 */
export function syntheticReports(count: number, seed = 13): Report[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const senders = Math.max(1, Math.round(count / 30));
  const weights = Array.from({ length: senders }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const senderOf = (): number => {
    let x = rnd() * total;
    for (let i = 0; i < senders; i++) {
      x -= weights[i] ?? 0;
      if (x <= 0) return i;
    }
    return senders - 1;
  };
  const reports: Report[] = [];
  for (let i = 0; i < count; i++) {
    const s = senderOf();
    const domain = `sender-${s + 1}.example`;
    // Each sender uses two or three vendors of its own, so the per-sender table varies.
    const own = [VENDORS[s % VENDORS.length], VENDORS[(s * 7 + 3) % VENDORS.length], VENDORS[(s * 11 + 5) % VENDORS.length]].filter((v) => v !== undefined);
    const tracked = rnd() < (s % 5 === 4 ? 0.1 : 0.8);
    const campaign = Math.floor(rnd() * 6);
    const findings: Finding[] = [];
    const n = tracked ? 1 + Math.floor(rnd() * 3) : 0;
    for (let k = 0; k < n; k++) {
      const v = own[k % own.length] ?? (VENDORS[0] as Vendor);
      const leak = rnd() < 0.12;
      const flags = rnd() < 0.15 ? [{ code: pick(FLAGS), message: 'A flag.' }] : [];
      const thirdParty = v.category !== 'sender-own' && rnd() < 0.8;
      const kind = pick(KINDS);
      findings.push({
        kind,
        url: `https://${v.host}/o/${campaign}.gif?c=${s}-${campaign}&u=${i.toString(36)}`,
        host: v.host,
        thirdParty,
        confidence: rnd() < 0.7 ? 'certain' : rnd() < 0.7 ? 'likely' : 'possible',
        vendor: rnd() < 0.9 ? { id: v.id, name: v.name, category: v.category } : null,
        signals: ['known-endpoint'],
        leaks: leak ? [{ encoding: pick(ENCODINGS), location: 'param:u', address: 'reader@mail.example' }] : [],
        flags,
        element: { tag: 'img', attribute: 'src', line: 10 + k, col: 5, part: 0 },
        measurement: rnd() < 0.85 ? 'individual' : 'aggregate',
        explanation: 'When the message is displayed, this image is loaded from the tracker.',
      });
    }
    const month = Math.floor(rnd() * 24);
    const date = rnd() < 0.02 ? null : new Date(Date.UTC(2024, month, 1 + Math.floor(rnd() * 28), 8)).toISOString();
    const linkLeak = rnd() < 0.03;
    reports.push({
      source: `archive.mbox#${i}@${i * 4096}`,
      message: {
        from: `news@${domain}`,
        senderDomain: domain,
        to: ['reader@mail.example'],
        subject: `Campaign ${campaign} of ${domain}`,
        date,
        messageId: `<${i}@${domain}>`,
      },
      findings,
      errors: rnd() < 0.01 ? [{ code: 'unknown-charset', message: 'Unknown charset x-unknown; read as latin1.' }] : [],
      ...(linkLeak
        ? {
            links: [
              {
                host: domain,
                thirdParty: false,
                count: 1,
                trackingParams: [],
                urls: [`https://${domain}/?email=reader%40mail.example`],
                leaks: [{ encoding: 'percent-encoded', location: 'param:email', address: 'reader@mail.example' }],
                element: { tag: 'a', attribute: 'href', line: 40, col: 5, part: 0 },
              },
            ],
          }
        : {}),
    });
  }
  return reports;
}

/**
 * The reports as NDJSON text.
 *
 * @example
 * writeFileSync('scan.ndjson', syntheticNdjson(10_000));
 */
export function syntheticNdjson(count: number, seed = 13): string {
  return syntheticReports(count, seed)
    .map((r) => `${JSON.stringify(r)}\n`)
    .join('');
}
