/**
 * The words and colours of the table output and of the end-of-run summary, in English and French.
 * The machine formats (JSON, NDJSON, CSV) keep the stable codes; only the table is for people.
 * Colours are SGR escape sequences, added only when the caller says the output is a terminal.
 */
import type { Confidence, FindingKind, Language } from '../types.js';

/**
 * How the table is written: its language, and whether it is coloured.
 *
 * @example
 * const s: TableStyle = { lang: 'fr', color: false };
 */
export interface TableStyle {
  readonly lang: Language;
  readonly color: boolean;
}

/**
 * English, without colour: the default, and what a pipe or a file gets.
 *
 * @example
 * formatTable(report, PLAIN);
 */
export const PLAIN: TableStyle = { lang: 'en', color: false };

/**
 * The table style of a run's options: their language, coloured or not.
 *
 * @example
 * tableStyle({ lang: 'fr', color: true }); // { lang: 'fr', color: true }
 */
export function tableStyle(opts: { readonly lang: Language; readonly color?: boolean }): TableStyle {
  return { lang: opts.lang, color: opts.color === true };
}

/**
 * The words of one language.
 *
 * @example
 * TABLE_WORDS.fr.noTracker; // 'aucun traqueur trouvé'
 */
export interface TableWords {
  readonly headers: readonly [kind: string, confidence: string, vendor: string, host: string, sends: string];
  readonly kinds: Readonly<Record<FindingKind, string>>;
  readonly confidences: Readonly<Record<Confidence, string>>;
  readonly from: string;
  readonly unknownVendor: string;
  readonly noTracker: string;
  /** No finding, but the message was not read in full (see unscanned.ts). */
  readonly noTrackerInPart: string;
  readonly individual: string;
  readonly aggregate: string;
  readonly addressAs: (encoding: string, location: string) => string;
  readonly links: (n: number) => string;
  readonly loaded: (n: number) => string;
  readonly error: string;
  /** `n` of a countable noun, with its plural (French takes the singular for 0 and 1). */
  readonly count: (n: number, one: string, many: string) => string;
  readonly summary: {
    readonly message: readonly [string, string];
    readonly finding: readonly [string, string];
    readonly error: readonly [string, string];
    readonly scanned: (messages: string, withTrackers: number, findings: string) => string;
    readonly byVendor: string;
    readonly unknownVendor: string;
    readonly resumed: (messages: string) => string;
    readonly identifiers: string;
    readonly template: (who: string, template: string, messages: number, parts: string) => string;
    readonly moreTemplates: (n: number) => string;
    readonly interrupted: string;
  };
}

/**
 * The table's words in each language.
 *
 * @example
 * TABLE_WORDS.en.kinds['open-pixel']; // 'open-pixel'
 */
export const TABLE_WORDS: Readonly<Record<Language, TableWords>> = {
  en: {
    headers: ['KIND', 'CONFIDENCE', 'VENDOR', 'HOST', 'WHAT IT SENDS'],
    // English keeps the codes people grep for and find in JSON.
    kinds: { 'open-pixel': 'open-pixel', beacon: 'beacon', 'css-beacon': 'css-beacon', 'click-redirect': 'click-redirect' },
    confidences: { certain: 'certain', likely: 'likely', possible: 'possible' },
    from: 'from',
    unknownVendor: '(unknown)',
    noTracker: 'no tracker found',
    noTrackerInPart: 'no tracker found in what could be read',
    individual: 'tracks you individually',
    aggregate: 'counts opens in aggregate',
    addressAs: (encoding, location) => `address as ${encoding} in ${location}`,
    links: (n) => `${n} links`,
    loaded: (n) => `loaded ${n}×`,
    error: 'error',
    count: (n, one, many) => `${n} ${n === 1 ? one : many}`,
    summary: {
      message: ['message', 'messages'],
      finding: ['finding', 'findings'],
      error: ['error', 'errors'],
      scanned: (messages, withTrackers, findings) => `${messages} scanned, ${withTrackers} with trackers, ${findings}`,
      byVendor: 'by vendor: ',
      unknownVendor: '(unknown vendor)',
      resumed: (messages) => `${messages} taken from the resumed output`,
      identifiers: 'per-recipient identifiers (parts that differ between copies of one campaign):',
      template: (who, template, messages, parts) => `${who} ${template} in ${messages} messages: ${parts}`,
      moreTemplates: (n) => `… and ${n} more templates`,
      interrupted: 'interrupted: continue with --resume',
    },
  },
  fr: {
    headers: ['TYPE', 'CONFIANCE', 'FOURNISSEUR', 'HÔTE', 'CE QU’IL ENVOIE'],
    kinds: { 'open-pixel': 'pixel d’ouverture', beacon: 'balise', 'css-beacon': 'balise CSS', 'click-redirect': 'redirection de clic' },
    confidences: { certain: 'certaine', likely: 'probable', possible: 'possible' },
    from: 'de',
    unknownVendor: '(inconnu)',
    noTracker: 'aucun traqueur trouvé',
    noTrackerInPart: 'aucun traqueur trouvé dans ce qui a pu être lu',
    individual: 'vous suit individuellement',
    aggregate: 'compte les ouvertures globalement',
    addressAs: (encoding, location) => `adresse en ${encoding} dans ${location}`,
    links: (n) => `${n} liens`,
    loaded: (n) => `chargé ${n} fois`,
    error: 'erreur',
    count: (n, one, many) => `${n} ${n <= 1 ? one : many}`,
    summary: {
      message: ['message analysé', 'messages analysés'],
      finding: ['détection', 'détections'],
      error: ['erreur', 'erreurs'],
      scanned: (messages, withTrackers, findings) => `${messages}, ${withTrackers} avec traqueurs, ${findings}`,
      byVendor: 'par fournisseur : ',
      unknownVendor: '(fournisseur inconnu)',
      resumed: (messages) => `${messages} repris de la sortie précédente`,
      identifiers: 'identifiants propres au destinataire (parties qui diffèrent entre les copies d’une même campagne) :',
      template: (who, template, messages, parts) => `${who} ${template} dans ${messages} messages : ${parts}`,
      moreTemplates: (n) => `… et ${n} autres modèles`,
      interrupted: 'interrompu : reprenez avec --resume',
    },
  },
};

/**
 * Colours of the table.
 *
 * @example
 * const r: Role = 'certain';
 */
export type Role = 'source' | 'header' | 'clean' | 'error' | Confidence;

const SGR: Readonly<Record<Role, string>> = {
  source: '1',
  header: '2',
  clean: '32',
  error: '31',
  certain: '1;31',
  likely: '33',
  possible: '36',
};

/**
 * `text` in the colour of `role` when the style is coloured, as it is otherwise.
 *
 * @example
 * paint({ lang: 'en', color: true }, 'certain', 'certain'); // '\u001b[1;31mcertain\u001b[0m'
 */
export function paint(style: TableStyle, role: Role, text: string): string {
  return style.color && text !== '' ? `\u001b[${SGR[role]}m${text}\u001b[0m` : text;
}
