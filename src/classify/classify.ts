/**
 * Decides whether one loaded resource is a tracker, of which kind and how sure we are. Pure: the
 * catalogue match, party and leaks are computed by the caller and passed in.
 */
import type { CatalogueMatch } from '../catalogue/types.js';
import type { Resource } from '../html/types.js';
import type { Confidence, FindingKind, Leak, Signal, VendorCategory } from '../types.js';
import type { ParsedUrl } from '../url/parse.js';
import { findAnyAddresses } from '../leaks/find-any.js';
import { hasSpreadNumericId, isStaticImageFile } from './dynamic.js';
import { hostHitEvidence, isStaticSpacer, SMALL_HIDDEN_PX, shapeHitEvidence, type Evidence } from './hit-evidence.js';
import { compoundTokenShape, identifierShape } from './identifiers.js';
import { hasImageTransform, isFileTokenKey, isFingerprintedAsset, isFontFile } from './image-query.js';
import { dedicatedHostLink } from './links.js';
import {
  hasCountingQuery,
  hasTrackingPath,
  identifierEvidence,
  isSpacerName,
  presentationSignals,
  sizeClass,
} from './signals.js';
import { shownProgramCounter, unsizedCounter } from './unsized.js';

/**
 * Everything known about one resource before the decision.
 *
 * @example
 * const c: Candidate = { resource, url, match: null, thirdParty: true, leaks: [] };
 */
export interface Candidate {
  readonly resource: Resource;
  readonly url: ParsedUrl;
  readonly match: CatalogueMatch | null;
  readonly thirdParty: boolean;
  readonly leaks: readonly Leak[];
  /**
   * Another content image of the message is in this URL's folder (see `contentFolders`): a
   * token in the folder is the sender's, not the recipient's. Absent: not known.
   */
  readonly sharedFolder?: boolean;
  /**
   * The file name is a token that at least three of the message's links share (see `linkTokens`):
   * the reader's token. Absent: not known.
   */
  readonly linkToken?: boolean;
}

/**
 * The classifier's verdict.
 *
 * @example
 * const d: Decision = { kind: 'open-pixel', confidence: 'likely', signals: ['size-1x1', 'identifier-param'] };
 */
export interface Decision {
  readonly kind: FindingKind;
  readonly confidence: Confidence;
  readonly signals: readonly Signal[];
}

// Categories whose hits measure audiences or feed advertising rather than report one open.
const BEACON_CATEGORIES: ReadonlySet<VendorCategory> = new Set<VendorCategory>([
  'analytics',
  'ad-tech',
  'social',
  'data-broker',
  'audience-measurement',
]);

/**
 * Categories whose hosts serve ads: an image from them is an ad impression even at banner size,
 * where the same hosts' lack of pixel evidence would otherwise say "content".
 */
const AD_CATEGORIES: ReadonlySet<VendorCategory> = new Set<VendorCategory>(['ad-tech', 'audience-measurement', 'data-broker']);


function evidence(c: Candidate): Evidence {
  const signals = presentationSignals(c.resource);
  const known = c.match?.identifierParams ?? [];
  const raw = identifierEvidence(c.url, known);
  // Signatures, static-file versions and build fingerprints are the same for every recipient.
  const last = c.url.segments.length - 1;
  // An address in an image's query is someone's: per person, whoever it belongs to (a redacted
  // or forwarded copy hides the recipient's). Links are judged by their own rules.
  const addressKeys = c.resource.via === 'link-click' ? [] : findAnyAddresses(c.url, () => false).map((l) => l.location.slice('param:'.length));
  const ids = {
    ...raw,
    params: [...raw.params.filter((k) => known.includes(k) || !isFileTokenKey(k, c.url)), ...addressKeys.filter((k) => !raw.params.includes(k))],
    segments: raw.segments.filter(
      (i) => (i === last || c.sharedFolder !== true) && (i !== last || !isStaticImageFile(c.url) || !isFingerprintedAsset(c.url.segments[i] ?? '')),
    ),
  };
  // A token joined to other parts of a file name (`<id>==_b286167_tr0_t0.png`) is still a token.
  c.url.segments.forEach((seg, i) => {
    if (!ids.segments.includes(i) && (i === last || c.sharedFolder !== true) && compoundTokenShape(seg) !== null) ids.segments.push(i);
  });
  // The token every link carries, in the file name, is the reader's whatever its shape (`bgba1y`).
  if (c.linkToken === true && !ids.segments.includes(last)) ids.segments.push(last);
  // Short numbers spread over segments or joined by punctuation (`/o/1234/56789/1234567`) are one
  // identifier; content paths hold dates (`/2024/01/15/`), which stay below the digit count.
  const spread = ids.params.length === 0 && ids.segments.length === 0 && hasSpreadNumericId(c.url);
  if (ids.params.length > 0) signals.push('identifier-param');
  if (ids.segments.length > 0 || spread) signals.push('identifier-path');
  if (ids.redirect) signals.push('redirect-param');
  const trackPath = hasTrackingPath(c.url);
  if (trackPath) signals.push('tracking-path');
  if (c.leaks.length > 0) signals.push('address-leak');
  if (c.thirdParty) signals.push('third-party');
  const hasId = ids.params.length > 0 || ids.segments.length > 0 || spread || c.leaks.length > 0;
  // An id in the file name, the query or the address itself, as opposed to an account or
  // campaign folder (`/<account hash>/images/spacer.gif`) that every recipient shares.
  const fileId = ids.params.length > 0 || ids.segments.includes(last) || c.leaks.length > 0;
  return { signals, hasId, fileId, trackPath };
}

