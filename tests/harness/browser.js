// Browser side of the end-to-end tests: a static server for dist/ on a free 127.0.0.1 port, and Debian's headless
// Chromium driven by playwright-core (which never downloads a browser).
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const mime = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.ts': 'text/plain; charset=utf-8', '.ico': 'image/x-icon', '.ttf': 'font/ttf',
};

// Serves `dir` read-only; resolves to {origin, close()}. Port 0 lets the kernel pick a free port. `headers` are added
// to every response (e.g. a Content-Security-Policy, as a static host would send it).
function serve(dir, headers = {}) {
  const base = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.resolve(base, '.' + decodeURIComponent(url.pathname));
    if (file !== base && !file.startsWith(base + path.sep)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
      res.writeHead(200, { 'content-type': mime[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : data);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

// The e2e suites' start: dist/ must hold the app's files (plus `extra`), screenshots go to tests/e2e/out/, and dist/
// is served. Resolves to serve()'s {origin, close()}.
async function serveDist(extra = []) {
  const { root, dist } = require('./common');
  for (const f of ['index.html', 'llmcalc_app.js', 'llmcalc_app.wasm', ...extra]) {
    if (!fs.existsSync(path.join(dist, f))) throw new Error(`dist/${f} is missing: run ./build-wasm.sh first`);
  }
  fs.mkdirSync(path.join(root, 'tests', 'e2e', 'out'), { recursive: true });
  return serve(dist);
}

// The flags TOOLCHAIN.md measured: WebGL2 through SwiftShader (ANGLE), nothing that phones home.
const chromiumArgs = ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage'];
const chromiumPath = process.env.LLMCALC_CHROMIUM || '/usr/bin/chromium';

// A fresh profile per run: launchPersistentContext on a new temporary user-data-dir, removed on close.
async function launch(options = {}) {
  const { chromium } = require('playwright-core');
  const os = require('os');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llmcalc-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath, headless: true, args: chromiumArgs,
    viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, ...options,
  });
  const close = async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}

// Records what a page does that a test must check: every request URL, failed requests, script errors.
function watch(page) {
  const seen = { requests: [], failed: [], errors: [] };
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('requestfailed', (r) => seen.failed.push(`${r.url()} ${r.failure() && r.failure().errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) seen.failed.push(`${r.url()} HTTP ${r.status()}`); });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  // "Failed to load resource" is also logged for Chromium's own favicon.ico probe, which no page asks for; the
  // page's real requests are checked through 'requestfailed' and 'response' above.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) seen.errors.push(`console: ${m.text()}`);
  });
  return seen;
}

// PNG width and height from the IHDR chunk.
function pngSize(buf) {
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

// A new page of `context` at `url`, watched (watch() above), once the app has drawn its first frame.
async function openPage(context, url, timeout = 30000) {
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(url);
  await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.frames > 0, null, { timeout });
  return { page, seen };
}

module.exports = { serve, serveDist, launch, watch, openPage, pngSize, chromiumArgs, chromiumPath };
