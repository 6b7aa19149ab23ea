/**
 * How the walker parses: parse5's default tree, with source locations kept only where the scanner
 * reads them, through one shared tree adapter.
 */
import {
  defaultTreeAdapter,
  parse,
  parseFragment,
  type DefaultTreeAdapterMap,
  type DefaultTreeAdapterTypes,
  type Token,
  type TreeAdapter,
} from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterTypes.Element;
type EndFields = Pick<Token.ElementLocation, 'endLine' | 'endCol' | 'endOffset' | 'endTag'>;
type WritableEnd = { -readonly [K in keyof EndFields]?: EndFields[K] };

/** Where `<style>` elements go as parse5 creates them, while {@link parseLocated} runs. */
let styleSink: Element[] | null = null;

/**
 * Text nodes get no location: the walker reads text for link labels and `<style>` sheets, never
 * its position, and parse5 would otherwise copy the text node's location object once per
 * character token it appends. Locations of elements, comments and the doctype are kept, and
 * updated in place rather than copied (the default adapter spreads a new object each time);
 * elements other than `<html>` and `<body>` get no `endTag` (their `endOffset` still includes it).
 * One adapter object for every parse: parse5 calls it thousands of times per document, and call
 * sites that always meet the same functions stay fast.
 */
const ADAPTER: TreeAdapter<DefaultTreeAdapterMap> = {
  ...defaultTreeAdapter,
  createElement(tagName, namespaceURI, attrs) {
    const el = defaultTreeAdapter.createElement(tagName, namespaceURI, attrs);
    if (styleSink !== null && tagName === 'style') styleSink.push(el);
    return el;
  },
  setNodeSourceCodeLocation(node: Node, location) {
    if (node.nodeName !== '#text') node.sourceCodeLocation = location;
  },
  updateNodeSourceCodeLocation(node: Node, endLocation) {
    const loc: WritableEnd | null | undefined = node.sourceCodeLocation;
    // Element locations are objects parse5 made for this node alone, so they can be extended.
    // parse5 only updates a node it gave a location to: nothing to do for the others.
    if (loc === null || loc === undefined) return;
    if (endLocation.endLine !== undefined) loc.endLine = endLocation.endLine;
    if (endLocation.endCol !== undefined) loc.endCol = endLocation.endCol;
    if (endLocation.endOffset !== undefined) loc.endOffset = endLocation.endOffset;
    // Only parse5 reads `endTag`, and only on <html> and <body> (to tell a written end tag from the
    // end of input). Adding the property to every element made each update a slow shape change.
    if (endLocation.endTag !== undefined && 'tagName' in node && (node.tagName === 'body' || node.tagName === 'html')) {
      loc.endTag = endLocation.endTag;
    }
  },
};

/**
 * Parses a document with element locations (`<noscript>` as markup: mail clients run no
 * scripts) and lists its `<style>` elements in document order.
 *
 * @example
 * parseLocated('<style>.a{}</style><img src=x>').styles.length; // 1
 */
export function parseLocated(html: string): { document: DefaultTreeAdapterTypes.Document; styles: Element[] } {
  const styles: Element[] = [];
  const outer = styleSink;
  styleSink = styles;
  try {
    return { document: parse(html, { sourceCodeLocationInfo: true, scriptingEnabled: false, treeAdapter: ADAPTER }), styles };
  } finally {
    styleSink = outer;
  }
}

/**
 * Parses a fragment (the markup inside a conditional comment) with element locations.
 *
 * @example
 * parseFragmentLocated('<img src=x>').childNodes.length; // 1
 */
export function parseFragmentLocated(html: string): DefaultTreeAdapterTypes.DocumentFragment {
  const outer = styleSink;
  styleSink = null;
  try {
    return parseFragment(html, { sourceCodeLocationInfo: true, scriptingEnabled: false, treeAdapter: ADAPTER });
  } finally {
    styleSink = outer;
  }
}
