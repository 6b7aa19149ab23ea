/**
 * Why an element is not shown, from its cascaded CSS and its `hidden` attribute.
 */
import type { HiddenReason } from './types.js';
import type { Computed } from './cascade.js';
import { parseCssLength, renderedSize } from './size.js';

/**
 * An element's own hiding: `hard` hides it and every descendant for good; `visibility` is
 * inherited but a descendant can undo it with `visibility: visible`.
 *
 * @example
 * const own: OwnHiding = { hard: 'display-none', visibility: null };
 */
export interface OwnHiding {
  readonly hard: HiddenReason | null;
  readonly visibility: 'hidden' | 'visible' | null;
}

const VISIBLE: OwnHiding = { hard: null, visibility: null };

/** Content this far left or up is moved off the screen (the usual trick uses -9999px). */
const OFF_SCREEN_PX = -999;

function isZero(value: string | null): boolean {
  return parseCssLength(value) === 0;
}

function isOpacityZero(value: string | null): boolean {
  if (value === null) return false;
  const v = value.endsWith('%') ? value.slice(0, -1) : value;
  if (v.trim() === '') return false;
  const n = Number(v);
  return Number.isFinite(n) && n <= 0;
}

function clipsOverflow(c: Computed): boolean {
  for (const v of [c.overflow, c['overflow-x'], c['overflow-y']]) {
    if (v !== null && (v.includes('hidden') || v.includes('clip'))) return true;
  }
  return false;
}

function isOffScreen(c: Computed): boolean {
  const margin = parseCssLength(c['margin-left']);
  if (margin !== null && margin <= OFF_SCREEN_PX) return true;
  if (c.position !== 'absolute' && c.position !== 'fixed') return false;
  const left = parseCssLength(c.left);
  const top = parseCssLength(c.top);
  return (left !== null && left <= OFF_SCREEN_PX) || (top !== null && top <= OFF_SCREEN_PX);
}

function hardReason(c: Computed | null, hiddenAttr: boolean, widthAttr: string | undefined, heightAttr: string | undefined): HiddenReason | null {
  if (c === null) return hiddenAttr ? 'hidden-attribute' : null;
  if (c.display === 'none') return 'display-none';
  // CSS `display` overrides the attribute's UA rule (`[hidden] { display: none }`).
  if (hiddenAttr && c.display === null) return 'hidden-attribute';
  if (c['mso-hide'] === 'all') return 'mso-hide';
  if (isOpacityZero(c.opacity)) return 'opacity-zero';
  if (clipsOverflow(c)) {
    if (isZero(c['max-height'])) return 'zero-max-height';
    const size = renderedSize(widthAttr, heightAttr, c);
    if (size.width === 0 || size.height === 0) return 'zero-size-box';
  }
  return isOffScreen(c) ? 'off-screen' : null;
}

/**
 * The element's own hiding from its cascaded CSS (or `null` when no CSS applies).
 *
 * @example
 * ownHiding(null, true, undefined, undefined).hard; // 'hidden-attribute'
 */
export function ownHiding(
  c: Computed | null,
  hiddenAttr: boolean,
  widthAttr: string | undefined,
  heightAttr: string | undefined,
): OwnHiding {
  const hard = hardReason(c, hiddenAttr, widthAttr, heightAttr);
  const v = c?.visibility ?? null;
  const visibility = v === 'hidden' || v === 'collapse' ? 'hidden' : v === 'visible' ? 'visible' : null;
  return hard === null && visibility === null ? VISIBLE : { hard, visibility };
}

/**
 * The reported hidden state, shared objects so resources do not allocate one each.
 *
 * @example
 * hiddenState('display-none', true); // { reason: 'display-none', ancestor: true }
 */
export function hiddenState(reason: HiddenReason, ancestor: boolean): HiddenState {
  const pair = STATES.get(reason);
  if (pair !== undefined) return ancestor ? pair[1] : pair[0];
  return { reason, ancestor };
}

/**
 * Hidden state as reported on a resource.
 *
 * @example
 * const h: HiddenState = { reason: 'opacity-zero', ancestor: false };
 */
export interface HiddenState {
  readonly reason: HiddenReason;
  readonly ancestor: boolean;
}

const REASONS: readonly HiddenReason[] = [
  'display-none',
  'visibility-hidden',
  'opacity-zero',
  'zero-max-height',
  'zero-size-box',
  'mso-hide',
  'off-screen',
  'hidden-attribute',
];

const STATES = new Map<HiddenReason, readonly [HiddenState, HiddenState]>(
  REASONS.map((r) => [r, [Object.freeze({ reason: r, ancestor: false }), Object.freeze({ reason: r, ancestor: true })]]),
);
