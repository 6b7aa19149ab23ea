/**
 * The public-suffix lookups the scanner uses, in one module so that the browser build can swap it
 * for src/browser/domains.ts, which loads the suffix list lazily with the catalogue (tsup.config.ts).
 *
 * @example
 * getDomain('a.b.example.co.uk', { allowPrivateDomains: true }); // 'example.co.uk'
 */
export { getDomain, getDomainWithoutSuffix } from 'tldts';
