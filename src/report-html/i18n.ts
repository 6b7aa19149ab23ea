/**
 * The words of the HTML report in English and French. Codes (flag codes, error codes, encodings)
 * stay as they are in both: they are the stable names a reader searches the NDJSON for.
 */
import { UNKNOWN_VENDOR } from '../batch/counter.js';
import type { Language } from '../types.js';

const en = {
  title: 'spypixel report',
  lead: 'Scan of {messages} from {senders}.',
  nMessages: { one: '{n} message', other: '{n} messages' },
  nSenders: { one: '{n} sender domain', other: '{n} sender domains' },
  messages: 'messages',
  statMessages: { one: 'message', other: 'messages' },
  statFindings: { one: 'finding', other: 'findings' },
  statSenders: { one: 'sender domain', other: 'sender domains' },
  statErrors: { one: 'error', other: 'errors' },
  withTrackers: 'with trackers',
  withoutTrackers: 'without trackers',
  findings: 'findings',
  withLeaks: 'leak the address',
  errors: 'errors',
  overTime: 'Messages with trackers over time',
  overTimeNote: 'By month of the Date header ({unit}).',
  undatedNote: {
    one: '{n} message without a readable Date header is not shown ({t} with trackers).',
    other: '{n} messages without a readable Date header are not shown ({t} of them with trackers).',
  },
  byMonth: 'month',
  byYear: 'year: the archive spans more than five years',
  vendors: 'Top vendors',
  vendorsNote: 'Messages in which each vendor’s trackers appear (the {n} most frequent of {total}).',
  categories: 'Tracker categories',
  categoriesNote: 'Messages with at least one tracker of each category.',
  party: 'First or third party',
  partyNote: 'Findings by category: the sender’s own domains (From, Return-Path, DKIM, List-Unsubscribe) or another company’s.',
  firstParty: 'first party',
  thirdParty: 'third party',
  measurement: 'Individual or aggregate measurement',
  measurementNote: 'Findings by category: individual ones can tell recipients apart (identifier, token, encoded address); aggregate ones only count.',
  individual: 'individual',
  aggregate: 'aggregate',
  leaks: 'Address leaks by encoding and vendor',
  leaksNote: 'Trackers that send the recipient’s address, by how it is encoded and by vendor. {links}',
  linkLeaksNote: 'The address was also found in {n} ordinary links ({list}).',
  flags: 'Flags by sender',
  flagsNote: 'Findings with each flag (such as ga-ip-not-anonymized), for the {n} senders with the most.',
  senders: 'Senders',
  sendersNote: 'One line per sender domain, by number of messages. Click a column heading to sort (this needs scripts; the page reads the same without them). A domain with a link has its messages below.',
  colSender: 'Sender domain',
  colMessages: 'Messages',
  colTracked: '% tracked',
  colVendors: 'Vendors',
  colLeaks: 'Leaks',
  colFlags: 'Flags',
  more: '+{n} more',
  messagesBySender: 'Messages by sender',
  messagesBySenderNote: 'Messages with findings or errors, in input order; at most {n} per sender.',
  notShown: { one: '{n} more message with findings or errors is not shown.', other: '{n} more messages with findings or errors are not shown.' },
  backToTable: 'Back to the table',
  noSubject: '(no subject)',
  noDate: 'no date',
  addressAs: 'address as {encoding} in {location}',
  linkLeak: 'address as {encoding} in a link to {host}',
  error: 'error',
  identifiers: 'Per-recipient identifiers',
  identifiersNote:
    'URL parts that differ between copies of one campaign (same sender and subject) sent to different people. A part that varies can tell recipients apart; it does not prove who the recipient is, and copies sent to one person only cannot show it.',
  colTemplate: 'URL template',
  colVendor: 'Vendor',
  colPerRecipient: 'Varies between copies',
  identifiersNotShown: { one: '{n} more template is not shown.', other: '{n} more templates are not shown.' },
  problems: 'Input lines skipped',
  problemsNote: { one: '{n} line could not be read as a report and is not counted:', other: '{n} lines could not be read as reports and are not counted:' },
  nothing: 'Nothing to show.',
  others: 'others',
  footer: 'Made by spypixel from {inputs}{when}. Nothing on this page is loaded from the network: tracker URLs are shown as text and never requested.',
  on: ' on {date}',
  capped: 'More than {n} sender domains: the rest are counted together as “(other senders)”.',
  kind: { 'open-pixel': 'open pixel', beacon: 'beacon', 'css-beacon': 'CSS beacon', 'click-redirect': 'click redirect' },
  confidence: { certain: 'certain', likely: 'likely', possible: 'possible' },
  category: {
    esp: 'email service provider',
    analytics: 'analytics',
    'ad-tech': 'advertising',
    social: 'social network',
    'data-broker': 'data broker',
    'audience-measurement': 'audience measurement',
    'sales-tracker': 'sales tracker',
    'email-testing': 'email testing',
    'link-shortener': 'link shortener or wrapper',
    'sender-own': 'sender’s own',
    'host-owner': 'tracker host’s owner',
    unknown: 'unknown vendor',
  },
} as const;

