// End-to-end: the ImGui app in Debian's headless Chromium. Inputs change through real mouse and keyboard events on the
// canvas; results are read back through window.llmcalcApp (docs/js-api.md) and checked against the formulas and the
// JS API run in node from the same dist/. Screenshots go to tests/e2e/out/ (git-ignored).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { root, dist, loadApi } = require('../harness/common');
const { serveDist, launch, watch, pngSize } = require('../harness/browser');
const { frames, hold, typeInto } = require('../harness/input');

const out = path.join(root, 'tests', 'e2e', 'out');
const frameTimeout = 30000; // software GL on 2 cores: first frame ~0.5 s measured, but leave room for a busy machine
let server = null;
let browser = null;

before(async () => {
  server = await serveDist(['llmcalc-offline.html']);
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

// Every request the page made must be one of the page's own files: the served origin, or file:// for the offline page
// (data: and blob: URLs are in-page, not network).
function assertOnlyOwnFiles(seen, origin) {
  const foreign = seen.requests.filter((u) => !(u.startsWith(origin + '/') || u.startsWith('file://') ||
    u.startsWith('data:') || u.startsWith('blob:')));
  assert.deepEqual(foreign, [], 'requests outside the page\'s own files');
  assert.deepEqual(seen.failed, [], 'failed requests');
  assert.deepEqual(seen.errors, [], 'script errors');
}

async function openApp(url, context = browser.context) {
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(url);
  await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.frames > 0, null, { timeout: frameTimeout });
  return { page, seen };
}

const appReport = (page) => page.evaluate(() => window.llmcalcApp.report());
const appInputs = (page) => page.evaluate(() => window.llmcalcApp.inputs());

test('index.html renders frames and shows the scenario of its URL hash, as the JS API computes it', async () => {
  const api = await loadApi();
  const { page, seen } = await openApp(`${server.origin}/index.html#model=gpt2&seq=1024&gen=0`);
  await frames(page, 3); // keeps rendering, not just one frame
  assert.deepEqual(await appReport(page), api.report({ model: 'gpt2', seq: 1024, gen: 0 }));
  const inputs = await appInputs(page);
  assert.equal(String(inputs.seq), '1024');
  assert.equal(inputs.model, 'gpt2');
  assertOnlyOwnFiles(seen, server.origin);
  await page.close();
});

test('typing a new context length on the canvas scales the KV cache by the ratio of contexts', async () => {
  const api = await loadApi();
  const { page, seen } = await openApp(`${server.origin}/index.html#model=gpt2&seq=1024&gen=0`);
  const old = await appReport(page);
  await typeInto(page, 'seq', '3072');
  await page.waitForFunction(() => String(window.llmcalcApp.inputs().seq) === '3072', null, { timeout: 10000 });
  const now = await appReport(page);
  // The KV cache holds every token of the context (seq + gen): 3072 / 1024 = 3 times as many bytes.
  assert.equal(now.memory.inference.kv_cache_bytes, old.memory.inference.kv_cache_bytes * 3);
  assert.equal(now.memory.kv_cache_bytes_per_token, old.memory.kv_cache_bytes_per_token);
  assert.equal(now.params.total, old.params.total, 'the model did not change');
  assert.deepEqual(now, api.report({ model: 'gpt2', seq: 3072, gen: 0 }));
  // The URL hash follows the scenario, so the page can be shared.
  assert.match(await page.evaluate(() => location.hash), /(^#|&)seq=3072(&|$)/);
  assertOnlyOwnFiles(seen, server.origin);
  await page.close();
});

test('a bad value shows a named error and keeps the last good scenario', async () => {
  const api = await loadApi();
  const { page, seen } = await openApp(`${server.origin}/index.html#model=gpt2&seq=2048&gen=0`);
  await typeInto(page, 'seq', '0');
  await page.waitForFunction(() => {
    const r = window.llmcalcApp.report();
    return Array.isArray(r.errors) && r.errors.length > 0;
  }, null, { timeout: 10000 });
  const bad = await appReport(page);
  assert.ok(bad.errors.some((e) => e.key === 'seq' && e.message), JSON.stringify(bad.errors));
  await frames(page, 2);
  await page.screenshot({ path: path.join(out, 'app-error-dpr1.png') });
  // The shared URL still holds the last good value, and the app keeps running.
  assert.match(await page.evaluate(() => location.hash), /(^#|&)seq=2048(&|$)/);
  // A good value afterwards gives the report again.
  await typeInto(page, 'seq', '512');
  await page.waitForFunction(() => !window.llmcalcApp.report().errors, null, { timeout: 10000 });
  assert.deepEqual(await appReport(page), api.report({ model: 'gpt2', seq: 512, gen: 0 }));
  assertOnlyOwnFiles(seen, server.origin);
  await page.close();
});

test('screenshots at devicePixelRatio 1 and 2 have a sharp backing store', async () => {
  for (const dpr of [1, 2]) {
    const b = dpr === 1 ? browser : await launch({ deviceScaleFactor: 2 });
    try {
      const { page, seen } = await openApp(`${server.origin}/index.html#model=llama-3-8b`, b.context);
      await frames(page, 5);
      // The canvas backing store is CSS size x devicePixelRatio (TOOLCHAIN.md: Emscripten's GLFW would stretch it).
      const canvas = await page.evaluate(() => {
        const c = document.getElementById('canvas');
        return { w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight, dpr: window.devicePixelRatio };
      });
      assert.equal(canvas.dpr, dpr);
      assert.equal(canvas.w, Math.round(canvas.cssW * dpr), JSON.stringify(canvas));
      assert.equal(canvas.h, Math.round(canvas.cssH * dpr), JSON.stringify(canvas));
      const file = path.join(out, `app-dpr${dpr}.png`);
      const png = await page.screenshot({ path: file });
      assert.deepEqual(pngSize(png), { width: 1280 * dpr, height: 800 * dpr });
      assertOnlyOwnFiles(seen, server.origin);
      await page.close();
    } finally {
      if (b !== browser) await b.close();
    }
  }
});

test('embed mode (#embed=1) renders and computes the same report', async () => {
  const api = await loadApi();
  const { page, seen } = await openApp(`${server.origin}/index.html#embed=1&model=gpt2&seq=1024`);
  await frames(page, 3);
  assert.deepEqual(await appReport(page), api.report({ model: 'gpt2', seq: 1024 }));
  await page.screenshot({ path: path.join(out, 'app-embed-dpr1.png') });
  assertOnlyOwnFiles(seen, server.origin);
  await page.close();
});

test('llmcalc-offline.html works from file:// with no other file', async () => {
  const api = await loadApi();
  const url = `file://${path.join(dist, 'llmcalc-offline.html')}#model=gpt2&seq=1024`;
  const { page, seen } = await openApp(url);
  await frames(page, 3);
  assert.deepEqual(await appReport(page), api.report({ model: 'gpt2', seq: 1024 }));
  const files = seen.requests.filter((u) => u.startsWith('file://'));
  assert.deepEqual([...new Set(files.map((u) => u.replace(/#.*$/, '')))],
    [`file://${path.join(dist, 'llmcalc-offline.html')}`], 'only the page itself is loaded');
  await page.screenshot({ path: path.join(out, 'offline-dpr1.png') });
  assertOnlyOwnFiles(seen, 'file://');
  await page.close();
});

test('example.html: the JS API in the browser gives the same report as in node, and shows bad input', async () => {
  const api = await loadApi();
  const page = await browser.context.newPage();
  const seen = watch(page);
  await page.goto(`${server.origin}/example.html`);
  await page.waitForFunction(() => document.querySelectorAll('#rows tr').length > 0, null, { timeout: frameTimeout });
  const scenario = { model: 'gpt2', seq: 1024, task: 'training' };
  const inBrowser = await page.evaluate((s) => window.llmcalc.load().then((a) => a.report(s)), scenario);
  assert.deepEqual(inBrowser, api.report(scenario));
  // Typing into the page's own form: a bad context length shows the named error.
  await page.fill('#seq', '0');
  await page.waitForFunction(() => document.getElementById('errors').textContent.length > 0, null, { timeout: 10000 });
  assert.match(await page.textContent('#errors'), /^seq: /);
  assertOnlyOwnFiles(seen, server.origin);
  await page.close();
});
