/**
 * `<select>` as browsers now parse it. Since the customizable select (HTML 2025, Chromium 134+),
 * a browser builds whatever elements a `<select>` holds (`<img>`, `<div style>`…) and loads them;
 * parse5 still drops every tag there but option/optgroup/hr. The walker reads the document with
 * each `select` tag renamed `xelect`: an ordinary element, whose content parses as everywhere
 * else. Same length, so every offset stays the document's own.
 */

function isTagEnd(c: string | undefined): boolean {
  return c === undefined || c === '>' || c === '/' || c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
}

/**
 * The document with `<select` and `</select` tags renamed `<xelect`, `</xelect`. Linear; the
 * document itself when it has none.
 *
 * @example
 * relaxSelect('<select><img src=x></select>'); // '<xelect><img src=x></xelect>'
 */
export function relaxSelect(html: string): string {
  let out: string[] | null = null;
  let from = 0;
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i + 1)) {
    const at = html[i + 1] === '/' ? i + 2 : i + 1;
    if ((html.charCodeAt(at) | 0x20) !== 0x73 || html.slice(at, at + 6).toLowerCase() !== 'select' || !isTagEnd(html[at + 6])) continue;
    out ??= [];
    out.push(html.slice(from, at), 'x');
    from = at + 1;
  }
  return out === null ? html : out.join('') + html.slice(from);
}
