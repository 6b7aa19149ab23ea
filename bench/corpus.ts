/**
 * A synthetic, realistic newsletter corpus for the benchmark: multipart/alternative messages with
 * a plain-text part and a quoted-printable HTML part of 30–80 KB (layout tables, content images,
 * click redirects, open pixels of several vendors). Deterministic (seeded PRNG).
 */

import { prng } from '../test/helpers/prng.js';

const WORDS = 'offer season new collection free delivery members only discover quality the and for with your our this week save more today shop story garden kitchen travel winter summer style classic'.split(' ');

function hex(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 16).toString(16);
  return s;
}

function sentence(rand: () => number, n: number): string {
  const w: string[] = [];
  for (let i = 0; i < n; i++) w.push(WORDS[Math.floor(rand() * WORDS.length)] ?? 'mail');
  return `${w.join(' ')}.`;
}

/** Open pixels and beacons of several vendors (real hosts where the vendor is the point). */
function pixel(rand: () => number, i: number, to: string): string {
  const kind = i % 5;
  if (kind === 0) return `<img src="https://www.google-analytics.com/collect?v=1&amp;tid=UA-${1000 + (i % 97)}-1&amp;cid=${hex(rand, 16)}&amp;t=event&amp;ec=email&amp;ea=open" width="1" height="1" alt="">`;
  if (kind === 1) return `<img src="https://shop${i % 13}.us${1 + (i % 20)}.list-manage.com/track/open.php?u=${hex(rand, 25)}&amp;id=${hex(rand, 10)}&amp;e=${hex(rand, 10)}" height="1" width="1" alt="">`;
  if (kind === 2) return `<img src="https://u${1000 + i}.ct.sendgrid.net/wf/open?upn=u001.${hex(rand, 60)}" alt="" width="1" height="1" border="0" style="height:1px !important;width:1px !important">`;
  if (kind === 3) return `<img src="https://trk.klaviyomail.com/o/${hex(rand, 24)}/${encodeURIComponent(to)}" width="1" height="1">`;
  return `<img src="https://t.hubspotemail.net/e2t/o/${hex(rand, 40)}" style="display:none" alt="">`;
}

function link(rand: () => number, i: number, n: number): string {
  const dest = encodeURIComponent(`https://www.shop${i % 13}.example/p/${hex(rand, 6)}?utm_source=newsletter&utm_medium=email`);
  return i % 2 === 0
    ? `https://shop${i % 13}.us${1 + (i % 20)}.list-manage.com/track/click?u=${hex(rand, 25)}&amp;id=${hex(rand, 10)}&amp;e=${hex(rand, 10)}&amp;n=${n}`
    : `https://links.shop${i % 13}.example/ls/click?upn=${hex(rand, 40)}&amp;url=${dest}`;
}

function html(rand: () => number, i: number, to: string): string {
  const target = 30_000 + Math.floor(rand() * 50_000);
  const head = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Newsletter ${i}</title><style>
body{margin:0;background:#f4f4f4}.wrap{width:600px}td.cell{padding:12px;font-family:Arial,sans-serif}
@media (max-width:600px){.wrap{width:100%!important}}</style></head><body><center><table class="wrap" role="presentation" cellpadding="0" cellspacing="0">`;
  const rows: string[] = [];
  let size = head.length;
  let n = 0;
  while (size < target) {
    n++;
    const row = `<tr><td class="cell" style="color:#333;font-size:14px;line-height:20px"><a href="${link(rand, i, n)}"><img src="https://cdn.shop${i % 13}.example/img/${hex(rand, 12)}.jpg" width="560" height="${200 + Math.floor(rand() * 200)}" alt="${sentence(rand, 3)}" style="display:block;border:0"></a><h2 style="margin:8px 0">${sentence(rand, 5)}</h2><p>${sentence(rand, 40)} ${sentence(rand, 30)} Prix spécial — ${(rand() * 100).toFixed(2)} €</p><a href="${link(rand, i, n + 100)}" style="background:#c00;color:#fff;padding:8px 16px">Shop now</a></td></tr>\n`;
    rows.push(row);
    size += row.length;
  }
  return `${head}${rows.join('')}<tr><td>${pixel(rand, i, to)}<img src="https://cdn.shop${i % 13}.example/spacer.gif" width="1" height="10"></td></tr></table></center></body></html>`;
}

/** Quoted-printable (RFC 2045): lines of at most 76 characters, soft breaks, CRLF. */
export function quotedPrintable(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  const out: string[] = [];
  let line = '';
  for (let k = 0; k < bytes.length; k++) {
    const b = bytes[k] ?? 0;
    if (b === 0x0a) {
      out.push(line);
      line = '';
      continue;
    }
    const enc = (b >= 33 && b <= 126 && b !== 61) || b === 32 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + enc.length > 75) {
      out.push(`${line}=`);
      line = '';
    }
    line += enc;
  }
  out.push(line);
  return out.join('\r\n');
}

/**
 * Message `i` of the corpus as RFC 5322 text (CRLF).
 *
 * @example
 * const eml = newsletter(7); // 'From: "Shop 7" <news@shop7.example>\r\n…'
 */
export function newsletter(i: number): string {
  const rand = prng(1000 + i);
  const to = `reader${i % 50}@mail.example`;
  const body = html(rand, i, to);
  const boundary = `b_${hex(rand, 16)}`;
  const date = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toUTCString().replace('GMT', '+0000');
  return [
    `From: "Shop ${i % 13}" <news@shop${i % 13}.example>`,
    `To: ${to}`,
    `Subject: ${sentence(rand, 6)}`,
    `Date: ${date}`,
    `Message-ID: <${hex(rand, 20)}@shop${i % 13}.example>`,
    `List-Unsubscribe: <https://shop${i % 13}.example/unsub/${hex(rand, 12)}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(`${sentence(rand, 50)}\nFrom our shop: ${sentence(rand, 20)}\n`),
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(body),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
