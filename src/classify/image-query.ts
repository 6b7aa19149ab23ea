/**
 * What an image URL's tokens are for when they are not per recipient. Image CDNs and web
 * frameworks put long hex or base64 values into image URLs to sign a transformation (Sitecore's
 * `hash=`, CloudFront's `Signature=`, S3's `X-Amz-Signature=`), to version a static file
 * (`spacer.gif?v=3f2b8c1e…`, webpack's `logo.3f2b8c1e.png`, Rails' `logo-<sha256>.png`) or name the
 * picture an image script renders at a requested size (`ImageHandler.ashx?ImageID=…&width=600`).
 * None of them changes from one recipient to the next, so none is evidence of an open counter.
 */
import type { ParsedUrl } from '../url/parse.js';
import { isStaticImageFile } from './dynamic.js';

/**
 * Query keys that sign the request for a file (expiry, key pair, HMAC): the value authenticates
 * the URL, whoever fetches it.
 */
const SIGNATURE_KEYS: ReadonlySet<string> = new Set([
  'hash', 'sig', 'signature', 'x-amz-signature', 'x-amz-credential', 'x-amz-security-token',
  'x-goog-signature', 'x-goog-credential', 'key-pair-id', 'policy', 'expires',
  // API keys of the sender's account at a map or image API (Mapbox `access_token=pk.…`, Google
  // Static Maps `key=`): one key for every image the account serves.
  'access_token', 'api_key', 'apikey', 'key',
]);

/**
 * Query keys naming the picture a program hands out: a stored file (a webmail attachment's
 * `attid`, an image handler's `ImageID`) or what a generator draws (a barcode's or QR code's
 * `data`, `chl`, `text`). The picture is the same whoever is shown it.
 */
const STORED_FILE_KEYS: ReadonlySet<string> = new Set([
  'attid', 'attachment', 'attachmentid', 'file', 'fileid', 'filename', 'imageid', 'image', 'img', 'imgid',
  'photo', 'photoid', 'picture', 'pictureid', 'media', 'mediaid', 'asset', 'assetid', 'data', 'chl', 'text',
  // a file shared for viewing (`uc?export=view&id=…`)
  'export',
]);

/** Words of a program named for the file it hands out (`GetFileAttachment`, `GetAttachmentThumbnail`, `download.php`). */
const FILE_PROGRAM_WORDS = ['attachment', 'thumbnail', 'download'];

/** Keys of a signed URL's expiry time (LinkedIn's media `e=`, CloudFront's `Expires=`). */
const EXPIRY_KEYS: ReadonlySet<string> = new Set(['e', 'exp', 'expires', 'expiry', 'expire']);

/**
 * Whether the URL is signed with an expiry (`?e=1720000000&v=beta&t=<signature>`): every token of
 * its query then authenticates the request, whoever makes it.
 */
function hasSignedExpiry(url: ParsedUrl): boolean {
  return url.query.some(([k, v]) => EXPIRY_KEYS.has(k.toLowerCase()) && EPOCH.test(v));
}

/**
 * Whether a program's query names the picture it serves or draws (`?attid=0.1`, `?ImageID=…`,
 * `?data=9780201379624`).
 *
 * @example
 * namesStoredFile(parseUrl('https://mail.example/mail/u/0?ui=2&attid=0.1&view=fimg')!); // true
 * namesStoredFile(parseUrl('https://mail.example/owa/service.svc/s/GetFileAttachment?id=AAMk')!); // true
 * namesStoredFile(parseUrl('https://t.example/cgi-bin/o?y=FW0CCzME0D40Bx')!);            // false
 */
export function namesStoredFile(url: ParsedUrl): boolean {
  const program = (url.segments[url.segments.length - 1] ?? '').toLowerCase();
  if (FILE_PROGRAM_WORDS.some((w) => program.includes(w))) return true;
  return url.query.some(([k, v]) => v.length > 0 && STORED_FILE_KEYS.has(k.toLowerCase()));
}

/** Query keys that version a static file so caches fetch the new one: cache-busters. */
const VERSION_KEYS: ReadonlySet<string> = new Set(['v', 'ver', 'version', 'rev', 'cb', 'cachebuster', 'hash']);

/** Query keys that carry a cache-busting time; exempt only with an epoch value (10 or 13 digits). */
const TIME_KEYS: ReadonlySet<string> = new Set(['t', 'ts', 'time', 'timestamp', 'cachebust', 'nocache', '_']);
const EPOCH = /^(?:\d{10}|\d{13})$/;

/** Stylesheets and fonts are versioned like images (`fonts.css?v=3f2b8c1e…`). */
const STATIC_ASSET_EXTENSIONS: ReadonlySet<string> = new Set(['css', 'woff', 'woff2', 'ttf', 'otf', 'eot']);

/** A static image file, stylesheet or font: what a cache-busting version is put on. */
function isStaticAsset(url: ParsedUrl): boolean {
  if (isStaticImageFile(url)) return true;
  const last = url.segments[url.segments.length - 1] ?? '';
  const dot = last.lastIndexOf('.');
  return dot > 0 && STATIC_ASSET_EXTENSIONS.has(last.slice(dot + 1).toLowerCase());
}

