/**
 * The scanner must never touch the network: loading a pixel is what it protects against.
 * Every test file runs with sockets, DNS and fetch replaced by functions that fail loudly.
 */
import net from 'node:net';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';

function refuse(what: string): never {
  throw new Error(`network access attempted in a test: ${what}`);
}

const g = globalThis as { fetch?: unknown };
g.fetch = () => refuse('fetch');
(net as { connect: unknown }).connect = () => refuse('net.connect');
(net as { createConnection: unknown }).createConnection = () => refuse('net.createConnection');
(net.Socket.prototype as { connect: unknown }).connect = () => refuse('net.Socket#connect');
(dns as { lookup: unknown }).lookup = () => refuse('dns.lookup');
(dns as { resolve: unknown }).resolve = () => refuse('dns.resolve');
(dns.promises as { lookup: unknown }).lookup = () => refuse('dns.promises.lookup');
(http as { request: unknown }).request = () => refuse('http.request');
(http as { get: unknown }).get = () => refuse('http.get');
(https as { request: unknown }).request = () => refuse('https.request');
(https as { get: unknown }).get = () => refuse('https.get');