/**
 * The words of the report.
 *
 * @example
 * const w: Words = wordsFor('fr'); w.title; // 'Rapport spypixel'
 */
export type Words = { readonly [K in keyof typeof en]: (typeof en)[K] extends string ? string : { readonly [J in keyof (typeof en)[K]]: string } };

const fr: Words = {
  title: 'Rapport spypixel',
  lead: 'Analyse de {messages} provenant de {senders}.',
  nMessages: { one: '{n} message', other: '{n} messages' },
  nSenders: { one: '{n} domaine d’expéditeur', other: '{n} domaines d’expéditeurs' },
  messages: 'messages',
  statMessages: { one: 'message', other: 'messages' },
  statFindings: { one: 'détection', other: 'détections' },
  statSenders: { one: 'domaine d’expéditeur', other: 'domaines d’expéditeurs' },
  statErrors: { one: 'erreur', other: 'erreurs' },
  withTrackers: 'avec traqueurs',
  withoutTrackers: 'sans traqueur',
  findings: 'détections',
  withLeaks: 'transmettent l’adresse',
  errors: 'erreurs',
  overTime: 'Messages avec traqueurs au fil du temps',
  overTimeNote: 'Par mois de l’en-tête Date ({unit}).',
  undatedNote: {
    one: '{n} message sans en-tête Date lisible n’est pas représenté ({t} avec traqueurs).',
    other: '{n} messages sans en-tête Date lisible ne sont pas représentés (dont {t} avec traqueurs).',
  },
  byMonth: 'mois',
  byYear: 'année : l’archive couvre plus de cinq ans',
  vendors: 'Principaux fournisseurs',
  vendorsNote: 'Messages dans lesquels apparaissent les traqueurs de chaque fournisseur (les {n} plus fréquents sur {total}).',
  categories: 'Catégories de traqueurs',
  categoriesNote: 'Messages contenant au moins un traqueur de chaque catégorie.',
  party: 'Expéditeur ou tiers',
  partyNote: 'Détections par catégorie : domaines de l’expéditeur (From, Return-Path, DKIM, List-Unsubscribe) ou d’une autre société.',
  firstParty: 'expéditeur',
  thirdParty: 'tiers',
  measurement: 'Mesure individuelle ou agrégée',
  measurementNote: 'Détections par catégorie : une mesure individuelle distingue les destinataires (identifiant, jeton, adresse encodée) ; une mesure agrégée ne fait que compter.',
  individual: 'individuelle',
  aggregate: 'agrégée',
  leaks: 'Fuites de l’adresse par encodage et fournisseur',
  leaksNote: 'Traqueurs qui transmettent l’adresse du destinataire, selon son encodage et le fournisseur. {links}',
  linkLeaksNote: 'L’adresse figure aussi dans {n} liens ordinaires ({list}).',
  flags: 'Alertes par expéditeur',
  flagsNote: 'Détections portant chaque alerte (par exemple ga-ip-not-anonymized), pour les {n} expéditeurs qui en ont le plus.',
  senders: 'Expéditeurs',
  sendersNote: 'Une ligne par domaine d’expéditeur, par nombre de messages. Cliquez sur un en-tête de colonne pour trier (cela demande les scripts ; sans eux la page se lit de même). Un domaine avec un lien a ses messages plus bas.',
  colSender: 'Domaine de l’expéditeur',
  colMessages: 'Messages',
  colTracked: '% pistés',
  colVendors: 'Fournisseurs',
  colLeaks: 'Fuites',
  colFlags: 'Alertes',
  more: '+{n} autres',
  messagesBySender: 'Messages par expéditeur',
  messagesBySenderNote: 'Messages avec détections ou erreurs, dans l’ordre de lecture ; au plus {n} par expéditeur.',
  notShown: { one: '{n} autre message avec détections ou erreurs n’est pas affiché.', other: '{n} autres messages avec détections ou erreurs ne sont pas affichés.' },
  backToTable: 'Retour au tableau',
  noSubject: '(sans objet)',
  noDate: 'sans date',
  addressAs: 'adresse en {encoding} dans {location}',
  linkLeak: 'adresse en {encoding} dans un lien vers {host}',
  error: 'erreur',
  identifiers: 'Identifiants par destinataire',
  identifiersNote:
    'Parties d’URL qui diffèrent entre les exemplaires d’une même campagne (même expéditeur et même objet) envoyés à des personnes différentes. Une partie qui varie peut distinguer les destinataires ; elle ne prouve pas qui est le destinataire, et des exemplaires reçus par une seule personne ne peuvent pas le montrer.',
  colTemplate: 'Modèle d’URL',
  colVendor: 'Fournisseur',
  colPerRecipient: 'Varie entre exemplaires',
  identifiersNotShown: { one: '{n} autre modèle n’est pas affiché.', other: '{n} autres modèles ne sont pas affichés.' },
  problems: 'Lignes ignorées',
  problemsNote: { one: '{n} ligne n’a pas pu être lue comme un rapport et n’est pas comptée :', other: '{n} lignes n’ont pas pu être lues comme des rapports et ne sont pas comptées :' },
  nothing: 'Rien à afficher.',
  others: 'autres',
  footer: 'Produit par spypixel à partir de {inputs}{when}. Rien sur cette page n’est chargé depuis le réseau : les URL des traqueurs sont affichées comme du texte et jamais demandées.',
  on: ' le {date}',
  capped: 'Plus de {n} domaines d’expéditeurs : les suivants sont comptés ensemble sous « (other senders) ».',
  kind: { 'open-pixel': 'pixel d’ouverture', beacon: 'balise', 'css-beacon': 'balise CSS', 'click-redirect': 'redirection de clic' },
  confidence: { certain: 'certain', likely: 'probable', possible: 'possible' },
  category: {
    esp: 'routeur d’e-mails',
    analytics: 'analytique web',
    'ad-tech': 'publicité',
    social: 'réseau social',
    'data-broker': 'courtier en données',
    'audience-measurement': 'mesure d’audience',
    'sales-tracker': 'suivi commercial',
    'email-testing': 'test d’e-mails',
    'link-shortener': 'raccourcisseur ou réécriture de liens',
    'sender-own': 'propre à l’expéditeur',
    'host-owner': 'propriétaire du domaine traceur',
    unknown: 'fournisseur inconnu',
  },
};