function isCss(r: Resource): boolean {
  return r.via === 'inline-style' || r.via === 'style-block' || r.via === 'style-import' || r.via === 'font-face';
}

function fromCatalogue(c: Candidate, match: CatalogueMatch, ev: Evidence): Decision | null {
  const r = c.resource;
  const size = sizeClass(r);
  const levelSignal: Signal =
    match.level === 'endpoint' ? 'known-endpoint' : match.level === 'host' ? 'known-host' : 'vendor-path-shape';
  const signals: Signal[] = [levelSignal, ...ev.signals];
  const confidence: Confidence = match.level === 'shape' ? 'likely' : 'certain';
  if (r.via === 'link-click') {
    if (match.kind === 'click-redirect') return { kind: 'click-redirect', confidence, signals };
    // Every request to a dedicated tracking host, or to a vendor endpoint that serves opens and
    // clicks alike (Selligent's optiextension.dll), is tracking; only the list's own pages are not.
    const linkConfidence = dedicatedHostLink(c.url, r.text, match.identifierParams, c.leaks.length > 0);
    if (linkConfidence === null) return null;
    const sure = match.level !== 'host' && linkConfidence === 'likely';
    return { kind: 'click-redirect', confidence: sure ? confidence : linkConfidence, signals };
  }
  // On a vendor host without an endpoint fact, only pixel evidence makes a hit: the same hosts
  // serve logos and content images, often with hashed file names. Ad servers are the exception:
  // their banners and ad tags are impressions counted when the message is displayed.
  const adImage = AD_CATEGORIES.has(match.vendor.category) && !isCss(r);
  if (adImage && (match.level === 'host' || match.kind === 'click-redirect') && !hostHitEvidence(c, ev, size)) {
    return { kind: 'beacon', confidence: 'likely', signals: [...signals, 'visible-ad'] };
  }
  if (match.level === 'host' && !hostHitEvidence(c, ev, size)) return null;
  if (match.level === 'shape' && !adImage && !shapeHitEvidence(c, ev, size)) return null;
  // A banner an ad rule names is shown too: the sanitizer may keep it visible.
  if (adImage && r.hidden === null && (size === 'sized' || size === 'none')) signals.push('visible-ad');
  let kind: FindingKind;
  if (isCss(r)) kind = 'css-beacon';
  else if (match.kind !== null && match.kind !== 'click-redirect') kind = match.kind;
  else if (match.kind === 'click-redirect') {
    // Images served through a click-tracking host are content unless they look like a pixel.
    if (size === 'sized' || size === 'none') return null;
    kind = 'open-pixel';
  } else kind = BEACON_CATEGORIES.has(match.vendor.category) ? 'beacon' : 'open-pixel';
  return { kind, confidence, signals };
}

/**
 * A tiny image is a pixel unless it is a static spacer: a token, a tracking word, a dynamic
 * endpoint (no static image file: `/o/123`, `/mark.php`) or a query a static file does not need
 * (a spacer-named file never needs one) make it an open counter.
 */
function tinyImage(c: Candidate, ev: Evidence): Decision | null {
  const { signals, hasId, trackPath } = ev;
  const counting = hasCountingQuery(c.url);
  // `pixel.gif`, `dot.gif` are spacer names too: without a token their name decides.
  if (isSpacerName(c.url) && !hasId) return counting ? { kind: 'open-pixel', confidence: 'likely', signals } : null;
  if (isStaticSpacer(c, ev)) return null;
  if (hasId || trackPath) return { kind: 'open-pixel', confidence: 'likely', signals };
  if (!isStaticImageFile(c.url)) return { kind: 'open-pixel', confidence: 'likely', signals };
  return counting ? { kind: 'open-pixel', confidence: 'possible', signals } : null;
}

