/**
 * Whether the table is coloured. `--color auto` (the default) colours a terminal only, and obeys
 * the two conventions of the environment as Node itself does: `FORCE_COLOR` (any value but `0` or
 * `false` forces colour, `0`/`false` forbid it; it wins over `NO_COLOR`), and `NO_COLOR` (set and
 * not empty: no colour, https://no-color.org). `TERM=dumb` is a terminal without colour.
 * `--color always|never` wins over everything.
 */

/**
 * The values of `--color`.
 *
 * @example
 * const w: ColorWhen = 'auto';
 */
export type ColorWhen = 'auto' | 'always' | 'never';

/**
 * The values of `--color`, for validation.
 *
 * @example
 * COLOR_WHEN.includes('never'); // true
 */
export const COLOR_WHEN: readonly ColorWhen[] = ['auto', 'always', 'never'];

/**
 * Whether to colour output written to a stream.
 *
 * @example
 * useColor('auto', true, { NO_COLOR: '1' });     // false
 * useColor('auto', false, { FORCE_COLOR: '1' }); // true
 * useColor('auto', true, {});                    // true
 */
export function useColor(when: ColorWhen, isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (when !== 'auto') return when === 'always';
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}
