/**
 * Which findings go: the callback first, then the allow-lists, then the confidence policy.
 */
import type { Verdict } from '../scan/inspect.js';
import type { Finding } from '../types.js';
import type { SanitizeOptions } from './types.js';

/**
 * The options the decision needs, resolved once per message.
 *
 * @example
 * const r: Rules = { policy: 'keep', allowVendors: new Set(), senderAllowed: false, decide: undefined };
 */
export interface Rules {
  readonly policy: 'keep' | 'remove';
  readonly allowVendors: ReadonlySet<string>;
  readonly senderAllowed: boolean;
  readonly decide: SanitizeOptions['decide'];
}

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return (at === -1 ? address : address.slice(at + 1)).trim().toLowerCase();
}

/**
 * Whether a sender is on the allow-list: the same address, or a domain equal to or above the
 * sender's domain (`shop.example` allows `news@mail.shop.example`).
 *
 * @example
 * senderAllowed('news@mail.shop.example', ['shop.example']); // true
 */
export function senderAllowed(sender: string | null, allowed: readonly string[]): boolean {
  if (sender === null || sender.trim() === '') return false;
  const address = sender.trim().toLowerCase();
  const domain = domainOf(address);
  return allowed.some((entry) => {
    if (typeof entry !== 'string') return false;
    const e = entry.trim().toLowerCase();
    if (e === '') return false;
    if (e.includes('@')) return e === address;
    return domain === e || domain.endsWith(`.${e}`);
  });
}

/**
 * Resolves the decision options of a message.
 *
 * @example
 * rulesFor({ policy: 'remove' }, 'news@shop.example').policy; // 'remove'
 */
export function rulesFor(options: SanitizeOptions, sender: string | null): Rules {
  const vendors = Array.isArray(options.allow?.vendors) ? options.allow.vendors : [];
  const senders = Array.isArray(options.allow?.senders) ? options.allow.senders : [];
  return {
    policy: options.policy === 'remove' ? 'remove' : 'keep',
    allowVendors: new Set(vendors.filter((v): v is string => typeof v === 'string')),
    senderAllowed: senderAllowed(sender, senders),
    decide: typeof options.decide === 'function' ? options.decide : undefined,
  };
}

/**
 * Whether a finding is to be removed.
 *
 * @example
 * shouldRemove(finding, rulesFor({}, null)); // true for a `certain` open pixel
 */
export function shouldRemove(finding: Finding, rules: Rules): boolean {
  if (rules.decide !== undefined) {
    try {
      const answer = rules.decide(finding);
      if (answer === 'remove') return true;
      if (answer === 'keep') return false;
    } catch {
      // A failing callback leaves the default decision.
    }
  }
  if (rules.senderAllowed) return false;
  if (finding.vendor !== null && rules.allowVendors.has(finding.vendor.id)) return false;
  return finding.confidence === 'possible' ? rules.policy === 'remove' : true;
}

/**
 * The finding a verdict was reported under (findings merge repeated URLs and group redirects).
 *
 * @example
 * findingOf(verdict, report.findings)?.kind; // 'open-pixel'
 */
export function findingOf(v: Verdict, findings: readonly Finding[]): Finding | null {
  const d = v.decision;
  if (d === null) return null;
  const href = v.url.href;
  if (d.kind !== 'click-redirect') return findings.find((f) => f.kind === d.kind && f.url === href) ?? null;
  const vendorId = v.match?.vendor.id ?? null;
  return (
    findings.find((f) => f.kind === 'click-redirect' && (f.url === href || (f.urls ?? []).includes(href)) && (vendorId === null || f.vendor?.id === vendorId)) ??
    null
  );
}
