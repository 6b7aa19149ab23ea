/**
 * Flags that do not depend on a vendor: the engine raises them from evidence alone. Vendor flags
 * (Google Analytics `aip`/`npa`, Weborama address) are catalogue data with their own texts.
 */
import type { LocalText } from '../catalogue/types.js';
import type { Flag, Language, Leak } from '../types.js';

/**
 * Generic flag codes.
 *
 * @example
 * const c: GenericFlagCode = 'recipient-address-sent';
 */
export type GenericFlagCode = 'recipient-address-sent' | 'recipient-address-sent-to-sender';

const ENCODING_WORDS: Readonly<Record<string, LocalText>> = {
  plain: { en: 'in clear text', fr: 'en clair' },
  'percent-encoded': { en: 'in clear text (URL-encoded)', fr: 'en clair (encodée dans l’URL)' },
  base64: { en: 'encoded in base64, which anyone can decode', fr: 'encodée en base64, que chacun peut décoder' },
  base64url: { en: 'encoded in base64, which anyone can decode', fr: 'encodée en base64, que chacun peut décoder' },
  hex: { en: 'hex-encoded, which anyone can decode', fr: 'encodée en hexadécimal, que chacun peut décoder' },
};

function encodingText(encoding: string, lang: Language): string {
  const known = ENCODING_WORDS[encoding];
  if (known !== undefined) return text(known, lang);
  return lang === 'fr'
    ? `hachée (${encoding}) : un hachage reste une donnée personnelle, que le destinataire peut rapprocher d’autres fichiers d’adresses hachées`
    : `hashed (${encoding}): a hash is still personal data, the receiver can match it against other lists of hashed addresses`;
}

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
 * The flag for an address found in a URL, naming the party that receives it.
 *
 * @example
 * leakFlag([{ encoding: 'sha256', location: 'param:a.cid', address: 'me@mail.example' }], 'weborama.fr', true, 'en');
 */
export function leakFlag(leaks: readonly Leak[], receiver: string, thirdParty: boolean, lang: Language): Flag | null {
  const first = leaks[0];
  if (first === undefined) return null;
  const how = encodingText(first.encoding, lang);
  if (thirdParty) {
    return {
      code: 'recipient-address-sent',
      message:
        lang === 'fr'
          ? `Votre adresse e-mail est transmise à un tiers (${receiver}) ${how} (${first.location}) dès l’ouverture du message.`
          : `Your email address is sent to a third party (${receiver}) ${how} (${first.location}) when the message is displayed.`,
    };
  }
  return {
    code: 'recipient-address-sent-to-sender',
    message:
      lang === 'fr'
        ? `Votre adresse e-mail est renvoyée à l’expéditeur (${receiver}) ${how} (${first.location}) : l’ouverture vous est attribuée personnellement.`
        : `Your email address goes back to the sender (${receiver}) ${how} (${first.location}): the open is tied to you personally.`,
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
