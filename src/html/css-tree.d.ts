/**
 * Types for the browser-safe css-tree subpaths. `@types/css-tree` declares only the root module,
 * whose entry loads JSON syntax data through Node's `createRequire`, which the walker must avoid.
 */
declare module 'css-tree/parser' {
  import type { parse } from 'css-tree';
  const parser: typeof parse;
  export default parser;
}

declare module 'css-tree/walker' {
  import type { walk } from 'css-tree';
  const walker: typeof walk;
  export default walker;
}
