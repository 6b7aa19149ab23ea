/**
 * The sanitiser checks its own output before returning it: parsed as a browser parses it (with
 * scripting off as in a mail client, and on where `<noscript>` makes a difference) and with the
 * content of Outlook conditional comments parsed too, the edited document must hold the
 * original's elements minus removed pixels, links and metas, each where it was rendered (by every
 * client, by Outlook only, or never inside `<template>`), and no attribute name their kind did not
 * have. Anything else means an edit made or moved markup, and the caller refuses the result.
 * Positions within a realm are not compared: removing a leading pixel may move a `<style>` from
 * the body into the head, which changes nothing that loads.
 */
import { parse, parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { relaxSelect } from '../html/select.js';
import type { SanitizeMode } from './types.js';

type Node = DefaultTreeAdapterTypes.Node;

/**
 * Where an element lives: rendered by every client, only by Outlook (inside a conditional
 * comment), or never (inside `<template>`). Moving between them is what an attack does.
 */
type Realm = 'live' | 'outlook' | 'template';

/** Elements per realm, namespace and tag: how many, and every attribute name they carry. */
type Census = Map<string, { count: number; attrs: Set<string> }>;

/** Tags the sanitiser may delete whole (see `elementEdits`), in any namespace: an SVG `<link>` too. */
const DELETABLE: ReadonlySet<string> = new Set(['img', 'link', 'meta']);
const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** The markup inside `<!--[if …]> … <![endif]-->`, as the walker reads it, or null. */
function conditionalMarkup(data: string): string | null {
  const lead = data.length - data.trimStart().length;
  if (data.slice(lead, lead + 3).toLowerCase() !== '[if') return null;
  const close = data.indexOf(']>', lead);
  const end = data.toLowerCase().lastIndexOf('<![endif]');
  return close === -1 || end <= close + 2 ? null : data.slice(close + 2, end);
}

function census(root: Node, scripting: boolean): Census {
  const out: Census = new Map();
  const stack: Array<[Node, Realm]> = [[root, 'live']];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [n, realm] = top;
    if ('tagName' in n) {
      const ns = n.namespaceURI === HTML_NS ? 'html' : n.namespaceURI;
      const key = `${realm} ${ns} ${n.tagName}`;
      const entry = out.get(key) ?? { count: 0, attrs: new Set<string>() };
      entry.count++;
      for (const a of n.attrs) entry.attrs.add(a.prefix === undefined ? a.name : `${a.prefix}:${a.name}`);
      out.set(key, entry);
    } else if (n.nodeName === '#comment' && 'data' in n) {
      const inner = conditionalMarkup(n.data);
      if (inner !== null) stack.push([parseFragment(inner, { scriptingEnabled: scripting }), realm === 'template' ? 'template' : 'outlook']);
    }
    if ('content' in n) stack.push([n.content, 'template']);
    if ('childNodes' in n) for (const c of n.childNodes) stack.push([c, realm]);
  }
  return out;
}

/** Attribute names a mode writes that the original element may not have had. */
function mayAdd(mode: SanitizeMode, name: string): boolean {
  if (mode === 'remove') return false;
  if (name.startsWith('data-spypixel-')) return true;
  return mode === 'placeholder' && (name === 'width' || name === 'height' || name === 'src');
}

function compare(before: Census, after: Census, mode: SanitizeMode, label: string): string | null {
  for (const [key, a] of after) {
    const b = before.get(key);
    if (b === undefined || a.count > b.count) return `${label}: more <${key}> elements than in the original`;
    const added = [...a.attrs].find((n) => !b.attrs.has(n) && !mayAdd(mode, n));
    if (added !== undefined) return `${label}: attribute ${added} on <${key}>, which the original never had`;
  }
  for (const [key, b] of before) {
    // Only pixels, links and metas are deleted whole; any other element must still be there.
    const tag = key.slice(key.lastIndexOf(' ') + 1);
    if ((after.get(key)?.count ?? 0) < b.count && !DELETABLE.has(tag)) return `${label}: fewer <${key}> elements than in the original`;
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
    // Read as the walker reads them: the content of a <select> is markup too.
    const [b, a] = [parse(relaxSelect(before), { scriptingEnabled: scripting }), parse(relaxSelect(after), { scriptingEnabled: scripting })];
    const problem = compare(census(b, scripting), census(a, scripting), mode, label);
    if (problem !== null) return problem;
  }
  return null;
}
