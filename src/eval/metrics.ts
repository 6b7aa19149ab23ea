/**
 * The headline figures of an evaluation and the regression gate on them. Pure: CI and the tests
 * compute the same numbers from a `Score`.
 */
import type { FindingKind } from '../types.js';
import type { KindScore, Score } from './score.js';

/**
 * Ratios in 0..1, or `null` when there is nothing to measure (no label, no finding).
 * - `pixelRecall` / `pixelPrecision`: open pixels, beacons and CSS beacons together.
 * - `clickRecall` / `clickPrecision`: click redirects.
 * - `vendor`: of the found trackers whose label names a vendor, the share we name the same.
 * - `leaks`: of the labelled address leaks in trackers, the share found with the labelled encoding.
 *
 * @example
 * const m: EvalMetrics = { pixelRecall: 1, pixelPrecision: 1, clickRecall: 0.9, clickPrecision: 1, vendor: 0.93, leaks: 1, cleanFindings: 0 };
 */
export interface EvalMetrics {
  readonly pixelRecall: number | null;
  readonly pixelPrecision: number | null;
  readonly clickRecall: number | null;
  readonly clickPrecision: number | null;
  readonly vendor: number | null;
  readonly leaks: number | null;
  /** Findings on emails labelled clean (a count, not a ratio). */
  readonly cleanFindings: number;
}

const PIXEL_KINDS: readonly FindingKind[] = ['open-pixel', 'beacon', 'css-beacon'];

function ratio(n: number, d: number): number | null {
  return d === 0 ? null : n / d;
}

function sum(kinds: readonly KindScore[], key: keyof KindScore): number {
  return kinds.reduce((acc, k) => acc + k[key], 0);
}

/**
 * Computes the headline figures of a score.
 *
 * @example
 * evalMetrics(score).clickRecall; // 0.92
 */
export function evalMetrics(s: Score): EvalMetrics {
  const pixel = PIXEL_KINDS.map((k) => s.byKind[k]);
  const click = s.byKind['click-redirect'];
  return {
    pixelRecall: ratio(sum(pixel, 'found'), sum(pixel, 'labels')),
    pixelPrecision: ratio(sum(pixel, 'matchedFindings'), sum(pixel, 'findings')),
    clickRecall: ratio(click.found, click.labels),
    clickPrecision: ratio(click.matchedFindings, click.findings),
    vendor: ratio(s.vendorAgrees, s.vendorLabels),
    leaks: ratio(s.leaksFound, s.leaksExpected),
    cleanFindings: s.findingsOnClean,
  };
}

/**
 * Minimum levels (and the clean-mail maximum) a run must reach; an absent key is not checked.
 *
 * @example
 * const t: EvalThresholds = { pixelRecall: 0.98, clickRecall: 0.98, maxCleanFindings: 0 };
 */
export interface EvalThresholds {
  readonly pixelRecall?: number;
  readonly pixelPrecision?: number;
  readonly clickRecall?: number;
  readonly clickPrecision?: number;
  readonly vendor?: number;
  readonly leaks?: number;
  readonly maxCleanFindings?: number;
}

const LABELS: Record<Exclude<keyof EvalThresholds, 'maxCleanFindings'>, string> = {
  pixelRecall: 'pixel+beacon recall',
  pixelPrecision: 'pixel+beacon precision',
  clickRecall: 'click-redirect recall',
  clickPrecision: 'click-redirect precision',
  vendor: 'vendor attribution',
  leaks: 'leak-encoding agreement',
};

/**
 * One message per figure below its threshold (empty when the run passes). A figure with nothing
 * to measure (`null`) passes: a corpus without labelled leaks cannot regress on them.
 *
 * @example
 * gateFailures(evalMetrics(score), { clickRecall: 0.95 });
 * // ['click-redirect recall 0.913 is below 0.95']
 */
export function gateFailures(m: EvalMetrics, t: EvalThresholds): string[] {
  const out: string[] = [];
  for (const key of Object.keys(LABELS) as Array<keyof typeof LABELS>) {
    const min = t[key];
    const value = m[key];
    if (min !== undefined && value !== null && value < min) out.push(`${LABELS[key]} ${value.toFixed(3)} is below ${min}`);
  }
  if (t.maxCleanFindings !== undefined && m.cleanFindings > t.maxCleanFindings) {
    out.push(`${m.cleanFindings} findings on clean emails, more than ${t.maxCleanFindings}`);
  }
  return out;
}
