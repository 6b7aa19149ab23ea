/**
 * Replaces every way Node opens a network connection or resolves a name with a function that
 * throws. Plain JS so it can also be preloaded into child processes (`node --import`), which the
 * test setup arranges through NODE_OPTIONS: the CLI tests run the built CLI in its own process.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import { pathToFileURL } from 'node:url';
import workerThreads from 'node:worker_threads';

export const REFUSAL = 'network access attempted in a test';

function refuser(what) {
  return function refuse() {
    throw new Error(`${REFUSAL}: ${what}`);
  };
}

function replace(target, names, prefix) {
  for (const name of names) {
    if (typeof target[name] === 'function') target[name] = refuser(`${prefix}${name}`);
  }
}

const DNS_CALLS = [
  'lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname',
  'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse',
];

for (const name of ['fetch', 'WebSocket', 'EventSource']) {
  if (typeof globalThis[name] === 'function') globalThis[name] = refuser(name);
}
replace(net, ['connect', 'createConnection'], 'net.');
replace(net.Socket.prototype, ['connect'], 'net.Socket#');
replace(tls, ['connect'], 'tls.');
replace(dgram, ['createSocket'], 'dgram.');
replace(dgram.Socket.prototype, ['bind', 'connect', 'send'], 'dgram.Socket#');
replace(dns, DNS_CALLS, 'dns.');
replace(dns.promises, DNS_CALLS, 'dns.promises.');
replace(dns.Resolver.prototype, DNS_CALLS, 'dns.Resolver#');
replace(dns.promises.Resolver.prototype, DNS_CALLS, 'dns.promises.Resolver#');
replace(http, ['request', 'get'], 'http.');
replace(https, ['request', 'get'], 'https.');
replace(http2, ['connect'], 'http2.');

// A worker thread has module instances of its own, and a preload given to this process (the
// --import below, or this file imported by a test) does not always reach it. Every worker is
// therefore started through an entry that loads this file first, then the worker's own code.
const PlainWorker = workerThreads.Worker;
if (!PlainWorker.guarded) {
  const entry = new URL('./guarded-worker.mjs', import.meta.url);
  class GuardedWorker extends PlainWorker {
    constructor(filename, options = {}) {
      if (options.eval === true) {
        // an eval worker is a script: its code runs once the guard is loaded
        super(`import(${JSON.stringify(import.meta.url)}).then(() => {\n${String(filename)}\n});`, options);
      } else {
        const url = filename instanceof URL ? filename.href : pathToFileURL(String(filename)).href;
        super(entry, { ...options, argv: [...(options.argv ?? []), url] });
      }
    }
  }
  GuardedWorker.guarded = true;
  workerThreads.Worker = GuardedWorker;
}

// named imports (`import { connect } from 'node:net'`) see the replacements too
syncBuiltinESMExports();
