/**
 * `spypixel/html`: the browser build (also what `spypixel` resolves to under the `browser`
 * condition). The same scanner and sanitiser as in Node, no Node built-in; the tracker catalogue is
 * a separate chunk that {@link loadCatalogue} fetches once, before the first scan, and `scanEml`'s
 * MIME parser (postal-mime) another, fetched on its first call. `sanitizeEml` is Node-only.
 *
 * @example
 * import { loadCatalogue, sanitizeHtml, scanHtml } from 'spypixel/html';
 * await loadCatalogue();
 * const report = scanHtml(html, { sender: 'news@shop.example' });
 * const { html: safe } = sanitizeHtml(html, { sender: 'news@shop.example' });
 */
export { sanitizeHtml, scanEml, scanHtml } from './scan.js';
export { defaultCatalogue, loadCatalogue } from './catalogue.js';
export { compileCatalogue } from '../catalogue/compile.js';
export { DEFAULT_LIMITS, LIMIT_RANGES, validateLimits, type ResolvedLimits, type ScanLimits } from '../limits.js';
export { analyseIdentifiers, type TemplateIdentifiers } from '../analysis/identifiers.js';
export type {
  ChangeAction,
  SanitizeChange,
  SanitizeDecider,
  SanitizeHtmlResult,
  SanitizeMode,
  SanitizeOptions,
} from '../sanitize/types.js';
export type {
  Confidence,
  ElementRef,
  ErrorCode,
  Finding,
  FindingKind,
  Flag,
  FlagCode,
  Language,
  Leak,
  LeakEncoding,
  LinkNote,
  MessageInfo,
  Report,
  ScanError,
  ScanOptions,
  Signal,
  VendorCategory,
  VendorRef,
} from '../types.js';
export type { CatalogueIndex, CatalogueMatch, VendorEntry, RuleSpec, SenderFact } from '../catalogue/types.js';
