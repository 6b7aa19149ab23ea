/**
 * `npm test` runs without root: without Chromium the browser tests are skipped with a notice, and
 * CI (SPYPIXEL_REQUIRE_BROWSER=1) fails instead. These checks need no Chromium and no network:
 * the install script is only run on paths that stop before apt-get.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { browserTestMode, chromiumPath, type BrowserTestMode } from './browser/chromium.js';

describe('browser test mode', () => {
  it.each<[string, NodeJS.ProcessEnv, boolean, BrowserTestMode]>([
    ['Chromium present', {}, true, 'run'],
    ['Chromium present, required', { SPYPIXEL_REQUIRE_BROWSER: '1' }, true, 'run'],
    ['Chromium absent', {}, false, 'skip'],
    ['Chromium absent, required (CI)', { SPYPIXEL_REQUIRE_BROWSER: '1' }, false, 'fail'],
    ['Chromium absent, requirement not "1"', { SPYPIXEL_REQUIRE_BROWSER: 'yes' }, false, 'skip'],
  ])('%s', (_name, env, exists, mode) => {
    expect(browserTestMode(env, exists)).toBe(mode);
  });

  it.each<[NodeJS.ProcessEnv, string]>([
    [{}, '/usr/bin/chromium'],
    [{ SPYPIXEL_CHROMIUM: '' }, '/usr/bin/chromium'],
    [{ SPYPIXEL_CHROMIUM: '/opt/chromium/chrome' }, '/opt/chromium/chrome'],
  ])('chromiumPath(%j)', (env, path) => {
    expect(chromiumPath(env)).toBe(path);
  });
});

describe('.ci/install-chromium.sh', () => {
  // a fake `id` makes the script believe it runs without root, whoever runs the test
  const bin = mkdtempSync(join(tmpdir(), 'spypixel-fake-id-'));
  writeFileSync(join(bin, 'id'), '#!/bin/sh\necho 1000\n');
  chmodSync(join(bin, 'id'), 0o755);
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  function install(env: NodeJS.ProcessEnv): { status: number | null; stderr: string } {
    const r = spawnSync('bash', ['.ci/install-chromium.sh'], {
      encoding: 'utf8',
      env: { PATH: `${bin}:/usr/bin:/bin`, ...env },
    });
    return { status: r.status, stderr: r.stderr };
  }

  it('without root nor Chromium: exits 0 and says the browser tests will be skipped', () => {
    const r = install({ SPYPIXEL_CHROMIUM: '/nonexistent/chromium' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('installing it needs root');
    expect(r.stderr).toContain('will be SKIPPED');
  });

  it('without root nor Chromium, in CI: fails', () => {
    const r = install({ SPYPIXEL_CHROMIUM: '/nonexistent/chromium', SPYPIXEL_REQUIRE_BROWSER: '1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('must run');
  });

  it('with Chromium already there: exits 0 quietly', () => {
    const r = install({ SPYPIXEL_CHROMIUM: '/bin/sh' });
    expect(r).toEqual({ status: 0, stderr: '' });
  });
});
