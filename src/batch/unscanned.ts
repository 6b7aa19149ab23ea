/**
 * Which report errors mean that a message was not read, or not read in full, so that a tracker in
 * it may have been missed. The table says so instead of "no tracker found", and the exit code of
 * `spypixel scan` is 2 rather than "nothing found".
 */
import type { ErrorCode } from '../types.js';

/**
 * Error codes of a message not read or not read in full. Other codes (`no-html-body`,
 * `unknown-charset`, `url-invalid` …) describe a message that was scanned.
 *
 * @example
 * UNSCANNED_CODES.has('limit-exceeded'); // true
 * UNSCANNED_CODES.has('no-html-body');   // false: a plain-text message was scanned
 */
export const UNSCANNED_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'file-read-failed',
  'file-unsupported',
  'invalid-input',
  'limit-exceeded',
  'internal-error',
  'mime-parse-failed',
]);

/**
 * Whether any of a report's errors is one of {@link UNSCANNED_CODES}.
 *
 * @example
 * notScannedInFull([{ code: 'invalid-input', message: 'Input is empty.' }]); // true
 */
export function notScannedInFull(errors: readonly { readonly code: string }[]): boolean {
  return errors.some((e) => UNSCANNED_CODES.has(e.code as ErrorCode));
}
