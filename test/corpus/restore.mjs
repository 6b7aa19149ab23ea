#!/usr/bin/env node
// Restores the labelled corpus described by test/corpus/sources/*.json into a folder that
// `spypixel eval` reads: DIR/tune/ and DIR/heldout/, each with the emails and a labels.json.
// Each file comes from a local git mirror when one is present, else from raw.githubusercontent.com,
// and is written only when its sha256 matches the manifest. Plain Node ESM, no dependencies; it
// never writes anywhere but the output folder. An entry with a `member` field names one message of
// an mbox file (`.mbox` or `.mbox.gz`): the mailbox is checked against `member.containerSha256`,
// then the message is cut out byte for byte (mbox-member.mjs) and checked against `sha256`.
//
//   node test/corpus/restore.mjs --out DIR [--mirror-root /work/.mirror] [--split tune|heldout] [--no-network]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMboxPath, mboxMember } from './mbox-member.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SOURCES = join(HERE, 'sources');
const SPLITS = ['tune', 'heldout'];
const USAGE = 'usage: node test/corpus/restore.mjs --out DIR [--mirror-root DIR] [--split tune|heldout] [--no-network]';

function parseArgs(argv) {
  const opts = { out: null, mirrorRoot: '/work/.mirror', split: null, network: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--out') opts.out = value();
    else if (a === '--mirror-root') opts.mirrorRoot = value();
    else if (a === '--split') opts.split = value();
    else if (a === '--no-network') opts.network = false;
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (opts.out === null) throw new Error('--out is required');
  if (opts.split !== null && !SPLITS.includes(opts.split)) throw new Error('--split must be tune or heldout');
  return opts;
}

// A fetched mirror is laid out as <root>/<owner>+<name>/repo (bare) or .../repo/.git; accept both,
// and a plain <root>/<owner>+<name> git directory too.
function mirrorGitDir(root, repo) {
  const base = join(root, repo.replace('/', '+'));
  for (const d of [join(base, 'repo'), join(base, 'repo', '.git'), base]) {
    if (existsSync(join(d, 'HEAD')) && existsSync(join(d, 'objects'))) return d;
  }
  return null;
}

function fromMirror(gitDir, commit, path) {
  try {
    return execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${path}`], { maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

async function fromNetwork(repo, commit, path) {
  const url = `https://raw.githubusercontent.com/${repo}/${commit}/${path.split('/').map(encodeURIComponent).join('/')}`;
  try {
    const res = await fetch(url);
    if (!res.ok) return { bytes: null, why: `HTTP ${res.status}` };
    return { bytes: Buffer.from(await res.arrayBuffer()), why: null };
  } catch (err) {
    return { bytes: null, why: err instanceof Error ? err.message : String(err) };
  }
}

// Cuts the message an entry names out of its mailbox; a string says why it could not.
function memberOf(bytes, e) {
  const m = e.member;
  if (!isMboxPath(e.path)) return 'member entries need a .mbox or .mbox.gz path';
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== m.containerSha256) return `mailbox sha256 mismatch: got ${sha}`;
  const msg = mboxMember(bytes, { index: m.index, gzip: /\.gz$/i.test(e.path) });
  return msg === null ? `mailbox has no message ${m.index}` : msg;
}

function readSources() {
  if (!existsSync(SOURCES)) throw new Error(`no sources folder at ${SOURCES}`);
  return readdirSync(SOURCES)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => ({ name: n, doc: JSON.parse(readFileSync(join(SOURCES, n), 'utf8')) }));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const out = resolve(opts.out);
  if (out === resolve(HERE) || out.startsWith(resolve(SOURCES))) throw new Error('refusing to write into the manifest folder');
  const wanted = opts.split === null ? SPLITS : [opts.split];
  const labels = Object.fromEntries(wanted.map((s) => [s, []]));
  const problems = [];
  const containers = new Map();
  let written = 0;
  for (const { name, doc } of readSources()) {
    if (!wanted.includes(doc.split)) continue;
    const gitDir = mirrorGitDir(opts.mirrorRoot, doc.repo);
    const dir = join(out, doc.split);
    mkdirSync(dir, { recursive: true });
    for (const e of doc.emails) {
      const where = `${e.file} (${doc.repo}@${doc.commit.slice(0, 10)}:${e.path})`;
      if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(e.file)) {
        problems.push(`bad file name ${where} in ${name}`);
        continue;
      }
      // Several entries may name messages of one mailbox: read it once.
      const key = `${doc.repo}@${doc.commit}:${e.path}`;
      let bytes = containers.get(key) ?? (gitDir === null ? null : fromMirror(gitDir, doc.commit, e.path));
      let why = gitDir === null ? 'no local mirror' : 'not in the local mirror';
      if (bytes === null && opts.network) ({ bytes, why } = await fromNetwork(doc.repo, doc.commit, e.path));
      if (bytes !== null && e.member !== undefined) containers.set(key, bytes);
      if (bytes === null) {
        problems.push(`missing ${where}: ${why}`);
        continue;
      }
      if (e.member !== undefined) {
        const msg = memberOf(bytes, e);
        if (typeof msg === 'string') {
          problems.push(`${msg} ${where}`);
          continue;
        }
        bytes = msg;
      }
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (sha !== e.sha256) {
        problems.push(`sha256 mismatch ${where}: got ${sha}`);
        continue;
      }
      writeFileSync(join(dir, e.file), bytes);
      written++;
      labels[doc.split].push({ ...e, source: { repo: doc.repo, path: e.path, commit: doc.commit } });
    }
  }
  for (const split of wanted) {
    const dir = join(out, split);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'labels.json'), `${JSON.stringify({ emails: labels[split] }, null, 1)}\n`);
  }
  for (const p of problems) console.log(p);
  const summary = wanted.map((s) => `${s}: ${labels[s].length}`).join(', ');
  console.log(`restored ${written} emails into ${out} (${summary}); ${problems.length} problem(s)`);
  if (problems.length > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`restore: ${err instanceof Error ? err.message : String(err)}`);
  console.error(USAGE);
  process.exitCode = 2;
});
