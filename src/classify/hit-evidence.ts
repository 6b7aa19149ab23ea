/**
 * The pixel evidence a catalogue match needs when it names a host or a path shape but no endpoint:
 * vendors' hosts and customers' branded hosts serve content images, template spacers and hidden
 * mobile variants beside their counters.
 */
import type { Signal } from '../types.js';
import type { Candidate } from './classify.js';
import { isStaticImageFile } from './dynamic.js';
import { hasCountingQuery, isSpacerName, trackingPathStrength, type SizeClass } from './signals.js';

/** Hidden images up to this size in px are pixels in disguise (Superhuman hides 20x20 images). */
export const SMALL_HIDDEN_PX = 25;

/**
 * What the URL and presentation of one resource show, before the decision.
 *
 * @example
 * const ev: Evidence = { signals: ['size-1x1'], hasId: true, fileId: true, trackPath: false };
 */
export interface Evidence {
  readonly signals: Signal[];
  /** An identifier anywhere: a query value, a path segment, spread numbers or the address. */
  readonly hasId: boolean;
  /** An identifier in the file name, the query or the address, not only in a shared folder. */
  readonly fileId: boolean;
  readonly trackPath: boolean;
}

/**
 * A layout spacer: a spacer-named static image file with no id in its name or query, no counting
 * query and no tracking word. ESPs host template spacers beside their customers' images, often
 * under an account folder (`/lib/<account>/m/1/spacer.gif`), the same for every recipient.
 *
 * @example
 * isStaticSpacer(candidateFor('https://image.s7.exacttarget.com/lib/fe9a…/m/1/spacer.gif'), ev); // true
 */
export function isStaticSpacer(c: Candidate, ev: Evidence): boolean {
  return isSpacerName(c.url) && isStaticImageFile(c.url) && !ev.fileId && !hasCountingQuery(c.url) && trackingPathStrength(c.url) !== 'strong';
}

/**
 * Whether an image on a vendor's host (no endpoint fact) shows pixel evidence: tiny and not a
 * template spacer, a tracking word, the address, a hidden pixel shape, or an unsized query id.
 *
 * @example
 * hostHitEvidence(candidateFor('https://x.mjt.lu/img/a/b/hero-mobile.png', { hidden }), ev, 'sized'); // false
 */
export function hostHitEvidence(c: Candidate, ev: Evidence, size: SizeClass): boolean {
  if (size === '1x1' || size === 'zero' || size === 'tiny') return !isStaticSpacer(c, ev);
  if (ev.trackPath || c.leaks.length > 0) return true;
  if (c.resource.hidden !== null && hiddenPixelShape(c, ev)) return true;
  return size !== 'sized' && ev.signals.includes('identifier-param');
}

/**
 * A vendor's path shape on a host nobody catalogued (`email.<brand>/email/<x>.gif`, `/o/<x>`) is
 * where senders keep their content images too: a counter there is tiny, hidden, or carries an id
 * or the address; a visible content-sized image, or an unsized static file without an id, is the
 * sender's picture.
 *
 * @example
 * shapeHitEvidence(candidateFor('https://email.shop.example/email/banner.gif'), ev, 'sized'); // false
 */
export function shapeHitEvidence(c: Candidate, ev: Evidence, size: SizeClass): boolean {
  if (size === '1x1' || size === 'zero' || size === 'tiny' || c.leaks.length > 0) return true;
  if (c.resource.hidden !== null) return size === 'none' || hiddenPixelShape(c, ev);
  if (size === 'sized') return false;
  return ev.hasId || !isStaticImageFile(c.url);
}

/**
 * Whether a hidden image on a vendor host looks like a pixel rather than the mobile or desktop
 * variant of a content image (the ESP hosts both): small, or unsized and either carrying an id
 * in its file name or query (an account folder is shared) or answered by a program.
 */
function hiddenPixelShape(c: Candidate, ev: Evidence): boolean {
  const { width: w, height: h } = c.resource;
  if (w !== null && h !== null) return w <= SMALL_HIDDEN_PX && h <= SMALL_HIDDEN_PX;
  if ((w ?? h ?? 0) > SMALL_HIDDEN_PX) return false;
  return ev.fileId || !isStaticImageFile(c.url);
}

