/**
 * CSS escapes in function names. A browser decodes `u\72l(`, `\75 rl(` or `u\rl(` to `url(` and
 * loads the URL; css-tree reads them as some other function. Written out as `url(` before
 * parsing, they are found like any other.
 */

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function isNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c >= 0x80;
}

/**
 * Reads the escape at `text[i] === '\\'`: the character it stands for and where it ends
 * (CSS Syntax: 1 to 6 hex digits and one optional whitespace, or any other character).
 */
function readEscape(text: string, i: number): { char: string; end: number } {
  let j = i + 1;
  let hex = '';
  while (j < text.length && hex.length < 6 && isHex(text.charCodeAt(j))) hex += text[j++];
  if (hex === '') return { char: text[i + 1] ?? '\uFFFD', end: Math.min(i + 2, text.length) };
  if (text[j] === ' ' || text[j] === '\t' || text[j] === '\n') j++;
  else if (text[j] === '\r') j += text[j + 1] === '\n' ? 2 : 1;
  const cp = Number.parseInt(hex, 16);
  const valid = cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
  return { char: valid ? String.fromCodePoint(cp) : '\uFFFD', end: j };
}

/**
 * The value with every function name that decodes to `url` written `url`. Strings and comments
 * are left alone; everything else keeps its spelling. Linear.
 *
 * @example
 * unescapeUrlFunctions('u\\72l(https://t.example/p.gif)'); // 'url(https://t.example/p.gif)'
 */
export function unescapeUrlFunctions(value: string): string {
  if (!value.includes('\\')) return value;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const c = value[i] as string;
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < value.length && value[j] !== c && value[j] !== '\n') j += value[j] === '\\' ? 2 : 1;
      out += value.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '/' && value[i + 1] === '*') {
      const close = value.indexOf('*/', i + 2);
      const j = close === -1 ? value.length : close + 2;
      out += value.slice(i, j);
      i = j;
      continue;
    }
    if (c !== '\\' && !isNameChar(value.charCodeAt(i))) {
      out += c;
      i++;
      continue;
    }
    // A name: its characters and escapes, decoded alongside.
    const start = i;
    let name = '';
    while (i < value.length) {
      if (value[i] === '\\' && value[i + 1] !== '\n') {
        const e = readEscape(value, i);
        name += e.char;
        i = e.end;
      } else if (isNameChar(value.charCodeAt(i))) name += value[i++];
      else break;
    }
    if (i === start) {
      out += value[i++];
      continue;
    }
    out += value[i] === '(' && name.toLowerCase() === 'url' ? 'url' : value.slice(start, i);
  }
  return out;
}
