/**
 * The parsed tree is bounded, not only the walk: unclosed formatting tags nest without end and
 * parse5 builds the whole tree before the walker can stop, so the input is cut at maxElements.
 */
import { describe, expect, it } from 'vitest';
import { walkHtml } from '../src/html/walk.js';
import { scanHtml } from '../src/scan/html.js';

describe('maxElements bounds the parse', () => {
  it('cuts 5 MB of unclosed <i> tags instead of building a gigabyte tree', () => {
    const html = `<p><img src="https://t.example/o.gif?u=3f2b8c1e9d4a4b7e8f00" width="1" height="1">${'<i>x'.repeat(1_300_000)}`;
    const before = process.memoryUsage().heapUsed;
    const report = scanHtml(html);
    const grown = process.memoryUsage().heapUsed - before;
    expect(report.errors.map((e) => e.code)).toContain('limit-exceeded');
    expect(report.findings.map((f) => f.host)).toEqual(['t.example']);
    // 50,000 nested elements with locations take tens of MB; the whole input would take gigabytes.
    expect(grown).toBeLessThan(600 * 1024 * 1024);
  });
  it('parses only the first maxElements start tags', () => {
    const html = `${'<b>a</b>'.repeat(10)}<img src="https://t.example/late.gif" width="1" height="1">`;
    const walked = walkHtml(html, { maxElements: 10 });
    expect(walked.truncated?.elements).toBe(true);
    expect(walked.resources).toEqual([]);
    // The walk also counts the implied html, head and body elements.
    expect(walkHtml(html, { maxElements: 14 }).resources).toHaveLength(1);
  });
});