function heuristic(c: Candidate, ev: Evidence): Decision | null {
  const r = c.resource;
  const { signals, hasId, trackPath } = ev;
  if (r.via === 'link-click') return null; // links without a catalogue match are grouped in links.ts
  const size = sizeClass(r);
  const tiny = size === '1x1' || size === 'zero' || size === 'tiny';
  if (isCss(r)) {
    // Print and dark-mode rules only fire for tracking or for theme assets; an identifier or a
    // tracking path tells them apart. A bare @import of a font stylesheet is not tracking.
    // Responsive `@media screen and (max-width…)` rules swap content images; print and dark-mode
    // rules are how opens are told apart by medium.
    const special = signals.includes('css-media-print') || signals.includes('css-media-dark');
    // A static image named by a CMS (`/images/<uuid>.png`) is the dark-mode logo itself; a
    // counter carries its id in the query or is answered by a program.
    const contentFile = isStaticImageFile(c.url) && !signals.includes('identifier-param') && c.leaks.length === 0;
    if (special && (trackPath || (hasId && !contentFile))) return { kind: 'css-beacon', confidence: 'likely', signals };
    // A stylesheet imported with a per-recipient token is fetched on open: an open beacon. A font
    // or image file named in an `@import` (`LyftPro2.0-Bold.otf`) is the same file for everyone;
    // only a token in its query or the address would make it personal.
    const staticFile = isStaticImageFile(c.url) || isFontFile(c.url);
    const personal = staticFile ? signals.includes('identifier-param') || c.leaks.length > 0 : hasId;
    if (r.via === 'style-import' && personal) return { kind: 'css-beacon', confidence: 'likely', signals };
    if (hasId && (trackPath || tiny || c.leaks.length > 0)) return { kind: 'css-beacon', confidence: 'likely', signals };
    return null;
  }
  if (c.leaks.length > 0) {
    const shown = !tiny && r.hidden === null;
    // The sender's own generator drawing the address at a size (a QR code, an initials avatar)
    // shows what the sender already knows. A third party's learns the address when the message is
    // shown, which is what the recipient must be told; other images carrying it are counters.
    if (shown && size === 'sized' && !c.thirdParty && hasImageTransform(c.url)) return null;
    return { kind: 'open-pixel', confidence: shown ? 'possible' : 'likely', signals };
  }
  if (tiny) return tinyImage(c, ev);
  if (r.hidden === null && shownProgramCounter(c, size)) return { kind: 'open-pixel', confidence: 'possible', signals };
  if (r.hidden !== null) {
    // Hidden content images (mobile/desktop variants) are common; a hidden small image with a
    // token, or a hidden tracking endpoint, is not.
    // Tokens in a query say "per recipient"; hashed file names in the path say "content".
    const small = r.width !== null && r.height !== null && r.width <= SMALL_HIDDEN_PX && r.height <= SMALL_HIDDEN_PX;
    const last = c.url.segments[c.url.segments.length - 1] ?? '';
    const bareToken = !last.includes('.') && signals.includes('identifier-path') && identifierShape(last) !== null;
    const queryId = signals.includes('identifier-param') || c.leaks.length > 0 || bareToken;
    if ((small && (queryId || trackPath)) || (trackPath && hasId && size !== 'sized')) {
      return { kind: 'open-pixel', confidence: 'likely', signals };
    }
    return null;
  }
  // Unsized content images are everywhere in responsive mail; an image server asked for a size
  // (`?width=600`) renders content: a counter answers everyone the same blank pixel.
  if (size !== 'none' || hasImageTransform(c.url)) return null;
  return unsizedCounter(c, ev) ? { kind: 'open-pixel', confidence: 'possible', signals } : null;
}

/**
 * Classifies one resource: `null` when it is not a tracker (content images, spacers, fonts).
 *
 * @example
 * classify({ resource, url, match: null, thirdParty: true, leaks: [] });
 * // { kind: 'open-pixel', confidence: 'likely', signals: ['size-1x1', 'identifier-param', 'third-party'] }
 */
export function classify(c: Candidate): Decision | null {
  const ev = evidence(c);
  if (c.match !== null) return fromCatalogue(c, c.match, ev);
  return heuristic(c, ev);
}
