import { describe, expect, it } from 'vitest';
import { analyseIdentifiers } from '../src/analysis/identifiers.js';
import { scanHtml } from '../src/scan/html.js';
import type { Report } from '../src/types.js';

function copy(recipientToken: string, subject = 'Spring sale'): Report {
  const html = `<p>Hello</p>
    <img src="https://news.shop.example/op/13/${recipientToken}.gif?c=spring-2026&u=${recipientToken}x" width="1" height="1">
    <img src="https://piwik.shop.example/piwik.php?idsite=1&rec=1&action_name=newsletter" width="1" height="1">`;
  const r = scanHtml(html, { sender: 'news@shop.example', source: recipientToken });
  return { ...r, message: { ...r.message, subject } };
}

describe('analyseIdentifiers', () => {
  it('separates per-recipient parts from campaign parts across copies of one campaign', () => {
    const out = analyseIdentifiers([copy('5812L1QV4160U6X3YZHP9A'), copy('9QK3ZT7BW2M4XR8PLC5N1D'), copy('H7D2KX9RT4W1QZ6MBL3NPV')]);
    const pixel = out.find((t) => t.template.startsWith('news.shop.example'));
    expect(pixel?.messages).toBe(3);
    expect(pixel?.perRecipient).toEqual(['path:2', 'param:u']);
    expect(pixel?.campaignLevel).toEqual(['path:0', 'path:1', 'param:c']);
    expect(pixel?.template).toBe('news.shop.example/op/13/*?c&u');
  });
  it('reports an aggregate counter as campaign-level only', () => {
    const out = analyseIdentifiers([copy('5812L1QV4160U6X3YZHP9A'), copy('9QK3ZT7BW2M4XR8PLC5N1D')]);
    const counter = out.find((t) => t.template.startsWith('piwik.shop.example'));
    expect(counter?.perRecipient).toEqual([]);
  });
  it('needs two copies of the same campaign', () => {
    expect(analyseIdentifiers([copy('5812L1QV4160U6X3YZHP9A', 'A'), copy('9QK3ZT7BW2M4XR8PLC5N1D', 'B')])).toEqual([]);
    expect(analyseIdentifiers([])).toEqual([]);
  });
});
