/**
 * Which recipient addresses a scan searches for when a message names more than `maxRecipients`.
 */
import type { ScanError } from '../types.js';

/**
 * The addresses chosen and how many distinct addresses there were.
 *
 * @example
 * const s: RecipientSelection = { addresses: ['me@mail.example'], total: 1 };
 */
export interface RecipientSelection {
  readonly addresses: readonly string[];
  readonly total: number;
}

/** Addresses are told apart as the needle builder does: trimmed, case kept. */
const key = (address: string): string => address.trim();

/**
 * Picks at most `max` distinct addresses (compared trimmed) out of `all`. The addresses of
 * `first` (this copy's recipient: the `recipient` option, Delivered-To, X-Original-To) are chosen
 * before the others; the chosen ones keep their order in `all`, so within the limit the result is
 * `all` without duplicates.
 *
 * @example
 * selectRecipients(['a@x.example', 'b@x.example', 'me@mail.example'], ['me@mail.example'], 2);
 * // { addresses: ['a@x.example', 'me@mail.example'], total: 3 }
 */
export function selectRecipients(all: readonly string[], first: readonly string[], max: number): RecipientSelection {
  const chosen = new Set<string>();
  const distinct = new Set<string>();
  for (const a of all) distinct.add(key(a));
  for (const a of [...first, ...all]) {
    if (chosen.size >= max) break;
    chosen.add(key(a));
  }
  const addresses: string[] = [];
  const written = new Set<string>();
  for (const a of all) {
    const k = key(a);
    if (!chosen.has(k) || written.has(k)) continue;
    written.add(k);
    addresses.push(a);
  }
  return { addresses, total: distinct.size };
}

/**
 * The `limit-exceeded` entry for a selection that left addresses out, or `null`.
 *
 * @example
 * recipientLimitError({ addresses: ['a@x.example'], total: 3 }, 1)?.code; // 'limit-exceeded'
 */
export function recipientLimitError(selection: RecipientSelection, max: number): ScanError | null {
  if (selection.total <= max) return null;
  return {
    code: 'limit-exceeded',
    message: `The message names ${selection.total} recipient addresses, more than maxRecipients (${max}); the address leaks of the other ${selection.total - max} were not searched for.`,
  };
}
