/**
 * Checks the labelled-corpus manifest (`test/corpus/sources/*.json`) without the emails themselves:
 * every entry's shape and types, uniqueness of restored file names and sha256 across the corpus,
 * one split per repository, no reserved repository and no email of the dev corpus. Pure: the caller
 * reads the files and passes their text in.
 */

/** The label kinds a tracker entry may have. */
export const CORPUS_KINDS = ['open-pixel', 'beacon', 'css-beacon', 'click-redirect'] as const;
/** The message categories of the spec. */
export const CORPUS_CATEGORIES = ['newsletter', 'transactional', 'notification', 'sales', 'phishing', 'spam', 'personal', 'list'] as const;
/** Repositories kept for independent evaluation: never part of this corpus. */
export const RESERVED_REPOS = [
  'rf-peixoto/phishing_pot', 'johnmyleswhite/ML_for_Hackers', 'apache/spamassassin', 'jstedfast/MimeKit',
  'rspamd/rspamd', 'simple-login/app', 'sisimai/set-of-emails', 'GOVCERT-LU/eml_parser', 'mikel/mail',
  'Webklex/php-imap', 'mozilla/fx-private-relay',
] as const;
/** Organisations whose every repository is reserved. */
export const RESERVED_ORGS = ['linux-mailinglist-archives'] as const;

/** One source file as read from disk. */
export interface SourceText {
  readonly name: string;
  readonly text: string;
}

/** Emails, labels and clean mails of one split. */
export interface SplitTotals {
  repos: number;
  emails: number;
  clean: number;
  labels: Record<string, number>;
  optionalLabels: number;
  leaks: number;
}

/** What the check found. */
export interface CorpusCheck {
  readonly problems: string[];
  readonly totals: { tune: SplitTotals; heldout: SplitTotals };
}

type Obj = Record<string, unknown>;

const HEX40 = /^[0-9a-f]{40}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const REPO = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/;
// A restored file name is written into the output folder as is: no separators, no `..`.
const FILE = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.(eml|html)$/;
const MBOX = /\.mbox(\.gz)?$/i;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}
function strOrNull(v: unknown): boolean {
  return v === null || nonEmpty(v);
}
function emptyTotals(): SplitTotals {
  return { repos: 0, emails: 0, clean: 0, labels: {}, optionalLabels: 0, leaks: 0 };
}

/** Whether a repository (any case) is reserved for independent evaluation. */
export function isReservedRepo(repo: string): boolean {
  const r = repo.toLowerCase();
  return RESERVED_REPOS.some((x) => x.toLowerCase() === r) || RESERVED_ORGS.some((o) => r.startsWith(`${o.toLowerCase()}/`));
}

function checkTracker(t: unknown, where: string, out: string[]): void {
  if (!isObj(t)) {
    out.push(`${where}: tracker entry is not an object`);
    return;
  }
  if (!nonEmpty(t['url'])) out.push(`${where}: tracker url must be a non-empty string`);
  if (!CORPUS_KINDS.some((k) => k === t['kind'])) out.push(`${where}: unknown kind ${JSON.stringify(t['kind'])}`);
  if (!strOrNull(t['vendor'])) out.push(`${where}: vendor must be a non-empty string or null`);
  if (!strOrNull(t['leaksEmail'])) out.push(`${where}: leaksEmail must be a non-empty string or null`);
  if (typeof t['optional'] !== 'boolean') out.push(`${where}: optional must be a boolean`);
  if (t['evidence'] !== undefined && typeof t['evidence'] !== 'string') out.push(`${where}: evidence must be a string`);
}

// An entry may name one message of a mailbox file instead of a lone message (restore.mjs cuts it out).
function checkMember(m: unknown, path: unknown, where: string, out: string[]): void {
  if (!isObj(m)) {
    out.push(`${where}: member must be an object`);
    return;
  }
  if (typeof m['index'] !== 'number' || !Number.isInteger(m['index']) || m['index'] < 0) out.push(`${where}: member.index must be a non-negative integer`);
  if (typeof m['containerSha256'] !== 'string' || !HEX64.test(m['containerSha256'])) out.push(`${where}: member.containerSha256 must be 64 lower-case hex digits`);
  if (typeof path === 'string' && !MBOX.test(path)) out.push(`${where}: a member entry's path must end in .mbox or .mbox.gz`);
}

