/**
 * `npm run demo`: builds the demo page, one self-contained file (docs/demo.html; `--out FILE` for
 * another place). The page script is the browser build bundled by esbuild as a classic script
 * with everything inlined (the catalogue and the MIME parser too), because a page opened from
 * file:// may not load modules or chunks. Its Content-Security-Policy allows its own inline script
 * and styles and nothing else: no request can leave the page or its preview frames.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const PAGE_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; base-uri 'none'; form-action 'none'";

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f4f5f7}
header{padding:18px 28px;background:#1d2330;color:#fff;display:flex;align-items:center;gap:16px}
header h1{font-size:20px;margin:0;flex:1}
header button{background:#2f3748;color:#fff;border:1px solid #4a5468;border-radius:6px;padding:4px 10px;cursor:pointer}
header button[aria-pressed=true]{background:#e8eefc;color:#1d2330}
main{display:grid;grid-template-columns:minmax(320px,1fr) minmax(320px,1fr);gap:20px;padding:20px 28px}
.panel{background:#fff;border:1px solid #dde1e8;border-radius:10px;padding:16px}
.intro{margin:0 0 12px;color:#4a5468}
#drop{border:2px dashed #9aa5b8;border-radius:10px;padding:18px;text-align:center;color:#4a5468}
#drop.over{border-color:#2563eb;background:#eef3ff}
textarea{width:100%;height:90px;margin-top:10px;font:12px ui-monospace,monospace}
input[type=email]{width:100%;padding:6px}
label{display:block;margin-top:10px;font-size:13px;color:#4a5468}
#scan{margin-top:8px;padding:6px 14px;border-radius:6px;border:1px solid #2563eb;background:#2563eb;color:#fff;cursor:pointer}
.summary{font-weight:600}
ol.findings{list-style:none;padding:0;margin:0}
.finding{border-left:4px solid #b45309;padding:6px 12px;margin:10px 0;background:#fffaf3}
.finding.certain{border-color:#b91c1c;background:#fff5f5}
.finding.possible{border-color:#9aa5b8;background:#f7f8fa}
.finding h3{font-size:15px;margin:0 0 4px}
.badge{font-size:11px;text-transform:uppercase;letter-spacing:.04em;background:#1d2330;color:#fff;border-radius:4px;padding:1px 6px;vertical-align:middle}
.confidence{font-weight:400;color:#4a5468}
.explanation{margin:4px 0}
.leaks{margin:4px 0;color:#b91c1c;font-weight:600}
.url{margin:4px 0;font:11px ui-monospace,monospace;color:#6b7385;word-break:break-all}
dl.message{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:8px 0}
dt{color:#4a5468}dd{margin:0}
iframe{width:100%;height:560px;border:1px solid #dde1e8;border-radius:6px;background:#fff;margin-top:8px}
.note,.removed{font-size:13px;color:#4a5468;margin:4px 0}
#status{color:#b91c1c}
`;

const BODY = `
<header><h1 data-text="title"></h1><button type="button" data-lang="en">EN</button><button type="button" data-lang="fr">FR</button></header>
<main>
  <div class="panel">
    <p class="intro" data-text="intro"></p>
    <div id="drop"><p data-text="drop"></p><input type="file" id="file" accept=".eml,.html,.htm,message/rfc822,text/html"></div>
    <textarea id="paste" spellcheck="false"></textarea>
    <label for="recipient" data-text="recipient"></label><input type="email" id="recipient" placeholder="me@mail.example">
    <button type="button" id="scan" data-text="scan"></button>
    <p id="status" role="status"></p>
    <div id="results"></div>
  </div>
  <div class="panel"><h2 data-text="preview"></h2><p class="note" data-text="previewNote"></p><div id="preview-body"></div></div>
</main>`;

/**
 * The demo page's HTML.
 *
 * @example
 * const html = await buildDemo();
 */
export async function buildDemo(): Promise<string> {
  const result = await build({
    entryPoints: ['demo/app.ts'],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const script = result.outputFiles[0]?.text ?? '';
  // inline: a `</script` inside the code would end the element early
  const safe = script.replace(/<\/script/gi, '<\\/script');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>spypixel demo</title>
<style>${STYLE}</style></head>
<body data-state="loading">${BODY}
<script>${safe}</script>
</body></html>
`;
}

if (process.argv[1]?.endsWith('build.ts') === true) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'docs/demo.html' } } });
  const html = await buildDemo();
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, html);
  console.log(`${values.out}: ${(html.length / 1024).toFixed(0)} KB`);
}
