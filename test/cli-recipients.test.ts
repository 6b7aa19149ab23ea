import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recipientBudget, scanJob } from '../src/batch/scan-job.js';
import { recipientList } from '../src/cli/scan-command.js';
import { DEFAULT_LIMITS } from '../src/limits.js';

describe('--recipient', () => {
  it('takes addresses and @FILE lists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spx-rcpt-'));
    const file = join(dir, 'owners.txt');
    writeFileSync(file, '# mailboxes of the archive\nalice@mail.example\r\n\n bob@mail.example  # work\nnot-an-address\n');
    expect(recipientList(['carol@mail.example', `@${file}`])).toEqual(['carol@mail.example', 'alice@mail.example', 'bob@mail.example']);
  });
  it('says which list it cannot read', () => {
    expect(() => recipientList(['@/nonexistent/list.txt'])).toThrow(/recipient list \/nonexistent\/list.txt/);
  });

  it('addresses given with --recipient never use up the budget of the message\'s own (maxRecipients)', async () => {
    const given = Array.from({ length: 300 }, (_, i) => `owner${i}@mail.example`);
    expect(recipientBudget(300)).toBe(DEFAULT_LIMITS.maxRecipients + 300);
    const raw = 'From: a@shop.example\r\nTo: x@mail.example\r\nContent-Type: text/html\r\n\r\n<img src="https://t.example/o.gif?e=owner299%40mail.example" width=1 height=1>';
    const r = await scanJob({ source: 'a.eml', format: 'eml', bytes: new TextEncoder().encode(raw), location: null }, { lang: 'en', includeLinks: true, recipient: given, format: 'ndjson' });
    expect(r.errors).toEqual([]);
    expect(r.findings[0]?.leaks.map((l) => l.address)).toEqual(['owner299@mail.example']);
  });
});