function checkEmail(e: unknown, where: string, out: string[]): void {
  if (!isObj(e)) {
    out.push(`${where}: email entry is not an object`);
    return;
  }
  if (typeof e['file'] !== 'string' || !FILE.test(e['file'])) out.push(`${where}: file must be a plain .eml/.html file name`);
  if (!nonEmpty(e['path'])) out.push(`${where}: path must be a non-empty string`);
  if (typeof e['sha256'] !== 'string' || !HEX64.test(e['sha256'])) out.push(`${where}: sha256 must be 64 lower-case hex digits`);
  if (typeof e['sizeBytes'] !== 'number' || !Number.isInteger(e['sizeBytes']) || e['sizeBytes'] <= 0) out.push(`${where}: sizeBytes must be a positive integer`);
  if (e['member'] !== undefined) checkMember(e['member'], e['path'], where, out);
  if (e['format'] !== 'eml' && e['format'] !== 'html') out.push(`${where}: format must be eml or html`);
  else if (typeof e['file'] === 'string' && !e['file'].endsWith(`.${e['format']}`)) out.push(`${where}: file extension does not match format`);
  for (const k of ['recipient', 'leakCheckAddress', 'senderDomain'] as const) {
    if (e[k] !== undefined && !strOrNull(e[k])) out.push(`${where}: ${k} must be a non-empty string or null`);
  }
  for (const k of ['recipient', 'leakCheckAddress'] as const) {
    if (typeof e[k] === 'string' && !e[k].includes('@')) out.push(`${where}: ${k} is not an address`);
  }
  if (!nonEmpty(e['language'])) out.push(`${where}: language must be a non-empty string`);
  if (!CORPUS_CATEGORIES.some((c) => c === e['category'])) out.push(`${where}: unknown category ${JSON.stringify(e['category'])}`);
  if (typeof e['notes'] !== 'string') out.push(`${where}: notes must be a string`);
  const trackers = e['trackers'];
  if (!Array.isArray(trackers)) out.push(`${where}: trackers must be an array`);
  else {
    trackers.forEach((t, i) => checkTracker(t, `${where} tracker ${i}`, out));
    const seen = new Set<string>();
    for (const t of trackers as unknown[]) {
      if (!isObj(t)) continue;
      const key = `${String(t['kind'])} ${String(t['url']).toLowerCase()}`;
      if (seen.has(key)) out.push(`${where}: duplicate label ${key}`);
      seen.add(key);
    }
    const has = (trackers as unknown[]).some((t) => isObj(t) && t['optional'] === false);
    if (e['hasTrackers'] !== has) out.push(`${where}: hasTrackers must be ${String(has)} (true iff a non-optional label exists)`);
  }
  const other = e['otherLeaks'];
  if (!Array.isArray(other)) out.push(`${where}: otherLeaks must be an array`);
  else {
    other.forEach((o, i) => {
      if (!isObj(o) || !nonEmpty(o['url']) || !nonEmpty(o['leaksEmail'])) out.push(`${where} otherLeaks ${i}: needs url and leaksEmail`);
    });
  }
}

function addTotals(t: SplitTotals, emails: readonly unknown[]): void {
  t.repos++;
  for (const e of emails) {
    if (!isObj(e)) continue;
    t.emails++;
    if (e['hasTrackers'] === false) t.clean++;
    for (const tr of Array.isArray(e['trackers']) ? (e['trackers'] as unknown[]) : []) {
      if (!isObj(tr)) continue;
      if (tr['optional'] === true) t.optionalLabels++;
      else t.labels[String(tr['kind'])] = (t.labels[String(tr['kind'])] ?? 0) + 1;
      if (nonEmpty(tr['leaksEmail'])) t.leaks++;
    }
    if (Array.isArray(e['otherLeaks'])) t.leaks += e['otherLeaks'].length;
  }
}

/**
 * Checks every source file and counts each split.
 *
 * @example
 * const { problems, totals } = checkCorpusSources(files, new Set(devSha256s));
 * problems; // [] when the manifest is sound
 */
export function checkCorpusSources(files: readonly SourceText[], devSha256: ReadonlySet<string>): CorpusCheck {
  const problems: string[] = [];
  const totals = { tune: emptyTotals(), heldout: emptyTotals() };
  const fileOwner = new Map<string, string>();
  const shaOwner = new Map<string, string>();
  const repoOwner = new Map<string, string>();
  for (const f of files) {
    let doc: unknown;
    try {
      doc = JSON.parse(f.text);
    } catch (err) {
      problems.push(`${f.name}: not JSON (${(err as Error).message})`);
      continue;
    }
    if (!isObj(doc)) {
      problems.push(`${f.name}: not an object`);
      continue;
    }
    const repo = doc['repo'];
    if (typeof repo !== 'string' || !REPO.test(repo)) problems.push(`${f.name}: repo must be owner/name`);
    else {
      if (f.name !== `${repo.replace('/', '__')}.json`) problems.push(`${f.name}: file name must be ${repo.replace('/', '__')}.json`);
      if (isReservedRepo(repo)) problems.push(`${f.name}: ${repo} is reserved for independent evaluation`);
      const prev = repoOwner.get(repo.toLowerCase());
      if (prev !== undefined) problems.push(`${f.name}: ${repo} is already listed in ${prev} (one split per repository)`);
      repoOwner.set(repo.toLowerCase(), f.name);
    }
    if (typeof doc['commit'] !== 'string' || !HEX40.test(doc['commit'])) problems.push(`${f.name}: commit must be 40 lower-case hex digits`);
    if (doc['split'] !== 'tune' && doc['split'] !== 'heldout') problems.push(`${f.name}: split must be tune or heldout`);
    if (!strOrNull(doc['license'])) problems.push(`${f.name}: license must be a non-empty string or null`);
    const emails = doc['emails'];
    if (!Array.isArray(emails) || emails.length === 0) {
      problems.push(`${f.name}: emails must be a non-empty array`);
      continue;
    }
    emails.forEach((e, i) => {
      const where = `${f.name} email ${i}`;
      checkEmail(e, where, problems);
      if (!isObj(e)) return;
      if (typeof e['file'] === 'string') {
        const prev = fileOwner.get(e['file'].toLowerCase());
        if (prev !== undefined) problems.push(`${where}: file ${e['file']} also used by ${prev}`);
        fileOwner.set(e['file'].toLowerCase(), where);
      }
      if (typeof e['sha256'] === 'string') {
        const prev = shaOwner.get(e['sha256']);
        if (prev !== undefined) problems.push(`${where}: same bytes (sha256) as ${prev}`);
        shaOwner.set(e['sha256'], where);
        if (devSha256.has(e['sha256'])) problems.push(`${where}: email of the dev corpus (../shared/corpus/real)`);
      }
    });
    if (doc['split'] === 'tune' || doc['split'] === 'heldout') addTotals(totals[doc['split']], emails as unknown[]);
  }
  return { problems, totals };
}