/**
 * The words of a language.
 *
 * @example
 * wordsFor('en').colSender; // 'Sender domain'
 */
export function wordsFor(lang: Language): Words {
  return lang === 'fr' ? fr : en;
}

/**
 * A text with its `{name}` placeholders filled in.
 *
 * @example
 * fill('{n} more', { n: 3 }); // '3 more'
 */
export function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{([a-z]+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * A vendor name as the report shows it: the name, or the words for an unknown vendor.
 *
 * @example
 * vendorName(wordsFor('fr'), UNKNOWN_VENDOR); // 'fournisseur inconnu'
 */
export function vendorName(words: Words, name: string): string {
  return name === UNKNOWN_VENDOR ? words.category.unknown : name;
}

/**
 * Number, percent and plural formats of a locale (made once: a page formats thousands of numbers).
 *
 * @example
 * formats('fr-FR').number.format(12345); // '12 345'
 */
export interface Formats {
  readonly number: Intl.NumberFormat;
  readonly percent: Intl.NumberFormat;
  readonly plural: Intl.PluralRules;
}

const cache = new Map<string, Formats>();

/**
 * The {@link Formats} of a locale, made on first use.
 *
 * @example
 * formats('en-GB').percent.format(0.5); // '50%'
 */
export function formats(locale: string): Formats {
  let f = cache.get(locale);
  if (f === undefined) {
    f = { number: new Intl.NumberFormat(locale), percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }), plural: new Intl.PluralRules(locale) };
    cache.set(locale, f);
  }
  return f;
}

/**
 * A count in words: the plural form the language uses for `n`, with `{n}` filled in.
 *
 * @example
 * plural({ one: '{n} message', other: '{n} messages' }, 1, 'fr-FR'); // '1 message'
 */
export function plural(forms: { readonly one: string; readonly other: string }, n: number, locale: string): string {
  const form = formats(locale).plural.select(n) === 'one' ? forms.one : forms.other;
  return fill(form, { n: formats(locale).number.format(n) });
}

/**
 * A name of a closed set in the report's words, or the code itself when the set does not know it
 * (a category or kind added to the scanner after this report was written).
 *
 * @example
 * termOf(wordsFor('fr').category, 'ad-tech'); // 'publicité'
 */
export function termOf(words: Readonly<Record<string, string>>, code: string | null): string {
  const key = code ?? 'unknown';
  return Object.hasOwn(words, key) ? (words[key] ?? key) : key;
}
