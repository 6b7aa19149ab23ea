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
// named imports (`import { connect } from 'node:net'`) see the replacements too
syncBuiltinESMExports();
