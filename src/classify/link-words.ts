/**
 * Words in link URLs and link texts: the ones redirect endpoints are named with (`/c/`, `/click`,
 * `/redirect.php`), which say nothing about the page behind them, and the ones of a list's own pages
 * (unsubscribe, preferences, web version), which are pages and not click tracking.
 */
import type { ParsedUrl } from '../url/parse.js';

/**
 * Path segments that name a redirect endpoint, not a page: they are never content words. Matched
 * on the whole segment or on its stem before a script extension (`click.php`, `redirect.aspx`).
 */
const REDIRECT_WORDS: ReadonlySet<string> = new Set([
  'c', 'l', 'r', 't', 'go', 'out', 'ls', 'ct', 'cl', 'ck', 'clk', 'lt', 'tl', 'rd', 'trk', 'lnk',
  'click', 'clicks', 'clicked', 'clickthrough', 'click-through', 'linkclick', 'clicktrack',
  'redirect', 'redirector', 'redir', 'redirection', 'track', 'tracking', 'tracker', 'tracked',
  'link', 'links', 'goto', 'away', 'jump', 'outbound', 'outgoing', 'exit', 'url', 'trackclick',
]);

/** Script extensions a redirect endpoint may carry (`click.php`, `r.aspx`). */
const SCRIPT_EXTENSIONS = ['php', 'aspx', 'asp', 'jsp', 'html', 'htm', 'cgi', 'pl', 'do', 'dll', 'cfm'];

function stemOf(segment: string): string {
  const s = segment.toLowerCase();
  const dot = s.lastIndexOf('.');
  return dot > 0 && SCRIPT_EXTENSIONS.includes(s.slice(dot + 1)) ? s.slice(0, dot) : s;
}

/**
 * Whether a path segment names a redirect endpoint (`c`, `click`, `redirect.php`, `ls`).
 *
 * @example
 * isRedirectWord('click.php'); // true
 * isRedirectWord('products');  // false
 */
export function isRedirectWord(segment: string): boolean {
  return REDIRECT_WORDS.has(stemOf(segment));
}

/** Script directories and front controllers: they name the server's layout, not a page. */
const LAYOUT_WORDS: ReadonlySet<string> = new Set(['cgi-bin', 'cgi', 'fs-bin', 'bin', 'servlet', 'servlets', 'scripts', 'index']);

/**
 * Whether a path segment says nothing about the page behind the link: a redirect word or a script
 * directory (`cgi-bin`, `servlet`, `index.php`).
 *
 * @example
 * isNeutralWord('cgi-bin'); // true
 * isNeutralWord('shoes');   // false
 */
export function isNeutralWord(segment: string): boolean {
  const s = stemOf(segment);
  return REDIRECT_WORDS.has(s) || LAYOUT_WORDS.has(s);
}

/**
 * Pieces of path segments, query keys and values that name a list's own pages. Compound segments
 * are split on `-`, `_` and `.`, so `manage-preferences` and `unsubscribe.php` count.
 */
const PAGE_WORDS: ReadonlySet<string> = new Set([
  'unsubscribe', 'unsub', 'unsubscribed', 'optout', 'preferences', 'preference', 'prefs',
  'pref', 'subscription', 'subscriptions', 'profile', 'manage', 'webversion', 'webview',
  'viewonline', 'viewemail', 'viewinbrowser', 'browser', 'online', 'forwardtoafriend', 'forwardtofriend',
  'privacy', 'abmelden', 'desinscription', 'desabonnement', 'afmelden', 'baja', 'disiscrizione',
  'emailpreferences', 'managepreferences', 'updateprofile', 'listunsubscribe',
]);

/** Link texts of a list's own pages, in the languages mail is most often written in. */
const PAGE_TEXTS: readonly string[] = [
  'unsubscribe', 'opt out', 'opt-out', 'preferences', 'manage subscription', 'update your profile',
  'update profile', 'view online', 'view in browser', 'view in your browser', 'view this email',
  'view email', 'web version', 'online version', 'browser version', 'view as a web page',
  'view as webpage', 'forward to a friend', 'abmelden', 'abbestellen', 'im browser', 'webversion',
  'online-version', 'désinscri', 'désabonn', 'desinscri', 'version en ligne', 'voir en ligne',
  'navigateur', 'darse de baja', 'cancelar suscripción', 'ver en el navegador', 'disiscriviti',
  'uitschrijven', 'afmelden', 'privacy policy',
];

function pieces(text: string): string[] {
  return text.toLowerCase().split(/[-_.+]/).filter((p) => p.length > 0);
}

/** A value names a page when it, one of its pieces, or its pieces run together (`opt-out`) do. */
function hasPageWord(values: readonly string[]): boolean {
  return values.some((v) => {
    const parts = pieces(v);
    return PAGE_WORDS.has(v.toLowerCase()) || PAGE_WORDS.has(parts.join('')) || parts.some((p) => PAGE_WORDS.has(p));
  });
}

/**
 * Query keys that hold a shipment number: a carrier's tracking page (`/track?tracknum=1Z…`) is a
 * page about a parcel, however tokenised it looks (its path words, `track`, are redirect words).
 */
const PARCEL_PARAMS: ReadonlySet<string> = new Set([
  'tracknum', 'tracknums', 'tracknumber', 'tracknumbers', 'trackingnumber', 'trackingnumbers',
  'tracking_number', 'tracking_numbers', 'trknbr', 'inquirynumber1', 'awb', 'awbno',
  'sendungsnummer', 'idship', 'parcelnumber', 'shipmentnumber', 'consignmentnumber',
]);

/**
 * Whether a link leads to a list's own page (unsubscribe, preferences, profile, web version,
 * forward to a friend) or a carrier's parcel-tracking page, by its URL path, its query or its text. Such links carry per-recipient
 * tokens too, but following them is not click tracking.
 *
 * @example
 * isPageLink(parseUrl('https://t.esp.example/hs/manage-preferences/unsubscribe?d=Vn4')!, null); // true
 * isPageLink(parseUrl('https://t.esp.example/c/Vn4bW2xQ9')!, 'Shop the sale');                    // false
 */
export function isPageLink(url: ParsedUrl, text: string | null | undefined): boolean {
  if (hasPageWord(url.segments.map(stemOf))) return true;
  if (url.query.some(([k]) => PARCEL_PARAMS.has(k.toLowerCase()))) return true;
  if (hasPageWord(url.query.flatMap(([k, v]) => (v.length <= 24 ? [k, v] : [k])))) return true;
  if (text === null || text === undefined) return false;
  const t = text.toLowerCase();
  return t.length <= 80 && PAGE_TEXTS.some((p) => t.includes(p));
}
