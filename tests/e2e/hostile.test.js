// End-to-end, issue #14: the page never stays frozen on or keeps a poisoned scenario, and URL problems reach
// llmcalcApp.report().warnings and the screen-reader text (the aria-live #llmcalc-results-text), not only the canvas.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { serveDist, launch, watch } = require('../harness/browser');
const { frames, click } = require('../harness/input');

const frameTimeout = 30000;
let server = null;

before(async () => {
  server = await serveDist([]);
});

after(async () => {
  if (server) await server.close();
});

async function openApp(hash, init = null) {
  const browser = await launch({ locale: 'en-US' });
  const page = await browser.context.newPage();
  const seen = watch(page);
  if (init) await page.addInitScript(init[0], init[1]);
  await page.goto(`${server.origin}/index.html${hash}`);
  await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.frames > 0, null, { timeout: frameTimeout });
  await frames(page, 3);
  return { browser, page, seen };
}

const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('llmcalc')));
const inputs = (page) => page.evaluate(() => window.llmcalcApp.inputs());
// localStorage seeded once per browser profile (not again on reload)
const seedOnce = (t) => {
  if (!sessionStorage.getItem('seeded')) { localStorage.setItem('llmcalc', t); sessionStorage.setItem('seeded', '1'); }
};

test('the issue\'s 221-byte link ("num_hidden_layers": 1e9) draws at once with a named error and is not saved', async () => {
  const config = JSON.stringify({ model_type: 'llama', num_hidden_layers: 1e9, hidden_size: 4096,
    num_attention_heads: 32, vocab_size: 32000 });
  // openApp waits at most frameTimeout for the first frame (the issue saw none after 14 minutes); no wall-clock
  // check beyond that here (speed targets live in bench/run.sh; a loaded machine takes long to launch a browser)
  const { browser, page, seen } = await openApp(`#config=${encodeURIComponent(config)}`);
  try {
    const report = await page.evaluate(() => window.llmcalcApp.report());
    assert.ok(report.errors && report.errors.some((e) => e.key === 'config' && /num_hidden_layers/.test(e.message)),
      JSON.stringify(report.errors));
    const saved = await stored(page);
    assert.ok(!saved || !String(saved.scenario || '').includes('config='), 'a failing scenario is not kept for the next visit');
    assert.deepEqual(seen.errors, []);
  } finally {
    await browser.close();
  }
});

test('a saved scenario that never passed at the last start-up is not loaded without asking', async () => {
  const { browser, page, seen } = await openApp('',
    [seedOnce, JSON.stringify({ v: 1, scenario: 'seq=12345', trial: true })]);
  try {
    assert.equal(String((await inputs(page)).seq), '4096', 'the defaults, not the skipped scenario');
    const notice = await page.evaluate(() => window.llmcalcApp.widgetRect('storage_notice'));
    assert.ok(notice && notice.w > 0, 'the notice says why');
    await click(page, 'load_skipped');
    await frames(page, 3);
    assert.equal(String((await inputs(page)).seq), '12345', 'loaded when asked');
    const saved = await stored(page);
    assert.match(saved.scenario, /(^|&)seq=12345(&|$)/);
    assert.ok(!saved.trial, 'it passed this time: no longer marked');
    assert.deepEqual(seen.errors, []);
  } finally {
    await browser.close();
  }
});

test('a good saved scenario still comes back, and is unmarked once it computed', async () => {
  const { browser, page, seen } = await openApp('', [seedOnce, JSON.stringify({ v: 1, scenario: 'seq=12345' })]);
  try {
    assert.equal(String((await inputs(page)).seq), '12345');
    assert.ok(!(await stored(page)).trial);
    assert.deepEqual(seen.errors, []);
  } finally {
    await browser.close();
  }
});

test('URL problems reach report().warnings and the screen-reader text', async () => {
  const { browser, page, seen } = await openApp('#seq=1000&bogus=1');
  try {
    const report = await page.evaluate(() => window.llmcalcApp.report());
    assert.ok(!report.errors, JSON.stringify(report.errors));
    assert.ok(report.warnings.some((w) => w.startsWith('URL: bogus: unknown key')), JSON.stringify(report.warnings));
    const text = await page.evaluate(() => document.getElementById('llmcalc-results-text').textContent);
    assert.match(text, /URL: bogus: unknown key/);
    assert.deepEqual(seen.errors, []);
  } finally {
    await browser.close();
  }
});
