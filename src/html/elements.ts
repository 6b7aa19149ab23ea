/**
 * Which element attributes make a mail client fetch a URL.
 */
import type { DefaultTreeAdapterTypes } from 'parse5';
import type { LoadVia } from './types.js';
import { isLoadableUrl, parseMetaRefresh, parseSrcset, trimUrl } from './urls.js';

type Element = DefaultTreeAdapterTypes.Element;

/**
 * A URL held by an element attribute.
 *
 * @example
 * const u: AttributeUrl = { attribute: 'src', url: 'https://t.example/o.gif', via: 'element' };
 */
export interface AttributeUrl {
  /** The attribute as written in the report (`xlink:href` keeps its prefix). */
  readonly attribute: string;
  readonly url: string;
  readonly via: LoadVia;
}

/** Single-URL attributes per tag. `background` is handled for every element. */
const URL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  img: ['src'],
  video: ['poster', 'src'],
  audio: ['src'],
  source: ['src'],
  track: ['src'],
  iframe: ['src'],
  frame: ['src'],
  embed: ['src'],
  object: ['data'],
  link: ['href'],
  // SVG <image> and Outlook's VML fills/images (bulletproof backgrounds) load their source too.
  image: ['href', 'xlink:href'],
  'v:fill': ['src'],
  'v:image': ['src'],
  'v:imagedata': ['src'],
};

/** Attributes holding a `srcset` candidate list. */
const SRCSET_ATTRIBUTES: Readonly<Record<string, string>> = {
  img: 'srcset',
  source: 'srcset',
  link: 'imagesrcset',
};

/**
 * The value of an attribute by its qualified name (`xlink:href` matches prefix + name).
 *
 * @example
 * getAttr(img, 'src');
 */
export function getAttr(el: Element, qualified: string): string | undefined {
  for (const a of el.attrs) {
    if (a.name === qualified && a.prefix === undefined) return a.value;
    if (a.prefix !== undefined && `${a.prefix}:${a.name}` === qualified) return a.value;
  }
  return undefined;
}

function add(out: AttributeUrl[], attribute: string, raw: string | undefined, via: LoadVia): void {
  if (raw === undefined) return;
  const url = trimUrl(raw);
  if (isLoadableUrl(url)) out.push({ attribute, url, via });
}

/**
 * Every URL the element's attributes would load, in a stable order (attribute table order).
 * Links (`a`, `area`) are not included here.
 *
 * @example
 * elementUrls(imgElement); // [{ attribute: 'src', url: '…', via: 'element' }]
 */
export function elementUrls(el: Element, tag: string): AttributeUrl[] {
  const out: AttributeUrl[] = [];
  if (tag === 'input') {
    if ((getAttr(el, 'type') ?? '').trim().toLowerCase() === 'image') add(out, 'src', getAttr(el, 'src'), 'element');
  } else if (tag === 'meta') {
    if ((getAttr(el, 'http-equiv') ?? '').trim().toLowerCase() === 'refresh') {
      const target = parseMetaRefresh(getAttr(el, 'content') ?? '');
      add(out, 'content', target ?? undefined, 'meta-refresh');
    }
  } else {
    const names = URL_ATTRIBUTES[tag];
    if (names !== undefined) for (const name of names) add(out, name, getAttr(el, name), 'element');
    const srcsetName = SRCSET_ATTRIBUTES[tag];
    const srcset = srcsetName === undefined ? undefined : getAttr(el, srcsetName);
    if (srcsetName !== undefined && srcset !== undefined) {
      for (const candidate of parseSrcset(srcset)) add(out, srcsetName, candidate, 'element');
    }
  }
  add(out, 'background', getAttr(el, 'background'), 'element');
  return out;
}
