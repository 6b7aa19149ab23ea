/**
 * The demo page's own words, in English and French (the findings' explanations come from the
 * library, in the language of the scan).
 */
import type { Confidence, FindingKind, Language } from '../src/browser/index.js';

/** Every text of the page, by key. */
export interface UiText {
  readonly title: string;
  readonly intro: string;
  readonly drop: string;
  readonly choose: string;
  readonly paste: string;
  readonly recipient: string;
  readonly scan: string;
  readonly loading: string;
  readonly findings: string;
  readonly none: string;
  readonly preview: string;
  readonly previewNote: string;
  readonly removed: (n: number) => string;
  readonly summary: (trackers: number, leaks: number) => string;
  readonly from: string;
  readonly subject: string;
  readonly leaks: string;
  readonly problems: string;
  readonly kind: Readonly<Record<FindingKind, string>>;
  readonly confidence: Readonly<Record<Confidence, string>>;
}

/** The page in each language. */
export const TEXT: Readonly<Record<Language, UiText>> = {
  en: {
    title: 'spypixel: who is watching you read this email?',
    intro: 'Drop an .eml file or paste an email’s HTML. Everything happens in this page: nothing is uploaded, nothing is loaded.',
    drop: 'Drop an .eml or .html file here',
    choose: 'or choose a file',
    paste: 'or paste the HTML of a message',
    recipient: 'Your address (to find where it leaks)',
    scan: 'Scan the pasted HTML',
    loading: 'Scanning…',
    findings: 'Trackers found',
    none: 'No tracker found.',
    preview: 'Sanitised preview',
    previewNote: 'Trackers removed; no remote content is loaded (sandboxed frame, Content-Security-Policy).',
    removed: (n) => `${n} tracker${n === 1 ? '' : 's'} removed from the preview.`,
    summary: (t, l) => `${t} tracker${t === 1 ? '' : 's'}, ${l} address leak${l === 1 ? '' : 's'}.`,
    from: 'From',
    subject: 'Subject',
    leaks: 'Your address is sent',
    problems: 'Problems met',
    kind: { 'open-pixel': 'Open pixel', beacon: 'Beacon', 'css-beacon': 'CSS beacon', 'click-redirect': 'Click tracking' },
    confidence: { certain: 'certain', likely: 'likely', possible: 'possible' },
  },
  fr: {
    title: 'spypixel : qui vous regarde lire ce courriel ?',
    intro: 'Déposez un fichier .eml ou collez le HTML d’un courriel. Tout se passe dans cette page : rien n’est envoyé, rien n’est chargé.',
    drop: 'Déposez un fichier .eml ou .html ici',
    choose: 'ou choisissez un fichier',
    paste: 'ou collez le HTML d’un message',
    recipient: 'Votre adresse (pour trouver où elle fuit)',
    scan: 'Analyser le HTML collé',
    loading: 'Analyse…',
    findings: 'Traceurs trouvés',
    none: 'Aucun traceur trouvé.',
    preview: 'Aperçu assaini',
    previewNote: 'Traceurs retirés ; aucun contenu distant n’est chargé (cadre isolé, Content-Security-Policy).',
    removed: (n) => `${n} traceur${n > 1 ? 's' : ''} retiré${n > 1 ? 's' : ''} de l’aperçu.`,
    summary: (t, l) => `${t} traceur${t > 1 ? 's' : ''}, ${l} fuite${l > 1 ? 's' : ''} d’adresse.`,
    from: 'De',
    subject: 'Objet',
    leaks: 'Votre adresse est transmise',
    problems: 'Problèmes rencontrés',
    kind: { 'open-pixel': 'Pixel d’ouverture', beacon: 'Balise', 'css-beacon': 'Balise CSS', 'click-redirect': 'Suivi des clics' },
    confidence: { certain: 'certain', likely: 'probable', possible: 'possible' },
  },
};
