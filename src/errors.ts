/**
 * Error codes of the report: problems a scan met and reported instead of throwing.
 */

/**
 * Stable codes of the errors a scan can report instead of throwing.
 *
 * @example
 * const c: ErrorCode = 'mime-parse-failed';
 */
export type ErrorCode =
  | 'invalid-input'
  | 'mime-parse-failed'
  | 'mime-decode-failed'
  | 'unknown-charset'
  | 'no-html-body'
  | 'html-parse-failed'
  | 'css-parse-failed'
  | 'url-invalid'
  | 'limit-exceeded'
  | 'internal-error'
  | 'file-read-failed'
  | 'file-unsupported'
  // The sanitiser could not vouch for its output (a limit stopped it, or its own check of the
  // output failed): it returned nothing rather than markup that may still track.
  | 'sanitize-refused';

/**
 * A problem met while scanning. The scan goes on and reports what it could.
 *
 * @example
 * const e: ScanError = { code: 'no-html-body', message: 'The message has no text/html part.' };
 */
export interface ScanError {
  readonly code: ErrorCode;
  readonly message: string;
}
