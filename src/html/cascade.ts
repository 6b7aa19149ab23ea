/**
 * A tiny CSS cascade over the few properties that decide size and visibility.
 */

/** The properties the walker evaluates; everything else in a style is ignored. */
export const CASCADE_PROPS = [
  'display',
  'visibility',
  'opacity',
  'overflow',
  'overflow-x',
  'overflow-y',
  'width',
  'height',
  'min-width',
  'min-height',
  'max-width',
  'max-height',
  'mso-hide',
  'position',
  'left',
  'top',
  'margin-left',
] as const;

/**
 * One of {@link CASCADE_PROPS}.
 *
 * @example
 * const p: CascadeProp = 'max-height';
 */
export type CascadeProp = (typeof CASCADE_PROPS)[number];

/**
 * Winning (lower-cased, trimmed, `!important` removed) value per property; `null` when no rule sets it.
 *
 * @example
 * const c: Computed = { ...emptyComputed(), display: 'none' };
 */
export type Computed = { [K in CascadeProp]: string | null };

/**
 * One declaration of a cascaded property. `order` is its position in the document (style
 * sheets) or in the `style` attribute; later wins between equal ranks.
 *
 * @example
 * const d: Decl = { prop: 'width', value: '1px', important: false, order: 0 };
 */
export interface Decl {
  readonly prop: CascadeProp;
  readonly value: string;
  readonly important: boolean;
  readonly order: number;
}

/**
 * A style rule that matched an element: its selector specificity and its cascaded declarations.
 *
 * @example
 * const m: MatchedRule = { specificity: 101, decls: [] };
 */
export interface MatchedRule {
  readonly specificity: number;
  readonly decls: readonly Decl[];
}

const PROP_SET: ReadonlySet<string> = new Set<string>(CASCADE_PROPS);

/**
 * Narrows a lower-case property name to a {@link CascadeProp}.
 *
 * @example
 * isCascadeProp('display'); // true
 */
export function isCascadeProp(name: string): name is CascadeProp {
  return PROP_SET.has(name);
}

/**
 * A {@link Computed} with every property unset.
 *
 * @example
 * emptyComputed().display; // null
 */
export function emptyComputed(): Computed {
  return {
    display: null,
    visibility: null,
    opacity: null,
    overflow: null,
    'overflow-x': null,
    'overflow-y': null,
    width: null,
    height: null,
    'min-width': null,
    'min-height': null,
    'max-width': null,
    'max-height': null,
    'mso-hide': null,
    position: null,
    left: null,
    top: null,
    'margin-left': null,
  };
}

// Rank = importance, then origin (style attribute beats sheets), then specificity, then order.
// Specificity is below 1e6 and order below 1e6, so the sum stays exact in a double.
const IMPORTANT = 4e12;
const INLINE = 2e12;
const SPECIFICITY = 1e6;

function apply(computed: Computed, ranks: Partial<Record<CascadeProp, number>>, d: Decl, base: number): void {
  const rank = (d.important ? IMPORTANT : 0) + base + Math.min(d.order, SPECIFICITY - 1);
  const previous = ranks[d.prop];
  if (previous === undefined || rank >= previous) {
    ranks[d.prop] = rank;
    computed[d.prop] = d.value;
  }
}

/**
 * Cascades a `style` attribute's declarations over the matched sheet rules.
 *
 * @example
 * cascade([{ prop: 'width', value: '1px', important: false, order: 0 }], []).width; // '1px'
 */
export function cascade(inline: readonly Decl[] | null, rules: readonly MatchedRule[]): Computed {
  const computed = emptyComputed();
  const ranks: Partial<Record<CascadeProp, number>> = {};
  for (const rule of rules) {
    const base = Math.min(rule.specificity, SPECIFICITY - 1) * SPECIFICITY;
    for (const d of rule.decls) apply(computed, ranks, d, base);
  }
  if (inline !== null) for (const d of inline) apply(computed, ranks, d, INLINE);
  return computed;
}
