// Browser security (issue #6): the app runs under a strict Content-Security-Policy sent as an HTTP header, with no
// violation, and text from the URL never becomes HTML in the page.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { dist } = require('../harness/common');
const { serve, launch } = require('../harness/browser');
const { openPage } = require('../harness/input');

// The policy of docs/security.md: own files only; wasm compilation is the one thing beyond plain scripts.
const policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
let server = null;
let browser = null;

before(async () => {
  server = await serve(dist, { 'content-security-policy': policy });
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

const open = (url) => openPage(browser.context, url, {
  init: () => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`));
  },
});

test('index.html draws and computes under the strict CSP with no violation', async () => {
  const { page, seen } = await open(`${server.origin}/index.html#model=gpt2&seq=1024`);
  const report = await page.evaluate(() => window.llmcalcApp.report());
  assert.equal(report.params.total, 124439808);  // published.json gpt2: the app really computed under the policy
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('markup in the URL hash is reported as a bad value, never inserted into the page', async () => {
  const evil = encodeURIComponent('<img src=x onerror="window.__pwned=1">');
  const { page } = await open(`${server.origin}/index.html#model=${evil}&seq=2048`);
  const state = await page.evaluate(() => ({
    imgs: document.querySelectorAll('img').length,
    pwned: window.__pwned === 1,
    report: window.llmcalcApp.report(),
    text: document.body.innerText,
  }));
  assert.equal(state.imgs, 0);
  assert.equal(state.pwned, false);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  // the bad preset id is a named error; the rest of the hash still applies
  const inputs = await page.evaluate(() => window.llmcalcApp.inputs());
  assert.equal(Number(inputs.seq), 2048);
  await page.close();
});
