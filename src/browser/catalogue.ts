/**
 * The browser build's default catalogue. The tracker data is about a fifth of the bundle, so it is
 * a separate chunk, fetched by {@link loadCatalogue} on first use rather than with the page: the
 * scanner code stays small for a page that may never scan anything.
 */
import { compileCatalogue } from '../catalogue/compile.js';
import type { CatalogueIndex } from '../catalogue/types.js';
import { loadDomains } from './domains.js';

let loaded: CatalogueIndex | null = null;
let loading: Promise<CatalogueIndex> | null = null;

/**
 * Loads (once) and compiles the bundled catalogue, and makes it the default of `scanHtml`,
 * `sanitizeHtml` and `scanEml`; loads the public-suffix list they all need too, so it is required
 * even when a scan is given `options.catalogue`. Later calls return the same index.
 *
 * @example
 * import { loadCatalogue, scanHtml } from 'spypixel/html';
 * await loadCatalogue();
 * scanHtml('<img src="https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=42" width="1" height="1">');
 */
export function loadCatalogue(): Promise<CatalogueIndex> {
  // The public-suffix list comes with it: both are needed by every scan, neither by a page that
  // never scans.
  loading ??= Promise.all([import('../catalogue/data.generated.js'), loadDomains()]).then(([data]) => {
    loaded = compileCatalogue(data.VENDORS);
    return loaded;
  });
  return loading;
}

/**
 * The loaded catalogue.
 *
 * @throws {TypeError} when {@link loadCatalogue} has not finished yet: a programmer error, since
 * scanning without the catalogue would silently miss every known tracker.
 *
 * @example
 * await loadCatalogue();
 * defaultCatalogue().entries.length; // > 300
 */
export function defaultCatalogue(): CatalogueIndex {
  if (loaded === null) {
    throw new TypeError('spypixel/html: the catalogue is not loaded; `await loadCatalogue()` first, or pass `options.catalogue`.');
  }
  return loaded;
}
