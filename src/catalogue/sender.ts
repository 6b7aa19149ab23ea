/**
 * The rules of the platform that sent a message, applied on any host (customers' branded
 * tracking hosts). The platform itself is read from the headers in `sender-facts.ts`.
 */
import type { ParsedUrl } from '../url/parse.js';
import { parseUrl } from '../url/parse.js';
import { recoverDestination } from './destination.js';
import { buildMatch, compileRule, ruleMatches, type CompiledRule } from './match.js';
import type { CatalogueMatch, VendorEntry } from './types.js';
import { anyHostScore } from './validate.js';

export { headerDomains, identifySender, factHoldsOn, type HeaderLookup, type SenderPlatform } from './sender-facts.js';

/**
 * Rules specific enough to be applied on any host of a message this vendor sent: the same
 * measure as `anyHost` rules, one point lower, since the headers already name the vendor.
 */
export const MIN_SENDER_RULE_SCORE = 2;

const compiled = new WeakMap<VendorEntry, readonly CompiledRule[]>();

function senderRules(entry: VendorEntry): readonly CompiledRule[] {
  let rules = compiled.get(entry);
  if (rules === undefined) {
    rules = entry.rules
      .filter((r) => r.wrapper !== true && anyHostScore(r as unknown as Readonly<Record<string, unknown>>) >= MIN_SENDER_RULE_SCORE)
      .map((r) => compileRule(entry.id, r));
    compiled.set(entry, rules);
  }
  return rules;
}

/**
 * Matches a URL against the rules of the vendor that sent the message, whatever its host
 * (customers' branded tracking hosts). Level `shape`, as for `anyHost` rules.
 *
 * @example
 * matchSenderRules(mailgunEntry, parseUrl('https://email.shop.example/o/eJxVj…')!)?.ruleId; // 'mailgun/open'
 */
export function matchSenderRules(entry: VendorEntry, url: ParsedUrl): CatalogueMatch | null {
  for (const rule of senderRules(entry)) {
    if (!ruleMatches(rule, url, false)) continue;
    const spec = rule.spec.destination;
    const destination = spec === undefined ? null : recoverDestination(url, spec);
    return buildMatch(entry, rule, 'shape', url, destination === null ? null : (parseUrl(destination)?.href ?? null));
  }
  return null;
}
