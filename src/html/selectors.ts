/**
 * Simple selector matching: compounds of tag, `#id` and `.class`, joined by descendant or child
 * combinators. Anything else (pseudo-classes, attributes, siblings, escapes) is not evaluated,
 * so such rules never decide size or visibility.
 */
import type { Decl, MatchedRule } from './cascade.js';

/**
 * What selector matching needs to know about an element and its ancestors.
 *
 * @example
 * const body: ElementFacts = { tag: 'body', id: '', classes: [], parent: null };
 */
export interface ElementFacts {
  readonly tag: string;
  readonly id: string;
  /** Distinct class names. */
  readonly classes: readonly string[];
  readonly parent: ElementFacts | null;
}

interface Compound {
  readonly tag: string | null;
  readonly id: string | null;
  readonly classes: readonly string[];
}

/**
 * A parsed selector, compounds right to left; `child[i]` says whether compound `i` and `i + 1`
 * are joined by `>`.
 */
interface CompiledSelector {
  readonly compounds: readonly Compound[];
  readonly child: readonly boolean[];
  readonly specificity: number;
}

interface IndexedRule extends MatchedRule {
  readonly selector: CompiledSelector;
}

const NO_RULES: readonly MatchedRule[] = [];

/** Longer selectors are rare in mail and only add matching cost. */
const MAX_COMPOUNDS = 8;
/** Bounds the ancestor walk for descendant combinators on pathologically deep documents. */
const MAX_ANCESTORS = 256;

function isNameChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2d ||
    code === 0x5f ||
    code >= 0x80
  );
}

function parseCompound(text: string): Compound | null {
  let tag: string | null = null;
  let id: string | null = null;
  const classes: string[] = [];
  let i = 0;
  if (text.charAt(0) === '*') {
    i = 1;
  } else {
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    if (i > 0) tag = text.slice(0, i).toLowerCase();
  }
  while (i < text.length) {
    const sigil = text.charAt(i);
    if (sigil !== '.' && sigil !== '#') return null;
    const start = ++i;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    if (i === start) return null;
    const name = text.slice(start, i);
    if (sigil === '#') {
      if (id !== null && id !== name) return null;
      id = name;
    } else {
      classes.push(name);
    }
  }
  return { tag, id, classes };
}

/**
 * Parses one selector (no commas) into compounds, or `null` when it uses anything this module
 * cannot evaluate.
 *
 * @example
 * compileSelector('td .pixel')?.specificity; // 11
 */
export function compileSelector(text: string): CompiledSelector | null {
  const spaced = text.split('>').join(' > ').trim();
  if (spaced.length === 0) return null;
  const tokens = spaced.split(/\s+/);
  const compounds: Compound[] = [];
  const child: boolean[] = [];
  let pendingChild = false;
  let ids = 0;
  let classCount = 0;
  let tags = 0;
  for (const token of tokens) {
    if (token === '>') {
      if (pendingChild || compounds.length === 0) return null;
      pendingChild = true;
      continue;
    }
    const compound = parseCompound(token);
    if (compound === null) return null;
    if (compounds.length > 0) child.push(pendingChild);
    pendingChild = false;
    compounds.push(compound);
    if (compound.id !== null) ids++;
    classCount += compound.classes.length;
    if (compound.tag !== null) tags++;
  }
  if (pendingChild || compounds.length === 0 || compounds.length > MAX_COMPOUNDS) return null;
  compounds.reverse();
  child.reverse();
  const specificity = Math.min(ids, 99) * 10000 + Math.min(classCount, 99) * 100 + Math.min(tags, 99);
  return { compounds, child, specificity };
}

function matchesCompound(c: Compound, el: ElementFacts): boolean {
  if (c.tag !== null && c.tag !== el.tag) return false;
  if (c.id !== null && c.id !== el.id) return false;
  for (const cls of c.classes) if (!el.classes.includes(cls)) return false;
  return true;
}

const MATCHED = 0;
const RETRY_HIGHER = 1;
const FAILED = 2;

/**
 * Matches compounds `i + 1…` above `el` (compound `i` already matched `el`). A failed child
 * combinator lets the nearest descendant combinator retry higher up; an exhausted descendant
 * walk fails the whole selector, which keeps matching linear in the depth.
 */
function matchAbove(sel: CompiledSelector, i: number, el: ElementFacts): number {
  const next = sel.compounds[i + 1];
  if (next === undefined) return MATCHED;
  if (sel.child[i] === true) {
    const parent = el.parent;
    if (parent === null) return FAILED;
    return matchesCompound(next, parent) ? matchAbove(sel, i + 1, parent) : RETRY_HIGHER;
  }
  let ancestor = el.parent;
  for (let steps = 0; ancestor !== null && steps < MAX_ANCESTORS; steps++) {
    if (matchesCompound(next, ancestor)) {
      const result = matchAbove(sel, i + 1, ancestor);
      if (result !== RETRY_HIGHER) return result;
    }
    ancestor = ancestor.parent;
  }
  return FAILED;
}

/**
 * Style rules indexed by the id, first class or tag of their rightmost compound, so each element
 * only tests rules that can possibly match it.
 */
export class RuleIndex {
  private readonly byId = new Map<string, IndexedRule[]>();
  private readonly byClass = new Map<string, IndexedRule[]>();
  private readonly byTag = new Map<string, IndexedRule[]>();
  private readonly universal: IndexedRule[] = [];
  private count = 0;

  /** Number of indexed selectors. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds every evaluable selector of a comma-separated list; returns how many were indexed.
   *
   * @example
   * new RuleIndex().add('img.pixel, .x:hover', []); // 1
   */
  add(selectorList: string, decls: readonly Decl[]): number {
    let added = 0;
    for (const part of selectorList.split(',')) {
      const selector = compileSelector(part);
      if (selector === null) continue;
      const rule: IndexedRule = { selector, specificity: selector.specificity, decls };
      const key = selector.compounds[0];
      if (key === undefined) continue;
      const firstClass = key.classes[0];
      if (key.id !== null) push(this.byId, key.id, rule);
      else if (firstClass !== undefined) push(this.byClass, firstClass, rule);
      else if (key.tag !== null) push(this.byTag, key.tag, rule);
      else this.universal.push(rule);
      added++;
    }
    this.count += added;
    return added;
  }

  /**
   * The rules whose selector matches the element.
   *
   * @example
   * index.match({ tag: 'img', id: '', classes: ['pixel'], parent: null });
   */
  match(el: ElementFacts): readonly MatchedRule[] {
    if (this.count === 0) return NO_RULES;
    const out: MatchedRule[] = [];
    if (el.id !== '') this.collect(this.byId.get(el.id), el, out);
    for (const cls of el.classes) this.collect(this.byClass.get(cls), el, out);
    this.collect(this.byTag.get(el.tag), el, out);
    this.collect(this.universal, el, out);
    return out.length === 0 ? NO_RULES : out;
  }

  private collect(rules: readonly IndexedRule[] | undefined, el: ElementFacts, out: MatchedRule[]): void {
    if (rules === undefined) return;
    for (const rule of rules) {
      const key = rule.selector.compounds[0];
      if (key === undefined || !matchesCompound(key, el)) continue;
      // Each rule sits in one bucket and element classes are unique, so no rule is seen twice.
      if (matchAbove(rule.selector, 0, el) === MATCHED) out.push(rule);
    }
  }
}

function push(map: Map<string, IndexedRule[]>, key: string, rule: IndexedRule): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [rule]);
  else list.push(rule);
}
