/**
 * Outlook conditional comments (`<!--[if mso]> … <![endif]-->`): Outlook on Windows renders their
 * content, so images and VML fills inside them load there even though other clients see a comment.
 */
import type { DefaultTreeAdapterTypes } from 'parse5';
import { parseFragmentLocated } from './adapter.js';

/**
 * The markup inside a conditional comment, parsed with locations relative to `offset`.
 *
 * @example
 * const c: ConditionalContent = { condition: 'mso', fragment, offset: 120 };
 */
export interface ConditionalContent {
  /** The condition as written, e.g. `mso`, `gte mso 9`. */
  readonly condition: string;
  readonly fragment: DefaultTreeAdapterTypes.DocumentFragment;
  /** Offset in the whole HTML where the fragment's text starts. */
  readonly offset: number;
}

/**
 * Reads a comment node as a conditional comment; `null` for ordinary comments, for the
 * downlevel-revealed form (`<!--[if !mso]><!-->`, whose content is already normal markup) and
 * for conditions with no markup inside.
 *
 * @example
 * conditionalContent(commentNode)?.condition; // 'mso'
 */
export function conditionalContent(comment: DefaultTreeAdapterTypes.CommentNode): ConditionalContent | null {
  const data = comment.data;
  const lead = data.length - data.trimStart().length;
  if (data.slice(lead, lead + 3).toLowerCase() !== '[if') return null;
  const close = data.indexOf(']>', lead);
  const end = data.toLowerCase().lastIndexOf('<![endif]');
  if (close === -1 || end === -1 || end <= close + 2) return null;
  const inner = data.slice(close + 2, end);
  if (!inner.includes('<')) return null;
  const start = comment.sourceCodeLocation?.startOffset;
  // The comment's data starts after `<!--`.
  const offset = start === undefined ? 0 : start + 4 + close + 2;
  const fragment = parseFragmentLocated(inner);
  return { condition: data.slice(lead + 3, close).trim(), fragment, offset };
}

/**
 * Line starts of a text, for turning absolute offsets into 1-based line/column.
 *
 * @example
 * lineStarts('a\nb'); // [0, 2]
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The 1-based line and column of an offset.
 *
 * @example
 * lineCol([0, 2], 3); // { line: 2, col: 2 }
 */
export function lineCol(starts: readonly number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - (starts[lo] ?? 0) + 1 };
}
