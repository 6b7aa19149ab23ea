/**
 * Where the browser tests find Chromium, and what they do without it. `npm test` must run without
 * root, so on a machine where Chromium is absent (and `.ci/install-chromium.sh` could not install
 * it) the browser tests are skipped, with a notice printed once by `test/setup/browser.ts`. CI sets
 * `SPYPIXEL_REQUIRE_BROWSER=1`: there a missing Chromium fails the run instead of skipping.
 */
import { existsSync } from 'node:fs';
import { describe } from 'vitest';

/** What the browser tests do on this machine. */
export type BrowserTestMode = 'run' | 'skip' | 'fail';

/**
 * The Chromium binary the browser tests drive: `SPYPIXEL_CHROMIUM`, else Debian's.
 *
 * @example
 * chromiumPath({}); // '/usr/bin/chromium'
 */
export function chromiumPath(env: NodeJS.ProcessEnv): string {
  const given = env.SPYPIXEL_CHROMIUM ?? '';
  return given === '' ? '/usr/bin/chromium' : given;
}

/**
 * Run when Chromium is there; otherwise skip, unless `SPYPIXEL_REQUIRE_BROWSER=1` says the tests
 * must run (then `fail`: the tests run and fail on the missing browser, never silently pass).
 *
 * @example
 * browserTestMode({ SPYPIXEL_REQUIRE_BROWSER: '1' }, false); // 'fail'
 */
export function browserTestMode(env: NodeJS.ProcessEnv, chromiumExists: boolean): BrowserTestMode {
  if (chromiumExists) return 'run';
  return env.SPYPIXEL_REQUIRE_BROWSER === '1' ? 'fail' : 'skip';
}

/** The Chromium binary of this run. */
export const CHROMIUM = chromiumPath(process.env);

/** This run's mode. */
export const BROWSER_MODE = browserTestMode(process.env, existsSync(CHROMIUM));

/**
 * `describe` for tests that need Chromium: skipped when it is absent and not required.
 *
 * @example
 * describeInBrowser('the demo page', () => { it('shows findings', async () => { … }); });
 */
export const describeInBrowser: typeof describe.skip = BROWSER_MODE === 'skip' ? describe.skip : describe;

/**
 * Flags that keep Chromium from reaching out on its own (updates, sync, QUIC probes), and a host
 * resolver that resolves nothing, so that no DNS query leaves the machine whatever a page asks.
 */
export const CHROMIUM_ARGS = [
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