/**
 * Query keys asking an image server for a rendering (size, crop, format, quality). A counter
 * answers the same blank pixel to everyone and has no use for them.
 */
const TRANSFORM_KEYS: ReadonlySet<string> = new Set([
  'w', 'h', 'width', 'height', 'wid', 'hei', 'sw', 'sh', 'imwidth', 'resize', 'size', 'fit', 'crop', 'dpr',
  'zc', 'quality', 'qlt', 'fm', 'fmt', 'format', 'thumb', 'thumbnail',
]);

/**
 * Whether a query key carries a value that is not per recipient in an image URL: a signature
 * anywhere, a version or an epoch cache-buster (`?ts=1715771234567`) on a static image file,
 * stylesheet or font.
 *
 * @example
 * isFileTokenKey('X-Amz-Signature', parseUrl('https://b.example/x?X-Amz-Signature=ab12')!); // true
 * isFileTokenKey('X-Amz-Date', parseUrl('https://b.example/qr.png?X-Amz-Date=20250608T072545Z')!); // true
 * isFileTokenKey('v', parseUrl('https://cdn.example/spacer.gif?v=3f2b8c1e9d4a')!);          // true
 * isFileTokenKey('v', parseUrl('https://t.example/t?v=RXRHd1pDa1oy')!);                    // false
 * isFileTokenKey('s', parseUrl('https://x.imgix.net/a.png?w=24&s=9c2f3e8b')!);              // true
 */
export function isFileTokenKey(key: string, url: ParsedUrl): boolean {
  const k = key.toLowerCase();
  // A presigned S3 or Cloud Storage URL carries its whole request signature in the query
  // (`X-Amz-Algorithm`, `X-Amz-Date`, `X-Amz-SignedHeaders`…, AWS Signature Version 4): the
  // signing time and key, the same for whoever loads the file.
  if (SIGNATURE_KEYS.has(k) || k.startsWith('x-amz-') || k.startsWith('x-goog-') || hasSignedExpiry(url)) return true;
  // imgix signs its rendering parameters in `s=`; elsewhere `s` often names a subscriber.
  if (k === 's' && hasImageTransform(url)) return true;
  if (!isStaticAsset(url)) return false;
  if (VERSION_KEYS.has(k)) return true;
  // A timestamp that busts a static file's cache is the time of the send, not a person.
  return TIME_KEYS.has(k) && url.query.some(([qk, v]) => qk === key && EPOCH.test(v));
}

/**
 * Whether the query asks for a rendering of the image (`?width=600`, `?w=300&h=300&zc=1`).
 *
 * @example
 * hasImageTransform(parseUrl('https://shop.example/ImageHandler.ashx?ImageID=7&width=600')!); // true
 * hasImageTransform(parseUrl('https://t.example/open.aspx?id=7')!);                          // false
 */
export function hasImageTransform(url: ParsedUrl): boolean {
  return url.query.some(([k, v]) => v.length > 0 && TRANSFORM_KEYS.has(k.toLowerCase()));
}

const HEX_CHARS = /^[0-9a-f]+$/i;
const NAME = /^[a-z0-9_@-]{1,64}$/i;
const LETTER = /[a-z]/i;

/** A file's own name before the hash: short, with a letter, and not itself a hex token. */
function isName(s: string): boolean {
  return NAME.test(s) && LETTER.test(s) && !(s.length >= 16 && HEX_CHARS.test(s));
}

/**
 * Whether a path segment is a fingerprinted static asset: a named image file with a content hash
 * added by a build tool, `name.<8–20 hex>.ext` (webpack, Vite) or `name-<64 hex>.ext`
 * (Rails' asset pipeline). The hash names the file's bytes, which every recipient shares. A
 * 32-hex suffix is left alone: it is also the size of an MD5 of the recipient's address.
 *
 * @example
 * isFingerprintedAsset('logo.3f2b8c1e.png'); // true
 * isFingerprintedAsset('3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f.gif'); // false (the whole name is a token)
 */
export function isFingerprintedAsset(segment: string): boolean {
  const ext = segment.lastIndexOf('.');
  if (ext <= 0) return false;
  const stem = segment.slice(0, ext);
  const dot = stem.lastIndexOf('.');
  if (dot > 0) {
    const hash = stem.slice(dot + 1);
    if (hash.length >= 8 && hash.length <= 20 && HEX_CHARS.test(hash) && isName(stem.slice(0, dot))) return true;
  }
  const dash = stem.lastIndexOf('-');
  if (dash > 0) {
    const hash = stem.slice(dash + 1);
    if (hash.length === 64 && HEX_CHARS.test(hash) && isName(stem.slice(0, dash))) return true;
  }
  return false;
}

const FONT_EXTENSIONS: ReadonlySet<string> = new Set(['otf', 'ttf', 'woff', 'woff2', 'eot']);

/**
 * A font file (`LyftPro2.0-Bold.otf`): the same bytes for every reader.
 *
 * @example
 * isFontFile(parseUrl('https://assets.example/font/Brand-Bold.otf')!); // true
 */
export function isFontFile(url: ParsedUrl): boolean {
  const last = url.segments[url.segments.length - 1] ?? '';
  const dot = last.lastIndexOf('.');
  return dot > 0 && FONT_EXTENSIONS.has(last.slice(dot + 1).toLowerCase());
}
