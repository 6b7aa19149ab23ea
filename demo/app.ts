/**
 * The demo page: drop an .eml (or .html) or paste HTML, see the findings with their explanations
 * (English or French) beside a sanitised preview. Runs from file:// with no server and no network:
 * the whole library, catalogue and MIME parser included, is inlined into the page by demo/build.ts.
 */
import { loadCatalogue, sanitizeHtml, scanEml, scanHtml, type Language, type Report } from '../src/browser/index.js';
import { parseMail } from '../src/browser/mime.js';
import { TEXT } from './i18n.js';
import { el, previewFrame, renderReport } from './render.js';

/** What was last scanned, so that switching the language re-renders it. */
type Input = { readonly kind: 'eml'; readonly bytes: Uint8Array } | { readonly kind: 'html'; readonly html: string };

let lang: Language = navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
let last: Input | null = null;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function recipients(): string[] {
  const given = $<HTMLInputElement>('recipient').value.trim();
  return given.includes('@') ? [given] : [];
}

/** The rendered HTML parts and the options to sanitise them with. */
async function parts(input: Input): Promise<{ html: string[]; sender: string | null; to: string[] }> {
  if (input.kind === 'html') return { html: [input.html], sender: null, to: [] };
  const mail = await parseMail(input.bytes);
  const h = mail.headers;
  return { html: mail.htmlParts.filter((p) => p.attachment !== true).map((p) => p.html), sender: h.from, to: [...h.to, ...h.cc, ...h.deliveredTo] };
}

async function scan(input: Input): Promise<Report> {
  const options = { lang, recipient: recipients() };
  return input.kind === 'eml' ? scanEml(input.bytes, options) : scanHtml(input.html, options);
}

async function show(input: Input): Promise<void> {
  last = input;
  document.body.dataset.state = 'working';
  $('status').textContent = TEXT[lang].loading;
  try {
    await loadCatalogue();
    const report = await scan(input);
    const { html, sender, to } = await parts(input);
    const options = { lang, recipient: [...to, ...recipients()], ...(sender === null ? {} : { sender }) };
    const cleaned = html.map((h) => sanitizeHtml(h, options));
    const removed = cleaned.reduce((n, c) => n + c.removed.length, 0);
    $('results').replaceChildren(renderReport(report, TEXT[lang]));
    $('preview-body').replaceChildren(
      el('p', { class: 'removed' }, TEXT[lang].removed(removed)),
      ...cleaned.map((c, i) => previewFrame(c.html, `${TEXT[lang].preview} ${i + 1}`)),
    );
    $('status').textContent = '';
    document.body.dataset.state = 'done';
  } catch (e) {
    $('status').textContent = String(e);
    document.body.dataset.state = 'error';
  }
}

async function readFile(file: File): Promise<void> {
  document.body.dataset.state = 'working';
  const bytes = new Uint8Array(await file.arrayBuffer());
  const isHtml = /\.html?$/i.test(file.name) || file.type === 'text/html';
  await show(isHtml ? { kind: 'html', html: new TextDecoder().decode(bytes) } : { kind: 'eml', bytes });
}

function applyLanguage(): void {
  const t = TEXT[lang];
  document.documentElement.lang = lang;
  document.title = t.title;
  document.querySelectorAll<HTMLElement>('[data-text]').forEach((node) => {
    const value = t[node.dataset.text as keyof typeof t];
    if (typeof value === 'string') node.textContent = value;
  });
  $<HTMLTextAreaElement>('paste').placeholder = t.paste;
  document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === lang)));
  if (last !== null) void show(last);
}

function wire(): void {
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const file = e.dataTransfer?.files[0];
    if (file !== undefined) void readFile(file);
  });
  $<HTMLInputElement>('file').addEventListener('change', (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file !== undefined) void readFile(file);
  });
  $('scan').addEventListener('click', () => void show({ kind: 'html', html: $<HTMLTextAreaElement>('paste').value }));
  document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((b) => {
    b.addEventListener('click', () => {
      lang = b.dataset.lang === 'fr' ? 'fr' : 'en';
      applyLanguage();
    });
  });
  applyLanguage();
  document.body.dataset.state = 'ready';
}

wire();
