/**
 * The public-suffix lookups of the browser build. tldts's suffix list is the largest piece of code
 * a page would otherwise load up front (about 40 KB gzipped), and nothing can be scanned before
 * {@link loadCatalogue} anyway, so the list is a chunk of its own fetched with the catalogue. The
 * browser build resolves every `import … from 'tldts'` of the scanner to this module (tsup.config.ts);
 * this module alone imports the real package.
 */
type Tldts = typeof import('tldts');
type DomainOptions = Parameters<Tldts['getDomain']>[1];

let lib: Tldts | null = null;
let loading: Promise<void> | null = null;

/**
 * Fetches the suffix list once; later calls return the same promise.
 *
 * @example
 * await loadDomains();
 * domainsLoaded(); // true
 */
export function loadDomains(): Promise<void> {
  loading ??= import('tldts').then((m) => {
    lib = m;
  });
  return loading;
}

/**
 * Whether {@link loadDomains} has finished.
 *
 * @example
 * if (!domainsLoaded()) await loadDomains();
 */
export function domainsLoaded(): boolean {
  return lib !== null;
}

function loaded(): Tldts {
  // Reached only past the entry's own check (scan.ts), which throws before any scan starts.
  if (lib === null) throw new TypeError('spypixel/html: the public-suffix list is not loaded; `await loadCatalogue()` first.');
  return lib;
}

/**
 * tldts's `getDomain`, once loaded.
 *
 * @example
 * await loadDomains();
 * getDomain('a.b.example.co.uk', { allowPrivateDomains: true }); // 'example.co.uk'
 */
export function getDomain(url: string, options?: DomainOptions): string | null {
  return loaded().getDomain(url, options);
}

/**
 * tldts's `getDomainWithoutSuffix`, once loaded.
 *
 * @example
 * await loadDomains();
 * getDomainWithoutSuffix('news.shop.example.co.uk', { allowPrivateDomains: true }); // 'example'
 */
export function getDomainWithoutSuffix(url: string, options?: DomainOptions): string | null {
  return loaded().getDomainWithoutSuffix(url, options);
}
