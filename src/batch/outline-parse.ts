/**
 * A report outline from parsed JSON that anyone may have written (an NDJSON line of `spypixel
 * scan`, perhaps edited, cut or from another version): checked field by field, so that the
 * aggregates never meet a value of the wrong type. Fields added to the report later are ignored;
 * fields an older scanner did not write (`leaks`, `flags`, `links`, `vendor`) count as empty.
 */
import type { Confidence, FindingKind } from '../types.js';
import type { FindingOutline, ReportOutline } from './outline.js';

const KINDS: ReadonlySet<string> = new Set<FindingKind>(['open-pixel', 'beacon', 'css-beacon', 'click-redirect']);
const CONFIDENCES: ReadonlySet<string> = new Set<Confidence>(['certain', 'likely', 'possible']);

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const stringOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Thrown inside this module only; {@link parseOutline} turns it into its result. */
class Invalid extends Error {}

function need<T>(ok: boolean, value: T, where: string): T {
  if (!ok) throw new Invalid(where);
  return value;
}

function list(v: unknown, where: string, optional: boolean): unknown[] {
  if (v === undefined && optional) return [];
  return need(Array.isArray(v), v as unknown[], `${where} is not an array`);
}

function finding(v: unknown, where: string): FindingOutline {
  const f = need(isObject(v), v as Json, `${where} is not an object`);
  const vendor = f.vendor === undefined || f.vendor === null ? null : need(isObject(f.vendor), f.vendor as Json, `${where}.vendor is not an object`);
  if (vendor !== null && (typeof vendor.id !== 'string' || typeof vendor.name !== 'string')) throw new Invalid(`${where}.vendor has no id and name`);
  const measurement = f.measurement;
  return {
    kind: need(typeof f.kind === 'string' && KINDS.has(f.kind), f.kind as FindingKind, `${where}.kind is not a finding kind`),
    confidence: need(typeof f.confidence === 'string' && CONFIDENCES.has(f.confidence), f.confidence as Confidence, `${where}.confidence is not a confidence`),
    url: need(typeof f.url === 'string', f.url as string, `${where}.url is not a string`),
    host: need(typeof f.host === 'string', f.host as string, `${where}.host is not a string`),
    thirdParty: need(typeof f.thirdParty === 'boolean', f.thirdParty as boolean, `${where}.thirdParty is not a boolean`),
    measurement: need(measurement === 'individual' || measurement === 'aggregate', measurement as 'individual' | 'aggregate', `${where}.measurement is not individual or aggregate`),
    vendor: vendor === null ? null : { id: vendor.id as string, name: vendor.name as string, category: typeof vendor.category === 'string' ? vendor.category : '' },
    leaks: list(f.leaks, `${where}.leaks`, true).map((l, i) => {
      const o = need(isObject(l) && typeof l.encoding === 'string', l as Json, `${where}.leaks[${i}] has no encoding`);
      return { encoding: o.encoding as string, location: typeof o.location === 'string' ? o.location : '' };
    }),
    flags: list(f.flags, `${where}.flags`, true).map((x, i) => need(isObject(x) && typeof x.code === 'string', (x as Json).code as string, `${where}.flags[${i}] has no code`)),
  };
}

/**
 * The outline of a parsed report, or why the value is not one (a path into the value).
 *
 * @example
 * parseOutline(JSON.parse(line)); // { ok: true, outline } or { ok: false, reason: 'findings[2].kind is not a finding kind' }
 */
export function parseOutline(value: unknown): { readonly ok: true; readonly outline: ReportOutline } | { readonly ok: false; readonly reason: string } {
  try {
    const r = need(isObject(value), value as Json, 'the line is not a JSON object');
    const source = need(typeof r.source === 'string', r.source as string, 'source is not a string');
    const m = need(isObject(r.message), r.message as Json, 'message is not an object');
    const findings = list(r.findings, 'findings', false).map((f, i) => finding(f, `findings[${i}]`));
    const errors = list(r.errors, 'errors', false).map((e, i) => ({
      code: need(isObject(e) && typeof e.code === 'string', (e as Json).code as string, `errors[${i}] has no code`),
    }));
    const linkLeaks = list(r.links, 'links', true).flatMap((l, i) => {
      const o = need(isObject(l) && typeof l.host === 'string', l as Json, `links[${i}] has no host`);
      return list(o.leaks, `links[${i}].leaks`, true).map((x, j) => ({
        encoding: need(isObject(x) && typeof x.encoding === 'string', (x as Json).encoding as string, `links[${i}].leaks[${j}] has no encoding`),
        host: o.host as string,
      }));
    });
    const message = { senderDomain: stringOrNull(m.senderDomain), subject: stringOrNull(m.subject), date: stringOrNull(m.date) };
    return { ok: true, outline: { source, message, findings, linkLeaks, errors } };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, reason: e.message };
    throw e;
  }
}
