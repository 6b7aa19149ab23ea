#!/usr/bin/env node
// The registry this project's machines reach serves only the native packages of the platforms it
// runs on; npm then leaves the other platforms' optional packages (e.g. rollup's) out of
// package-lock.json, and `npm ci` refuses a lock file that misses them. This adds a placeholder
// entry for each missing optional dependency: npm ci skips optional packages it cannot install.
// Run it after every `npm install`: `node .ci/complete-lock.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [key, pkg] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const here = `${key === '' ? '' : `${key}/`}node_modules/${name}`;
    if (packages[here] !== undefined || packages[`node_modules/${name}`] !== undefined) continue;
    packages[`node_modules/${name}`] = { version, ...(pkg.dev ? { dev: true } : {}), optional: true };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
lock.packages = sorted;
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`complete-lock: ${added} optional entries added\n`);
