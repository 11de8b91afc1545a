// Numbers before the canvas (issue #15): dist/index.html carries the default scenario's answer as text, written at
// build time by the app's own results_text() (cmake/prerender_index.cmake), and web/boot.js shows it only when the
// visit opens that scenario in English. These tests check what a visitor sees: the build-time text is the text the
// app itself writes for a first visit, it is on screen before the app runs, and a scenario from the URL, from saved
// settings or in Chinese never shows the default's numbers, not even for one frame. Each test has its own browser.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { dist } = require('../harness/common');
const { serveDist, launch } = require('../harness/browser');
const { frameTimeout } = require('../harness/input');

let server = null;

before(async () => {
  server = await serveDist(['boot.js', 'app.css', 'llmcalc-zh.ttf']);
});

after(async () => {
  if (server) await server.close();
});

// The element as index.html ships it: its text (entities decoded as the browser does) and data-prerendered.
function shipped() {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const m = /<div id="llmcalc-results-text"([^>]*)>([^<]*)<\/div>/.exec(html);
  assert.ok(m, 'index.html has the #llmcalc-results-text element');
  const attr = /data-prerendered="([^"]*)"/.exec(m[1]);
  const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return { text: decode(m[2]), hash: attr ? decode(attr[1]) : null };
}

// Before the page's own scripts: records every text the element shows (displayed, not empty), on each animation
// frame and on each change, with whether the canvas had drawn by then and whether it was still index.html's text.
function recorder() {
  window.__shown = [];
  const look = () => {
    const el = document.getElementById('llmcalc-results-text');
    if (!el) return;
    const text = el.textContent.trim();
    if (!text || getComputedStyle(el).display === 'none') return;
    const last = window.__shown[window.__shown.length - 1];
    if (!last || last.text !== text)
      window.__shown.push({ text, drawn: document.documentElement.classList.contains('llmcalc-drawn'),
                            prerendered: el.hasAttribute('data-prerendered') });
  };
  const poll = () => { look(); requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
  new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

async function visit(browser, url, init) {
  const page = await browser.context.newPage();
  if (init) await page.addInitScript(init);
  await page.addInitScript(recorder);
  await page.goto(url);
  await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.frames > 0, null, { timeout: frameTimeout });
  const report = await page.evaluate(() => window.llmcalcApp.report());
  const now = await page.evaluate(() => document.getElementById('llmcalc-results-text').textContent);
  const shown = await page.evaluate(() => window.__shown);
  await page.close();
  return { report, now, shown };
}

// "memory per GPU: 16.9 GB" in the text people read: the figure, scaled back, is the report's bytes to its 3 digits.
function memoryShownIs(text, bytes) {
  const m = /memory per GPU: ([\d.]+) ([kKMGT]?)B\./.exec(text);
  if (!m) return false;
  const scale = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12 }[m[2]];
  return Math.abs(Number(m[1]) * scale - bytes) <= 0.005 * bytes;
}

test('index.html carries the default answer, the very text the app writes for a first visit', async () => {
  const file = shipped();
  assert.ok(file.text.length > 0, 'the element is filled at build time');
  assert.notEqual(file.hash, null, 'data-prerendered names the scenario');
  const b = await launch();
  try {
    const { report, now, shown } = await visit(b, `${server.origin}/index.html`);
    assert.equal(now, file.text, 'the app writes what index.html carried');
    assert.ok(file.text.includes(report.model.name), file.text);
    assert.ok(memoryShownIs(file.text, report.memory.inference.total_bytes), file.text);
    assert.ok(!/\d{7,}/.test(file.text), `no raw byte counts for people: ${file.text}`);
    assert.ok(shown.length >= 1 && shown[0].text === file.text && shown[0].prerendered && !shown[0].drawn,
      `index.html's text shown before the app ran: ${JSON.stringify(shown)}`);
  } finally {
    await b.close();
  }
});

// Each way a visit can open another scenario or language: index.html's text is never displayed; with another
// scenario, no text with the default's numbers is (in Chinese the app itself writes English until its font is in).
const others = [
  ['a scenario in the URL hash', '#model=gpt2&seq=1024', null, true],
  ['a scenario saved by an earlier visit', '', () => {
    localStorage.setItem('llmcalc', JSON.stringify({ v: 1, lang: 'en', scenario: 'model=gpt2&seq=1024' }));
  }, true],
  ['Chinese from the URL', '#lang=zh', null, false],
  ['a Chinese browser', '', () => { Object.defineProperty(navigator, 'language', { get: () => 'zh-CN' }); }, false],
];
for (const [what, hash, init, other] of others) {
  test(`${what}: index.html's default answer is never shown`, async () => {
    const file = shipped();
    const b = await launch();
    try {
      const { report, now, shown } = await visit(b, `${server.origin}/index.html${hash}`, init);
      for (const s of shown) assert.ok(!s.prerendered, `index.html's text was shown: ${JSON.stringify(shown)}`);
      assert.ok(now.length > 0, 'the app wrote its own text');
      if (other) {
        for (const s of shown) assert.notEqual(s.text, file.text, `the default's text was shown: ${JSON.stringify(shown)}`);
        assert.ok(now.includes(report.model.name) && !file.text.includes(report.model.name), now);
      }
      if (hash.includes('model=')) {
        // the URL's own numbers appear before the WebGL canvas has drawn (main.cpp publishes them first)
        assert.ok(shown.length >= 1 && !shown[0].drawn && shown[0].text.includes(report.model.name), JSON.stringify(shown));
      }
    } finally {
      await b.close();
    }
  });
}

// A tab opened in the background runs no animation frame until it is shown; boot.js then loads the app on a timer,
// so the link's own numbers are written (main.cpp, before the WebGL context) by the time the tab is looked at.
test('with no animation frame (a background tab), the app still loads and writes the numbers of the URL', async () => {
  const b = await launch();
  try {
    const page = await b.context.newPage();
    await page.addInitScript(() => { window.requestAnimationFrame = () => 0; });
    await page.goto(`${server.origin}/index.html#model=gpt2&seq=1024`);
    await page.waitForFunction(() => /GPT-2/i.test(document.getElementById('llmcalc-results-text').textContent),
      null, { timeout: frameTimeout, polling: 100 });  // (the default polling waits for animation frames)
    const text = await page.evaluate(() => document.getElementById('llmcalc-results-text').textContent);
    assert.match(text, /memory per GPU: [\d.]+ [kMG]?B\./, text);
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('llmcalc-drawn')), false,
      'no canvas frame was drawn');
  } finally {
    await b.close();
  }
});
