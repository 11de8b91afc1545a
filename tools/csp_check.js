#!/usr/bin/env node
// Loads dist/ pages in headless Chromium under a strict Content-Security-Policy (sent as an HTTP header, as a
// static host would) and reports every violation. Findings are written up in docs/security.md.
//   node tools/csp_check.js [dist-dir] [policy]
// Default policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'
// Exit code 1 when a page is blocked from working (no first frame / no API result) or any violation occurs.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const root = path.resolve(__dirname, '..');
const dist = path.resolve(process.argv[2] || path.join(root, 'dist'));
const policy = process.argv[3] || "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const mime = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css', '.ts': 'text/plain' };

function serve(dir) {
  const server = http.createServer((req, res) => {
    const p = path.resolve(dir, '.' + decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!p.startsWith(dir + path.sep)) { res.writeHead(403).end(); return; }
    fs.readFile(p, (err, data) => {
      if (err) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'content-type': mime[path.extname(p)] || 'application/octet-stream',
        'content-security-policy': policy, 'cache-control': 'no-store' });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () =>
    resolve({ origin: 'http://127.0.0.1:' + server.address().port, close: () => server.close() })));
}

async function check(context, url, ready) {
  const page = await context.newPage();
  const console_ = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console_.push(m.text()); });
  page.on('pageerror', (e) => console_.push('pageerror: ' + e));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || '(inline)') +
        (e.lineNumber ? ' at line ' + e.lineNumber : '') + (e.sample ? ' sample: ' + e.sample.slice(0, 60) : ''));
    });
  });
  await page.goto(url);
  let works = true;
  try {
    await page.waitForFunction(ready, null, { timeout: 20000 });
  } catch (e) {
    works = false;
  }
  const violations = await page.evaluate(() => window.__csp);
  await page.close();
  return { works, violations, console: console_ };
}

async function main() {
  const { chromium } = require(require.resolve('playwright-core', { paths: [root] }));
  const server = await serve(dist);
  const browser = await chromium.launch({ executablePath: process.env.LLMCALC_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-dev-shm-usage'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  console.log('policy: ' + policy);
  let bad = false;
  const pages = [
    ['index.html', () => window.llmcalcApp && window.llmcalcApp.frames > 0, 'app draws frames'],
    ['example.html', () => document.querySelectorAll('#rows tr').length > 0, 'JS API fills the table'],
  ];
  for (const [file, ready, what] of pages) {
    if (!fs.existsSync(path.join(dist, file))) { console.log(file + ': missing'); continue; }
    const r = await check(context, server.origin + '/' + file, ready);
    console.log('\n' + file + ': ' + what + ': ' + (r.works ? 'yes' : 'NO'));
    for (const v of r.violations) console.log('  violation: ' + v);
    for (const c of r.console) console.log('  console: ' + c.slice(0, 200));
    if (!r.works || r.violations.length) bad = true;
  }
  await browser.close();
  server.close();
  process.exit(bad ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(2); });
