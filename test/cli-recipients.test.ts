import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recipientList } from '../src/cli/scan-command.js';

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
});
