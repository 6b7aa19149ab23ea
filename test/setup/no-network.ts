/**
 * The scanner must never touch the network: loading a pixel is what it protects against.
 * Every test file runs with sockets (TCP, TLS, UDP, HTTP/1, HTTP/2), DNS and fetch replaced by
 * functions that throw, and every child process a test starts inherits the same replacements
 * through NODE_OPTIONS. test/no-network.test.ts proves the refusals work.
 */
import { fileURLToPath } from 'node:url';
import './refuse-network.mjs';

// quoted, so a checkout path with spaces still works
const preload = `--import=${JSON.stringify(fileURLToPath(new URL('./refuse-network.mjs', import.meta.url)))}`;
const current = process.env.NODE_OPTIONS ?? '';
if (!current.includes(preload)) process.env.NODE_OPTIONS = `${current} ${preload}`.trim();
