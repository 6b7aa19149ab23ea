/**
 * Plain-language explanation of a finding, in English or French: what is sent, to whom, and why it
 * matters. Written for the person who received the message.
 */
import type { VendorEntry } from '../catalogue/types.js';
import type { FindingKind, Language, Leak, Signal } from '../types.js';
import type { Measurement } from './measure.js';

/**
 * What the explanation is built from.
 *
 * @example
 * const f: ExplainInput = { kind: 'open-pixel', host: 't.example', thirdParty: true, vendor: null, measurement: 'individual', leaks: [], signals: [] };
 */
export interface ExplainInput {
  readonly kind: FindingKind;
  readonly host: string;
  readonly thirdParty: boolean;
  readonly vendor: VendorEntry | null;
  readonly measurement: Measurement;
  readonly leaks: readonly Leak[];
  readonly signals: readonly Signal[];
  readonly count?: number;
}

const COUNTRY: Readonly<Record<string, { en: string; fr: string }>> = {
  US: { en: 'United States', fr: 'États-Unis' },
  FR: { en: 'France', fr: 'France' },
  DE: { en: 'Germany', fr: 'Allemagne' },
  GB: { en: 'United Kingdom', fr: 'Royaume-Uni' },
  IE: { en: 'Ireland', fr: 'Irlande' },
  NL: { en: 'Netherlands', fr: 'Pays-Bas' },
  BE: { en: 'Belgium', fr: 'Belgique' },
  CA: { en: 'Canada', fr: 'Canada' },
  IL: { en: 'Israel', fr: 'Israël' },
};

function who(f: ExplainInput, lang: Language): string {
  const v = f.vendor;
  if (v === null) {
    if (!f.thirdParty) return lang === 'fr' ? `l’expéditeur (${f.host})` : `the sender (${f.host})`;
    return lang === 'fr' ? `un tiers non identifié (${f.host})` : `an unidentified third party (${f.host})`;
  }
  if (v.category === 'host-owner') return lang === 'fr' ? `le propriétaire de ${v.name} (${f.host})` : `the owner of ${v.name} (${f.host})`;
  const country = v.country !== undefined ? COUNTRY[v.country.toUpperCase()]?.[lang] ?? v.country : null;
  const company = v.company !== v.name ? v.company : null;
  const details = [company, country].filter((x) => x !== null).join(', ');
  return details.length > 0 ? `${v.name} (${details})` : v.name;
}

function what(lang: Language): string {
  const base =
    lang === 'fr'
      ? 'votre adresse IP (donc votre localisation approximative), l’heure et votre logiciel de messagerie'
      : 'your IP address (hence your approximate location), the time and your mail software';
  return base;
}

function trigger(f: ExplainInput, lang: Language): string {
  const print = f.signals.includes('css-media-print');
  const dark = f.signals.includes('css-media-dark');
  if (lang === 'fr') {
    if (print) return 'Quand vous imprimez ce message, sa feuille de style charge cette adresse';
    if (dark) return 'Quand vous lisez ce message en mode sombre, sa feuille de style charge cette adresse';
    if (f.kind === 'css-beacon') return 'À l’affichage, la feuille de style du message charge cette adresse';
    return 'À l’ouverture du message, cette image invisible est chargée';
  }
  if (print) return 'When you print this message, its style sheet loads this URL';
  if (dark) return 'When you read this message in dark mode, its style sheet loads this URL';
  if (f.kind === 'css-beacon') return 'When the message is displayed, its style sheet loads this URL';
  return 'When you open the message, this image is loaded';
}

function consequence(f: ExplainInput, lang: Language): string {
  const ind = f.measurement === 'individual';
  if (lang === 'fr') {
    const m = ind
      ? 'L’adresse contient un identifiant propre à vous : l’ouverture vous est attribuée personnellement, ce qui exige votre consentement selon le projet de recommandation de la CNIL (2025).'
      : 'L’adresse ne contient pas d’identifiant personnel : les ouvertures sont comptées globalement, mais votre adresse IP, donnée personnelle, est transmise.';
    return f.leaks.length > 0 ? `${m} Votre adresse e-mail y figure elle-même.` : m;
  }
  const m = ind
    ? 'The URL carries an identifier of yours: the open is recorded for you personally, which needs your consent under the CNIL’s 2025 draft recommendation.'
    : 'The URL carries no personal identifier: opens are counted in aggregate, but your IP address, which is personal data, is sent.';
  return f.leaks.length > 0 ? `${m} Your email address itself is in it.` : m;
}

/**
 * One or two sentences explaining a finding.
 *
 * @example
 * explainFinding({ kind: 'open-pixel', host: 't.example', thirdParty: true, vendor: null,
 *   measurement: 'individual', leaks: [], signals: [] }, 'en');
 * // 'When you open the message, this image is loaded: it tells an unidentified third party (t.example) …'
 */
export function explainFinding(f: ExplainInput, lang: Language): string {
  const to = who(f, lang);
  if (f.kind === 'click-redirect') {
    const n = f.count ?? 1;
    if (lang === 'fr') {
      return `${n} lien${n > 1 ? 's passent' : ' passe'} par ${to} avant d’arriver à destination : chaque clic est enregistré${
        f.measurement === 'individual' ? ' et vous est attribué' : ''
      }, avec ${what(lang)}.`;
    }
    return `${n} link${n > 1 ? 's go' : ' goes'} through ${to} before reaching the destination: every click is recorded${
      f.measurement === 'individual' ? ' and tied to you' : ''
    }, with ${what(lang)}.`;
  }
  if (f.kind === 'beacon') {
    return lang === 'fr'
      ? `À l’affichage du message, une requête de mesure d’audience ou de publicité part vers ${to} avec ${what(lang)}. ${consequence(f, lang)}`
      : `When the message is displayed, an analytics or advertising hit goes to ${to} with ${what(lang)}. ${consequence(f, lang)}`;
  }
  return lang === 'fr'
    ? `${trigger(f, lang)} : ce chargement informe ${to} que vous l’avez lu, avec ${what(lang)}. ${consequence(f, lang)}`
    : `${trigger(f, lang)}: it tells ${to} that you read it, with ${what(lang)}. ${consequence(f, lang)}`;
}
