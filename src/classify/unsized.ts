/**
 * Shown images without a pixel's size that are counters all the same: unsized images whose URL
 * only a counter would have, and small shown images a program answers with a bare token.
 * Unsized content images are everywhere in responsive mail, so each rule names what no picture
 * needs: a tracking word with a token, a program counting a token or an address, a spacer with a
 * query, a UUID on a file, the reader's link token as a file name.
 */
import type { Candidate } from './classify.js';
import { isScriptEndpoint, isStaticImageFile } from './dynamic.js';
import type { Evidence } from './hit-evidence.js';
import { identifierShape } from './identifiers.js';
import { isFileTokenKey, namesStoredFile } from './image-query.js';
import { hasCountingQuery, isSpacerName, trackingPathStrength, type SizeClass } from './signals.js';

/** Visible images up to this size in px are icons or counters, not content pictures. */
const SMALL_SHOWN_PX = 40;

/**
 * A small shown image a program answers, whose whole query is one bare token
 * (`/m/r?3ki-cw8v-0-wgrcq` at 33x12): image servers name their parameters.
 *
 * @example
 * shownProgramCounter(candidateFor('http://mx.mailer.example/m/r?3ki-cw8v-0-wgrcq', 33, 12), 'sized'); // true
 */
export function shownProgramCounter(c: Candidate, size: SizeClass): boolean {
  if (size !== 'sized' || isStaticImageFile(c.url) || c.url.query.length !== 1) return false;
  const { width: w, height: h } = c.resource;
  if (w === null || h === null || w > SMALL_SHOWN_PX || h > SMALL_SHOWN_PX) return false;
  const [key, value] = c.url.query[0] ?? ['', ''];
  return value === '' && identifierShape(key) !== null;
}

/**
 * Whether an unsized, visible image without a rendering query is a counter (the caller has ruled
 * out sizes, hidden images and `?width=600`-style queries).
 *
 * @example
 * unsizedCounter(candidateFor('https://ct.example/cgi-bin/o?y=FW0CCzME0D40Bx'), ev); // true
 * unsizedCounter(candidateFor('https://cdn.example/2024/01/15/photo.jpg'), ev);    // false
 */
export function unsizedCounter(c: Candidate, ev: Evidence): boolean {
  const { signals, hasId } = ev;
  const img = c.resource.tag === 'img';
  const staticFile = isStaticImageFile(c.url);
  // A spacer never needs a query (`1x1pixel_white.gif?q=9G001`): one that carries it is counted.
  if (isSpacerName(c.url) && staticFile && hasCountingQuery(c.url)) return true;
  // A program answering an image with an opaque token or an address in its query
  // (`/cgi-bin/flosensing?y=FW0CCzME0D40Bx`, `Stats.awp?PA1=f0QQ0kgQQJfQJ7QQ0`) counts whoever
  // loads it; an image server's query names a picture or a rendering, not a person, and an
  // image proxy's carries the URL of the picture.
  const program = !staticFile && !namesStoredFile(c.url);
  if (img && program && signals.includes('identifier-param') && !signals.includes('redirect-param')) return true;
  // An image named with the token every link of the message carries is named after the reader
  // (`/img/bgba1y.png` beside links `/<link>/bgba1y`).
  if (img && c.linkToken === true) return true;
  // No static file needs a UUID in its query (`wa.gif?Log=1&guid=<uuid>`): it names the message
  // or the reader. Versions and signatures are other shapes (see `isFileTokenKey`).
  if (img && c.url.query.some(([k, v]) => identifierShape(v) === 'uuid' && !isFileTokenKey(k, c.url))) return true;
  // A tracking word plus a token, or plus a dynamic endpoint with a counting query
  // (`/api/ReadReceipt?id=42`). Content paths share the weaker words (`/view/<asset>`).
  const dynamicCounter = !staticFile && hasCountingQuery(c.url);
  if (trackingPathStrength(c.url) === 'strong' && (hasId || dynamicCounter)) return true;
  // A server program answering with an identifier in its URL (`/images/10374608.109906.aspx`).
  return img && hasId && isScriptEndpoint(c.url) && !namesStoredFile(c.url);
}
