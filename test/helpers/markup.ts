/**
 * Test oracles for the sanitiser, written independently of src/sanitize: what elements and
 * attributes a document holds as a browser builds it (with scripting on and off, and as Outlook
 * reads conditional comments), and which URLs it loads.
 */
import { parse, parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { walkHtml } from '../../src/html/walk.js';

type Node = DefaultTreeAdapterTypes.Node;

/**
 * One element as built: where it is rendered (by every client, by Outlook only inside a
 * conditional comment, or never inside `<template>`), namespace, tag and attribute names.
 *
 * @example
 * const e: ElementRecord = { where: 'live', ns: 'html', tag: 'img', attrs: ['src'] };
 */
export interface ElementRecord {
  readonly where: 'live' | 'outlook' | 'template';
  readonly ns: string;
  readonly tag: string;
  readonly attrs: readonly string[];
}

/** The markup Outlook renders inside `<!--[if mso]> … <![endif]-->`, or null. */
function conditionalMarkup(data: string): string | null {
  const t = data.trimStart();
  if (!t.toLowerCase().startsWith('[if')) return null;
  const close = t.indexOf(']>');
  const end = t.toLowerCase().lastIndexOf('<![endif]');
  return close === -1 || end <= close ? null : t.slice(close + 2, end);
}

function collect(root: Node, scripting: boolean, where: ElementRecord['where'], out: ElementRecord[]): void {
  const stack: Node[] = [root];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if ('tagName' in n) {
      const ns = n.namespaceURI.slice(n.namespaceURI.lastIndexOf('/') + 1);
      out.push({ where, ns, tag: n.tagName, attrs: n.attrs.map((a) => (a.prefix === undefined ? a.name : `${a.prefix}:${a.name}`)) });
    }
    if (n.nodeName === '#comment' && 'data' in n) {
      const inner = conditionalMarkup(n.data);
      if (inner !== null) collect(parseFragment(inner, { scriptingEnabled: scripting }), scripting, where === 'template' ? where : 'outlook', out);
    }
    if ('content' in n) collect(n.content, scripting, 'template', out);
    if ('childNodes' in n) for (let i = n.childNodes.length - 1; i >= 0; i--) stack.push(n.childNodes[i] as Node);
  }
}

/**
 * Every element of the document in document order, conditional-comment content included.
 *
 * @example
 * inventory('<p><img src=x></p>', false).map((e) => e.tag); // ['html', 'head', 'body', 'p', 'img']
 */
export function inventory(html: string, scripting: boolean): ElementRecord[] {
  const out: ElementRecord[] = [];
  collect(parse(html, { scriptingEnabled: scripting }), scripting, 'live', out);
  return out;
}

/**
 * What the sanitised document holds that the original did not, with scripting on and off: an
 * element tag more often than before, or an attribute name on a tag that never had it (apart from
 * the names `extra` allows). Empty when nothing is new.
 *
 * @example
 * newMarkup('<p>', '<p><img>', () => false); // ['scripting off: 1 more <img> (html)', …]
 */
export function newMarkup(before: string, after: string, extra: (name: string) => boolean): string[] {
  const problems: string[] = [];
  for (const scripting of [false, true]) {
    const label = scripting ? 'scripting on' : 'scripting off';
    const count = new Map<string, number>();
    const names = new Map<string, Set<string>>();
    for (const e of inventory(before, scripting)) {
      const key = `${e.where} ${e.ns} ${e.tag}`;
      count.set(key, (count.get(key) ?? 0) + 1);
      const set = names.get(key) ?? new Set<string>();
      for (const a of e.attrs) set.add(a);
      names.set(key, set);
    }
    for (const e of inventory(after, scripting)) {
      const key = `${e.where} ${e.ns} ${e.tag}`;
      const left = (count.get(key) ?? 0) - 1;
      count.set(key, left);
      if (left === -1) problems.push(`${label}: one more <${e.tag}> (${e.ns}, ${e.where}) than in the input`);
      for (const a of e.attrs) {
        if (!extra(a) && !(names.get(key)?.has(a) ?? false)) problems.push(`${label}: new attribute ${a} on <${e.tag}>`);
      }
    }
  }
  return problems;
}

/**
 * URLs the document loads (links excluded), as the scanner's walker finds them.
 *
 * @example
 * loadedUrls('<img src="https://a.example/x.png">'); // ['https://a.example/x.png']
 */
export function loadedUrls(html: string): string[] {
  return walkHtml(html, { links: false }).resources.map((r) => r.url);
}
