/**
 * vitest globalSetup: says once, visibly, when the browser tests are skipped because Chromium is
 * absent (see test/browser/chromium.ts), and refuses to start when CI requires them
 * (`SPYPIXEL_REQUIRE_BROWSER=1`) and Chromium is missing.
 */
import { BROWSER_MODE, CHROMIUM } from '../browser/chromium.js';

/** Prints the notice or throws; returns nothing when Chromium is there. */
export default function setup(): void {
  if (BROWSER_MODE === 'run') return;
  if (BROWSER_MODE === 'fail') {
    throw new Error(`SPYPIXEL_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}: the browser tests cannot run.`);
  }
  process.stderr.write(
    `\n  NOTICE: no Chromium at ${CHROMIUM}: the browser tests (test/browser/) are SKIPPED.\n` +
      '  Install it as root (`bash .ci/install-chromium.sh` or `apt-get install chromium`), or point\n' +
      '  SPYPIXEL_CHROMIUM at a Chromium binary, to run them.\n\n',
  );
}
