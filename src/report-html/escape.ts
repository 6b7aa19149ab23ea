/**
 * HTML escaping for the report. Every text in the report comes from NDJSON that anyone may have
 * written (a subject, a URL, a vendor name): it goes into the page through these functions only.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text escaped for an HTML element or a double- or single-quoted attribute.
 *
 * @example
 * esc('<b> & "x"'); // '&lt;b&gt; &amp; &quot;x&quot;'
 */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
