/**
 * The catalogue's public surface: the compiler, the lazily built default index and the types.
 */
import { compileCatalogue } from './compile.js';
import { VENDORS } from './data.generated.js';
import type { CatalogueIndex } from './types.js';

let cached: CatalogueIndex | null = null;

/**
 * The index of the bundled catalogue (`trackers/`), compiled on first use and then reused.
 *
 * @example
 * defaultCatalogue().match(parseUrl('https://www.google-analytics.com/collect?v=1&tid=UA-1-1')!)?.vendor.id;
 * // 'google-analytics'
 */
export function defaultCatalogue(): CatalogueIndex {
  cached ??= compileCatalogue(VENDORS);
  return cached;
}

export { compileCatalogue, MAX_REDIRECT_DEPTH } from './compile.js';
export { VENDORS } from './data.generated.js';
export type {
  CatalogueIndex,
  CatalogueMatch,
  DestinationSpec,
  FlagSpec,
  LocalText,
  MatchLevel,
  ParamCondition,
  RuleSpec,
  VendorEntry,
} from './types.js';
