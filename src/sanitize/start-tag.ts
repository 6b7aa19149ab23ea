/**
 * Every attribute of a start tag as written, duplicates included. The tree a parser builds keeps
 * only the first of two attributes of the same name, and so does the browser; but once the
 * sanitiser edits or removes that first one, the second must go too, or it comes alive.
 */

/**
 * One attribute as written in a start tag: its name lower-cased as the tokenizer reads it, and
 * the offsets of the whole attribute (`name`, `name=value`, `name = "value"`) in the document.
 *
 * @example
 * const a: TagAttribute = { name: 'background', start: 4, end: 20 };
 */
export interface TagAttribute {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/** ASCII lower case, as the HTML tokenizer lowers attribute names. */
function lowerAscii(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 0x20) : text[i];
  }
  return out;
}

/**
 * The attributes of the start tag `[start, end)` of `html` (`start` at its `<`, `end` just after
 * its `>`), read as the HTML tokenizer reads them: names end at whitespace, `/`, `>` or `=` (a
 * leading `=` belongs to the name), values are quoted or run to whitespace or `>`. Linear.
 *
 * @example
 * startTagAttributes('<td background="a" BACKGROUND=b>', 0, 32).map((a) => a.name); // ['background', 'background']
 */
export function startTagAttributes(html: string, start: number, end: number): TagAttribute[] {
  const out: TagAttribute[] = [];
  const stop = Math.min(end, html.length);
  let i = start + 1;
  while (i < stop && !isSpace(html.charCodeAt(i)) && html[i] !== '/' && html[i] !== '>') i++;
  while (i < stop) {
    const c = html.charCodeAt(i);
    if (isSpace(c) || c === 0x2f) {
      i++;
      continue;
    }
    if (c === 0x3e) break;
    const nameStart = i;
    i++;
    while (i < stop && !isSpace(html.charCodeAt(i)) && html[i] !== '/' && html[i] !== '>' && html[i] !== '=') i++;
    const name = lowerAscii(html.slice(nameStart, i));
    let j = i;
    while (j < stop && isSpace(html.charCodeAt(j))) j++;
    if (html[j] !== '=') {
      out.push({ name, start: nameStart, end: i });
      continue;
    }
    j++;
    while (j < stop && isSpace(html.charCodeAt(j))) j++;
    const q = html[j];
    if (q === '"' || q === "'") {
      const close = html.indexOf(q, j + 1);
      i = close === -1 || close >= stop ? stop : close + 1;
    } else {
      i = j;
      while (i < stop && !isSpace(html.charCodeAt(i)) && html[i] !== '>') i++;
    }
    out.push({ name, start: nameStart, end: i });
  }
  return out;
}
