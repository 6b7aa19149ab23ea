/**
 * Proves the no-network setup (test/setup/no-network.ts) really refuses: every way to open a
 * socket, resolve a name or fetch throws, in this process and in child processes.
 */
import { spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net, { connect as namedConnect } from 'node:net';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';

const REFUSED = /network access attempted in a test/;

describe('no network in tests', () => {
  it.each<[string, () => unknown]>([
    ['fetch', () => fetch('https://example.com/')],
    ['net.connect', () => net.connect(80, 'example.com')],
    ['net.createConnection', () => net.createConnection({ host: 'example.com', port: 80 })],
    ['new net.Socket().connect', () => new net.Socket().connect(80, '192.0.2.1')],
    ['named import connect', () => namedConnect(80, 'example.com')],
    ['tls.connect', () => tls.connect(443, 'example.com')],
    ['dgram.createSocket', () => dgram.createSocket('udp4')],
    ['dns.lookup', () => dns.lookup('example.com', () => undefined)],
    ['dns.resolve4', () => dns.resolve4('example.com', () => undefined)],
    ['dns.promises.lookup', () => dns.promises.lookup('example.com')],
    ['new dns.Resolver().resolve', () => new dns.Resolver().resolve('example.com', () => undefined)],
    ['http.get', () => http.get('http://example.com/')],
    ['http.request', () => http.request('http://example.com/')],
    ['https.request', () => https.request('https://example.com/')],
    ['http2.connect', () => http2.connect('https://example.com/')],
  ])('%s throws', (_name, attempt) => {
    expect(attempt).toThrow(REFUSED);
  });

  it('a child node process inherits the refusals', () => {
    const r = spawnSync(process.execPath, ['-e', "require('node:net').connect(80, 'example.com')"], { encoding: 'utf8', env: process.env });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(REFUSED);
    const f = spawnSync(process.execPath, ['--input-type=module', '-e', "await fetch('https://example.com/')"], { encoding: 'utf8', env: process.env });
    expect(f.status).not.toBe(0);
    expect(f.stderr).toMatch(REFUSED);
  });
});
