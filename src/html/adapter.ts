/**
 * The parse5 tree adapter the walker parses with: parse5's default tree, with source locations
 * kept only where the scanner reads them.
 */
import { defaultTreeAdapter, type DefaultTreeAdapterMap, type Token, type TreeAdapter } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type EndFields = Pick<Token.ElementLocation, 'endLine' | 'endCol' | 'endOffset' | 'endTag'>;
type WritableEnd = { -readonly [K in keyof EndFields]?: EndFields[K] };

/**
 * Text nodes get no location: the walker reads text for link labels and `<style>` sheets, never
 * its position, and parse5 would otherwise copy the text node's location object once per
 * character token it appends. Locations of elements, comments and the doctype are kept, and
 * updated in place rather than copied (the default adapter spreads a new object each time).
 *
 * @example
 * parse(html, { sourceCodeLocationInfo: true, treeAdapter: locatingAdapter() });
 */
export function locatingAdapter(onElement?: (el: DefaultTreeAdapterMap['element']) => void): TreeAdapter<DefaultTreeAdapterMap> {
  return {
    ...defaultTreeAdapter,
    createElement(tagName, namespaceURI, attrs) {
      const el = defaultTreeAdapter.createElement(tagName, namespaceURI, attrs);
      onElement?.(el);
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
      if (endLocation.endTag !== undefined) loc.endTag = endLocation.endTag;
    },
  };
}
