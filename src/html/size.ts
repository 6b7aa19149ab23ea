/**
 * Rendered size in CSS px from HTML dimension attributes and computed CSS lengths.
 */
import type { Computed } from './cascade.js';

/** px per unit for the absolute CSS units; relative units (em, %, vw…) have no fixed size. */
const ABSOLUTE_UNITS: Readonly<Record<string, number>> = {
  px: 1,
  pt: 4 / 3,
  pc: 16,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
  q: 96 / 101.6,
};

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Reads a non-negative decimal number at the start of `s`; returns its end index or -1. */
function numberEnd(s: string, start: number): number {
  let i = start;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  if (i < s.length && s.charCodeAt(i) === 0x2e) {
    const dot = i;
    i++;
    while (i < s.length && isDigit(s.charCodeAt(i))) i++;
    if (i === dot + 1) i = dot;
  }
  return i === start ? -1 : i;
}

/**
 * An HTML `width`/`height` attribute in px, following the dimension-value rules: leading
 * whitespace, digits, anything after is ignored (`1px` → 1) except `%` (→ `null`).
 *
 * @example
 * parseDimensionAttribute(' 1 '); // 1
 * parseDimensionAttribute('100%'); // null
 */
export function parseDimensionAttribute(value: string | undefined): number | null {
  if (value === undefined) return null;
  let i = 0;
  while (i < value.length && value.charCodeAt(i) <= 0x20) i++;
  if (value.charCodeAt(i) === 0x2b) i++;
  const end = numberEnd(value, i);
  if (end === -1) return null;
  if (value.charCodeAt(end) === 0x25) return null;
  const n = Number(value.slice(i, end));
  return Number.isFinite(n) ? n : null;
}

/**
 * A CSS length in px: absolute units, and unitless numbers as quirks mode reads them; `auto`,
 * `%`, font- or viewport-relative units give `null` (unknown), except that zero is zero in any unit.
 *
 * @example
 * parseCssLength('1px'); // 1
 * parseCssLength('2em'); // null
 * parseCssLength('1');   // 1 (quirks-mode px)
 */
export function parseCssLength(value: string | null): number | null {
  if (value === null) return null;
  const s = value.trim().toLowerCase();
  let i = 0;
  let sign = 1;
  if (s.charCodeAt(0) === 0x2d) {
    sign = -1;
    i = 1;
  } else if (s.charCodeAt(0) === 0x2b) {
    i = 1;
  }
  const end = numberEnd(s, i);
  if (end === -1) return null;
  const n = Number(s.slice(i, end)) * sign;
  if (!Number.isFinite(n)) return null;
  const unit = s.slice(end);
  if (n === 0) return unit.length === 0 || /^[a-z%]+$/.test(unit) ? 0 : null;
  // Quirks mode (mail without a doctype, and the Word engine of Outlook) reads a unitless length
  // as px; senders who write `height:1` mean one pixel.
  if (unit.length === 0) return n;
  const factor = ABSOLUTE_UNITS[unit];
  return factor === undefined ? null : n * factor;
}

/** Applies CSS min/max to one axis: max first, then min wins (as CSS does). */
function clamp(value: number | null, min: number | null, max: number | null): number | null {
  // An unknown (auto) size is still forced to zero by `max-*: 0`; other maxima are only upper bounds.
  if (value === null) return max === 0 ? 0 : null;
  let v = value;
  if (max !== null && v > max) v = max;
  if (min !== null && v < min) v = min;
  return Math.round(v * 100) / 100;
}

/** A CSS size that replaces the attribute; negative lengths are invalid CSS and keep the attribute. */
function override(attr: number | null, css: string | null): number | null {
  if (css === null) return attr;
  const v = parseCssLength(css);
  return v !== null && v < 0 ? attr : v;
}

/**
 * The rendered size of an element: CSS wins over the presentational attributes, then min/max
 * clamp. For images (`replaced`), `auto` on one axis follows the other through the aspect ratio
 * browsers take from the `width`/`height` attributes, so the common `img { height: auto }` reset
 * keeps a `width=1 height=1` pixel at 1×1.
 *
 * @example
 * renderedSize('1', '1', null, true); // { width: 1, height: 1 }
 */
export function renderedSize(
  widthAttr: string | undefined,
  heightAttr: string | undefined,
  css: Computed | null,
  replaced = false,
): { width: number | null; height: number | null } {
  const wAttr = parseDimensionAttribute(widthAttr);
  const hAttr = parseDimensionAttribute(heightAttr);
  if (css === null) return { width: wAttr, height: hAttr };
  let width = clamp(override(wAttr, css.width), parseCssLength(css['min-width']), parseCssLength(css['max-width']));
  let height = clamp(override(hAttr, css.height), parseCssLength(css['min-height']), parseCssLength(css['max-height']));
  if (replaced) {
    if (height === null && css.height === 'auto' && width !== null) height = fromRatio(width, hAttr, wAttr);
    else if (width === null && css.width === 'auto' && height !== null) width = fromRatio(height, wAttr, hAttr);
  }
  return { width, height };
}

function fromRatio(other: number, numerator: number | null, denominator: number | null): number | null {
  if (other === 0) return 0;
  if (numerator === null || denominator === null || denominator === 0) return null;
  return Math.round(((other * numerator) / denominator) * 100) / 100;
}
