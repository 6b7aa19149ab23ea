/**
 * spypixel: find email tracking pixels and beacons, name the tracker, say what it leaks.
 *
 * @example
 * import { scanEml } from 'spypixel';
 * const report = await scanEml(rawMessage);
 */
export { scanHtml } from './scan/html.js';
export { scanEml } from './scan/eml.js';
export { sanitizeHtml } from './sanitize/html.js';
export { sanitizeEml } from './sanitize/eml.js';
export type {
  ChangeAction,
  SanitizeChange,
  SanitizeDecider,
  SanitizeEmlResult,
  SanitizeHtmlResult,
  SanitizeMode,
  SanitizeOptions,
} from './sanitize/types.js';
export { compileCatalogue } from './catalogue/compile.js';
export { defaultCatalogue } from './catalogue/index.js';
export { DEFAULT_LIMITS, LIMIT_RANGES, validateLimits, type ResolvedLimits, type ScanLimits } from './limits.js';
export { analyseIdentifiers, type TemplateIdentifiers } from './analysis/identifiers.js';
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
} from './types.js';
export type { CatalogueIndex, CatalogueMatch, VendorEntry, RuleSpec, SenderFact } from './catalogue/types.js';
