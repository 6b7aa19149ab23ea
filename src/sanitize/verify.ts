/**
 * The sanitiser checks its own output before returning it: parsed as a browser parses it (with
 * scripting off as in a mail client, and on where `<noscript>` makes a difference) and with the
 * content of Outlook conditional comments parsed too, the edited document must be the original
 * element tree minus removed pixels: no element, no attribute name it did not have. Anything else
 * means an edit made markup, and the caller refuses the result.
 */
import { parse, parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import type { SanitizeMode } from './types.js';

type Node = DefaultTreeAdapterTypes.Node;

/** One element in document order: its depth, namespace and tag, and attribute names. */
interface Entry {
  readonly depth: number;
  readonly key: string;
  readonly attrs: readonly string[];
}

/** Elements the sanitiser may delete whole (see `elementEdits`); all are void, so childless. */
const DELETABLE: ReadonlySet<string> = new Set(['html img', 'html link', 'html meta']);
const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** The markup inside `<!--[if …]> … <![endif]-->`, as the walker reads it, or null. */
function conditionalMarkup(data: string): string | null {
  const lead = data.length - data.trimStart().length;
  if (data.slice(lead, lead + 3).toLowerCase() !== '[if') return null;
  const close = data.indexOf(']>', lead);
  const end = data.toLowerCase().lastIndexOf('<![endif]');
  return close === -1 || end <= close + 2 ? null : data.slice(close + 2, end);
}

function entries(root: Node, scripting: boolean): Entry[] {
  const out: Entry[] = [];
  const stack: Array<[Node, number]> = [[root, 0]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [n, depth] = top;
    let childDepth = depth;
    if ('tagName' in n) {
      const ns = n.namespaceURI === HTML_NS ? 'html' : n.namespaceURI;
      out.push({ depth, key: `${ns} ${n.tagName}`, attrs: n.attrs.map((a) => (a.prefix === undefined ? a.name : `${a.prefix}:${a.name}`)) });
      childDepth = depth + 1;
    } else if (n.nodeName === '#comment' && 'data' in n) {
      const inner = conditionalMarkup(n.data);
      if (inner !== null) stack.push([parseFragment(inner, { scriptingEnabled: scripting }), depth + 1]);
    }
    const children: readonly Node[] = 'content' in n ? [...n.content.childNodes, ...n.childNodes] : 'childNodes' in n ? n.childNodes : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i] as Node, childDepth]);
  }
  return out;
}

/** Attribute names a mode writes that the original element may not have had. */
function mayAdd(mode: SanitizeMode, name: string): boolean {
  if (mode === 'remove') return false;
  if (name.startsWith('data-spypixel-')) return true;
  return mode === 'placeholder' && (name === 'width' || name === 'height' || name === 'src');
}

function compare(before: readonly Entry[], after: readonly Entry[], mode: SanitizeMode, label: string): string | null {
  let i = 0;
  for (const a of after) {
    for (;;) {
      const b = before[i];
      if (b === undefined) return `${label}: <${a.key}> at depth ${a.depth} is not in the original`;
      const same = a.depth === b.depth && a.key === b.key && a.attrs.every((n) => b.attrs.includes(n) || mayAdd(mode, n));
      i++;
      if (same) break;
      // Only a deleted pixel, link or meta may be missing, and it held nothing.
      const next = before[i];
      if (!DELETABLE.has(b.key) || (next !== undefined && next.depth > b.depth)) {
        return `${label}: <${a.key}> at depth ${a.depth} does not match the original <${b.key}>`;
      }
    }
  }
  for (; i < before.length; i++) {
    const b = before[i] as Entry;
    if (!DELETABLE.has(b.key)) return `${label}: <${b.key}> at depth ${b.depth} is missing`;
  }
  return null;
}

function hasNoscript(html: string): boolean {
  return html.toLowerCase().includes('<noscript');
}

/**
 * Why the edited document is not the original minus removed elements and attributes, or `null`
 * when it is. Parses both documents with scripting off, and with scripting on too when either
 * has a `<noscript>` (the only element the scripting flag changes).
 *
 * @example
 * markupProblem('<p title="&lt;img&gt;">', '<p title="<img>">', 'remove'); // null: same tree
 * markupProblem('<!--[if mso]><a href="--&gt;">', '<!--[if mso]><a href="-->">', 'remove'); // 'scripting off: …'
 */
export function markupProblem(before: string, after: string, mode: SanitizeMode): string | null {
  const modes = hasNoscript(before) || hasNoscript(after) ? [false, true] : [false];
  for (const scripting of modes) {
    const label = scripting ? 'scripting on' : 'scripting off';
    const problem = compare(entries(parse(before, { scriptingEnabled: scripting }), scripting), entries(parse(after, { scriptingEnabled: scripting }), scripting), mode, label);
    if (problem !== null) return problem;
  }
  return null;
}
