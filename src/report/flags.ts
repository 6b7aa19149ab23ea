/**
 * Flags that do not depend on a vendor: the engine raises them from evidence alone. Vendor flags
 * (Google Analytics `aip`/`npa`, Weborama address) are catalogue data with their own texts.
 */
import type { LocalText } from '../catalogue/types.js';
import { describeLeak } from '../leaks/index.js';
import type { Flag, Language, Leak } from '../types.js';

/**
 * Generic flag codes.
 *
 * @example
 * const c: GenericFlagCode = 'recipient-address-sent';
 */
export type GenericFlagCode = 'recipient-address-sent' | 'recipient-address-sent-to-sender';

/**
 * Picks the text of a language, falling back to English.
 *
 * @example
 * text({ en: 'Hello', fr: 'Bonjour' }, 'fr'); // 'Bonjour'
 */
export function text(t: LocalText, lang: Language): string {
  return lang === 'fr' && t.fr !== undefined ? t.fr : t.en;
}

/**
 * The flag for an address found in a URL, naming the party that receives it and how the address
 * is encoded (from the first leak; the others are in `finding.leaks`).
 *
 * @example
 * leakFlag([{ encoding: 'sha256', location: 'param:a.cid', address: 'me@mail.example' }], 'x.weborama.fr', true, 'en');
 * // { code: 'recipient-address-sent', message: 'Your email address is sent to a third party (x.weborama.fr) … SHA-256 …' }
 */
export function leakFlag(leaks: readonly Leak[], receiver: string, thirdParty: boolean, lang: Language): Flag | null {
  const first = leaks[0];
  if (first === undefined) return null;
  const how = describeLeak(first)[lang];
  if (thirdParty) {
    return {
      code: 'recipient-address-sent',
      message:
        lang === 'fr'
          ? `Votre adresse e-mail est transmise à un tiers (${receiver}) dès l’affichage du message, dans ${first.location}. ${how}`
          : `Your email address is sent to a third party (${receiver}) when the message is displayed, in ${first.location}. ${how}`,
    };
  }
  return {
    code: 'recipient-address-sent-to-sender',
    message:
      lang === 'fr'
        ? `Votre adresse e-mail est renvoyée à l’expéditeur (${receiver}), dans ${first.location} : l’ouverture vous est attribuée personnellement. ${how}`
        : `Your email address goes back to the sender (${receiver}), in ${first.location}: the open is tied to you personally. ${how}`,
  };
}

/**
 * Builds a report flag from catalogue text.
 *
 * @example
 * catalogueFlag('ga-ip-not-anonymized', { en: '…', fr: '…' }, 'en'); // { code, message }
 */
export function catalogueFlag(code: string, message: LocalText, lang: Language): Flag {
  return { code, message: text(message, lang) };
}
