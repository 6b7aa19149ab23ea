import { describe, expect, it } from 'vitest';
import { analyseIdentifiers, IdentifierAnalyser, type IdentifierSample } from '../src/analysis/identifiers.js';
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

  it('compares parameters by name whatever their order in the URL', () => {
    const sample = (url: string): IdentifierSample => ({ message: { senderDomain: 'shop.example', subject: 'S' }, findings: [{ kind: 'open-pixel', url, vendor: null }] });
    const out = analyseIdentifiers([sample('https://t.example/o.gif?u=1&c=x'), sample('https://t.example/o.gif?c=x&u=2')]);
    expect(out).toMatchObject([{ template: 't.example/o.gif?c&u', perRecipient: ['param:u'], campaignLevel: ['path:0', 'param:c'] }]);
  });

  it('keeps its memory bounded: past 100,000 templates, single-message ones are forgotten oldest first', () => {
    const a = new IdentifierAnalyser();
    const sample = (subject: string, id: string): IdentifierSample => ({
      message: { senderDomain: 'shop.example', subject },
      findings: [{ kind: 'open-pixel', url: `https://t.example/o.gif?u=${id}`, vendor: null }],
    });
    a.add(sample('kept', '1'));
    a.add(sample('kept', '2'));
    a.add(sample('forgotten', '1'));
    for (let i = 0; i < 100_000; i++) a.add(sample(`flood ${i}`, '1'));
    a.add(sample('forgotten', '2'));
    a.add(sample('kept', '3'));
    expect(a.result().map((t) => [t.subject, t.messages])).toEqual([['kept', 3]]);
  });
});
