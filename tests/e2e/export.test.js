// End-to-end: export buttons (real clicks, the real browser clipboard), the aria-live text mirror, offline reload
// through the service worker, and the embed height message. Screenshots of the new panels go to tests/e2e/out/.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { root, dist, at } = require('../harness/common');
const { serve, serveDist, launch, watch } = require('../harness/browser');
const { frames, click } = require('../harness/input');

const out = path.join(root, 'tests', 'e2e', 'out');
const frameTimeout = 30000;
let server = null;

before(async () => {
  server = await serveDist(['sw.js', 'manifest.webmanifest', 'llmcalc-zh.ttf', 'llmcalc-zh.json']);
});

after(async () => {
  if (server) await server.close();
});

async function openApp(context, url) {
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(url);
  await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.frames > 0, null, { timeout: frameTimeout });
  return { page, seen };
}

// Scrolls the column under the widget (mouse wheel over it) until the whole widget is inside the viewport.
async function scrollIntoView(page, key) {
  for (let i = 0; i < 40; i++) {
    const r = await page.evaluate((k) => window.llmcalcApp.widgetRect(k), key);
    const h = await page.evaluate(() => window.innerHeight);
    assert.ok(r, `widgetRect('${key}') exists`);
    if (r.visible && r.y >= 0 && r.y + r.h <= h - 8) return;
    await page.mouse.move(r.x + r.w / 2, h / 2);
    await page.mouse.wheel(0, r.y + r.h > h ? 240 : -240);
    await frames(page, 2);
  }
  assert.fail(`could not scroll '${key}' into view`);
}

// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF.
function parseCsv(text) {
  const rows = [[]];
  let field = '';
  let inQuotes = false;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') inQuotes = false; else field += c;
    } else if (c === '"' && field === '' && !quoted) {
      inQuotes = quoted = true;
    } else if (c === ',') {
      rows[rows.length - 1].push(field); field = ''; quoted = false;
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows[rows.length - 1].push(field); field = ''; quoted = false; rows.push([]); i++;
    } else {
      field += c;
    }
  }
  if (field !== '' || quoted) rows[rows.length - 1].push(field);
  if (rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

async function readClipboard(page, prefix) {
  await page.waitForFunction(async (p) => (await navigator.clipboard.readText()).startsWith(p), prefix,
    { timeout: 10000, polling: 200 });
  return page.evaluate(() => navigator.clipboard.readText());
}

// "memory per GPU: 16.9 GB" in the text people read: the figure, scaled back, is the report's bytes to its 3 digits.
function memoryShownIs(text, bytes) {
  const m = /memory per GPU: ([\d.]+) ([kKMGT]?)B\./.exec(text);
  if (!m) return false;
  const scale = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12 }[m[2]];
  return Math.abs(Number(m[1]) * scale - bytes) <= 0.005 * bytes;
}

test('Copy as CSV / Markdown / JSON: a real click puts the report on the clipboard; every CSV value is the report\'s',
  async () => {
    const b = await launch();
    try {
      await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
      const { page, seen } = await openApp(b.context, `${server.origin}/index.html#model=gpt2&seq=1024&gen=0`);
      const report = await page.evaluate(() => window.llmcalcApp.report());
      assert.ok(!report.errors, JSON.stringify(report.errors));

      await click(page, 'export_csv');
      const csv = await readClipboard(page, 'section,');
      const rows = parseCsv(csv);
      assert.deepEqual(rows[0], ['section', 'quantity', 'value', 'unit', 'path']);
      let checked = 0;
      for (const row of rows.slice(1)) {
        assert.equal(row.length, 5, JSON.stringify(row));
        const [, , value, , p] = row;
        if (!p) continue;
        const expected = at(report, p);
        assert.notEqual(expected, undefined, `report has ${p}`);
        if (typeof expected === 'string') assert.equal(value, expected, p);
        else assert.equal(Number(value), expected, p);
        checked++;
      }
      assert.ok(checked > 20, `${checked} values checked`);
      const total = rows.find((r) => r[0] === 'headline' && r[4] === 'memory.inference.total_bytes');
      assert.equal(total[2], String(report.memory.inference.total_bytes));

      await click(page, 'export_md');
      const md = await readClipboard(page, '### llmcalc:');
      assert.ok(md.includes(`| ${report.params.total} |`), 'the Markdown table has the exact parameter count');
      assert.ok(md.includes('#model=gpt2'), 'the Markdown names the scenario');

      await click(page, 'export_json');
      const json = await readClipboard(page, '{');
      assert.deepEqual(JSON.parse(json), report);
      await frames(page, 2);
      assert.equal(await page.evaluate(() => Module.llmcalcCopyState), 1, 'the browser accepted the write');
      // "copied" stays 2 s: if the clipboard read above took longer, it is already gone
      const fb = await page.evaluate(() => window.llmcalcApp.widgetRect('copy_feedback'));
      if (fb) assert.ok(fb.w < 100, `"copied", not the refusal (width ${fb.w})`);
      assert.deepEqual(seen.errors, []);
      assert.deepEqual(seen.failed, []);
      await page.close();
    } finally {
      await b.close();
    }
  });

test('a refused clipboard write is said so beside the buttons, not reported as copied', async () => {
  const b = await launch();
  try {
    // a browser that refuses the write (no permission, page not focused): writeText rejects, as Chromium's does
    await b.context.addInitScript(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    const { page, seen } = await openApp(b.context, `${server.origin}/index.html#model=gpt2`);
    assert.equal(await page.evaluate(() => window.llmcalcApp.widgetRect('copy_feedback')), null, 'no feedback yet');
    await click(page, 'export_csv');
    await frames(page, 3);
    assert.equal(await page.evaluate(() => Module.llmcalcCopyState), -1, 'the app saw the refusal');
    const r = await page.evaluate(() => window.llmcalcApp.widgetRect('copy_feedback'));
    assert.ok(r && r.visible, 'feedback beside the buttons');
    // the refusal message is much wider than the two-word "copied"
    assert.ok(r.w > 200, `refusal text shown (width ${r.w})`);
    await page.screenshot({ path: path.join(out, 'export-clipboard-refused.png') });
    assert.deepEqual(seen.errors, []);
    await page.close();
  } finally {
    await b.close();
  }
});

test('the aria-live text mirror has the headline numbers and follows the scenario', async () => {
  const b = await launch();
  try {
    const { page } = await openApp(b.context, `${server.origin}/index.html#model=gpt2&seq=1024&gen=0`);
    const mirror = () => page.evaluate(() => {
      const el = document.getElementById('llmcalc-results-text');
      return { text: el.textContent, live: el.getAttribute('aria-live'), html: el.innerHTML };
    });
    const report = await page.evaluate(() => window.llmcalcApp.report());
    await page.waitForFunction(() => document.getElementById('llmcalc-results-text').textContent.length > 0);
    let m = await mirror();
    assert.equal(m.live, 'polite');
    assert.ok(memoryShownIs(m.text, report.memory.inference.total_bytes), m.text);
    assert.ok(m.text.includes(`GPUs needed: ${report.gpus_needed}`), m.text);
    assert.ok(m.text.includes(report.model.name), m.text);
    assert.ok(!m.html.includes('<'), 'plain text only');

    // a new scenario (the URL edited by hand) updates the text
    await page.evaluate(() => { location.hash = '#model=gpt2&seq=4096&gen=0'; });
    await page.waitForFunction(() => String(window.llmcalcApp.inputs().seq) === '4096', null, { timeout: 10000 });
    const now = await page.evaluate(() => window.llmcalcApp.report());
    assert.notEqual(now.memory.inference.total_bytes, report.memory.inference.total_bytes);
    await page.waitForFunction((t) => document.getElementById('llmcalc-results-text').textContent !== t, m.text,
      { timeout: 10000 });
    const updated = (await mirror()).text;
    assert.ok(memoryShownIs(updated, now.memory.inference.total_bytes), updated);

    // errors are announced too
    await page.evaluate(() => { location.hash = '#model=gpt2&seq=4096&gen=0&tp=5'; });
    await page.waitForFunction(() => document.getElementById('llmcalc-results-text').textContent.includes('problems'),
      null, { timeout: 10000 });
    m = await mirror();
    assert.match(m.text, /tp/);
    await page.close();
  } finally {
    await b.close();
  }
});

test('offline after one visit: the service worker serves the app when the network is gone', async () => {
  const own = await serve(dist); // a server this test may stop
  const b = await launch();
  try {
    const { page, seen } = await openApp(b.context, `${own.origin}/index.html#model=llama-3.1-8b&seq=2048`);
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null,
      { timeout: 20000 });
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const cache = await caches.open(names.find((n) => n.startsWith('llmcalc-')));
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    for (const f of ['/index.html', '/llmcalc_app.js', '/llmcalc_app.wasm', '/manifest.webmanifest']) {
      assert.ok(cached.includes(f), `${f} precached: ${cached}`);
    }
    const before = await page.evaluate(() => window.llmcalcApp.report());
    assert.deepEqual(seen.errors, []);

    await own.close(); // nothing answers any more ...
    await b.context.setOffline(true); // ... and the browser is offline
    await page.reload();
    await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.frames > 2, null, { timeout: frameTimeout });
    assert.deepEqual(await page.evaluate(() => window.llmcalcApp.report()), before);
    // the folder URL (not precached) falls back to the cached index.html
    await page.goto(`${own.origin}/#model=gpt2`);
    await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.frames > 2, null, { timeout: frameTimeout });
    assert.equal((await page.evaluate(() => window.llmcalcApp.inputs())).model, 'gpt2');
    await page.screenshot({ path: path.join(out, 'export-offline-reload-dpr1.png') });
    await page.close();
  } finally {
    await b.close();
  }
});

// <html lang> names the language the canvas draws (zh-CN once the Chinese font is in the atlas).
const untilZh = (page) => page.waitForFunction(() => document.documentElement.lang === 'zh-CN', null,
  { timeout: frameTimeout });
const pageLang = (page) => page.evaluate(() => document.documentElement.lang);
const cachedPaths = (page) => page.evaluate(async () => {
  const names = await caches.keys();
  const cache = await caches.open(names.find((n) => n.startsWith('llmcalc-')));
  return (await cache.keys()).map((r) => new URL(r.url).pathname);
});

test('Chinese glyphs and strings are files of their own: not loaded in English, cached for offline use in Chinese', async () => {
  const own = await serve(dist);
  const en = await launch({ locale: 'en-US' });
  const zh = await launch({ locale: 'zh-CN' });
  try {
    const e = await openApp(en.context, `${own.origin}/index.html#model=gpt2`);
    await frames(e.page, 3);
    assert.equal(await pageLang(e.page), 'en', 'English UI');
    assert.ok(!e.seen.requests.some((u) => u.endsWith('/llmcalc-zh.ttf')), 'an English visit does not fetch it');
    assert.ok(!e.seen.requests.some((u) => u.endsWith('/llmcalc-zh.json')), 'nor the Chinese strings');
    // the English page has no Chinese compiled in: its string table is empty until the strings arrive
    assert.deepEqual(await e.page.evaluate(() => window.llmcalcApp.stringTable()), []);

    const { page, seen } = await openApp(zh.context, `${own.origin}/index.html#model=gpt2`);
    await untilZh(page);
    assert.ok(seen.requests.some((u) => u.endsWith('/llmcalc-zh.ttf')), 'a Chinese visit fetches it');
    assert.ok(seen.requests.some((u) => u.endsWith('/llmcalc-zh.json')), 'and the Chinese strings');
    assert.ok((await page.evaluate(() => window.llmcalcApp.stringTable())).length > 400, 'the strings were loaded');
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null,
      { timeout: 20000 });
    // precached by the worker of a Chinese browser, or kept when boot.js asks for it again under the worker
    for (let i = 0; i < 100 && !(await cachedPaths(page)).includes('/llmcalc-zh.ttf'); i++) await page.waitForTimeout(100);
    assert.ok((await cachedPaths(page)).includes('/llmcalc-zh.ttf'), 'the worker keeps the Chinese font');
    for (let i = 0; i < 100 && !(await cachedPaths(page)).includes('/llmcalc-zh.json'); i++) await page.waitForTimeout(100);
    assert.ok((await cachedPaths(page)).includes('/llmcalc-zh.json'), 'and the Chinese strings');
    await own.close();
    await zh.context.setOffline(true);
    await page.reload();
    await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.frames > 2, null, { timeout: frameTimeout });
    await untilZh(page);  // drawn from the cached font
    assert.equal(await page.evaluate(() => Module.llmcalcZh.state), 2, 'the app took the font');
    await page.screenshot({ path: path.join(out, 'export-offline-zh-dpr1.png') });
    assert.deepEqual(seen.errors, []);
  } finally {
    await en.close();
    await zh.close();
    await own.close();  // (again, when the test failed before closing it: an open server keeps node running)
  }
});

test('switching to Chinese offline before the font was cached keeps English and says why', async () => {
  const own = await serve(dist);
  const b = await launch({ locale: 'en-US' });
  try {
    const { page } = await openApp(b.context, `${own.origin}/index.html#model=gpt2`);
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null,
      { timeout: 20000 });
    assert.ok(!(await cachedPaths(page)).includes('/llmcalc-zh.ttf'), 'not cached by an English visit');
    await own.close();
    await b.context.setOffline(true);
    assert.equal(await page.evaluate(() => window.llmcalcApp.widgetRect('font_notice')), null);
    await click(page, 'lang');
    await page.waitForFunction(() => window.llmcalcApp.widgetRect('font_notice') !== null, null,
      { timeout: frameTimeout });
    assert.equal(await page.evaluate(() => Module.llmcalcZh.state), -1, 'the fetch failed');
    assert.equal(await pageLang(page), 'en', 'still English');
    assert.equal((await page.evaluate(() => JSON.parse(localStorage.getItem('llmcalc')))).lang, 'en',
      'the language went back to English');
    await page.screenshot({ path: path.join(out, 'export-zh-font-unavailable.png') });
  } finally {
    await b.close();
    await own.close();
  }
});

test('Chinese strings that do not load (a damaged llmcalc-zh.json) keep English and say why', async () => {
  const b = await launch({ locale: 'en-US', serviceWorkers: 'block' });  // the route below sees the page's own fetch
  try {
    const page = await b.context.newPage();
    const seen = watch(page);
    await page.route('**/llmcalc-zh.json', (route) => route.fulfill({ status: 200, contentType: 'application/json',
      body: '{"ui": [["Copy link"]], "messages": []}' }));
    await page.goto(`${server.origin}/index.html#model=gpt2`);
    await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.frames > 2, null, { timeout: frameTimeout });
    await click(page, 'lang');
    await page.waitForFunction(() => window.llmcalcApp.widgetRect('font_notice') !== null, null,
      { timeout: frameTimeout });
    assert.equal(await pageLang(page), 'en', 'still English');
    assert.deepEqual(await page.evaluate(() => window.llmcalcApp.stringTable()), [], 'nothing of the damaged file taken');
    assert.deepEqual(seen.errors, []);
  } finally {
    await b.close();
  }
});

test('embed mode in an iframe posts its content height to the parent page', async () => {
  const b = await launch();
  try {
    const page = await b.context.newPage();
    const src = `${server.origin}/index.html#embed=1&model=gpt2&seq=1024`;
    await page.setContent(`<!doctype html><body style="margin:0">
      <script>window.heights = []; addEventListener('message', (e) => {
        if (e.data && e.data.type === 'llmcalc-height') heights.push({ height: e.data.height, origin: e.origin });
      });</script>
      <iframe id="f" src="${src}" style="width:900px;height:300px;border:0"></iframe></body>`);
    await page.waitForFunction(() => window.heights.length > 0, null, { timeout: frameTimeout });
    const first = await page.evaluate(() => window.heights[window.heights.length - 1]);
    assert.equal(first.origin, server.origin);
    assert.ok(Number.isInteger(first.height), JSON.stringify(first));
    // the content is taller than the 300 px frame (headline + tables); a sane page height
    assert.ok(first.height > 300 && first.height < 20000, JSON.stringify(first));
    // the parent resizes the frame as docs/embed.md shows: the height it then reports stays put
    await page.evaluate((h) => { document.getElementById('f').style.height = h + 'px'; }, first.height);
    await page.waitForTimeout(1500);
    const last = await page.evaluate(() => window.heights[window.heights.length - 1]);
    assert.ok(Math.abs(last.height - first.height) <= first.height * 0.05, `${first.height} -> ${last.height}`);
    await page.screenshot({ path: path.join(out, 'export-embed-iframe-dpr1.png'), fullPage: true });
    await page.close();
  } finally {
    await b.close();
  }
});

test('screenshots: export buttons, Precision reference and Layers panels (dpr 1 and 2); bad layer text is named',
  async () => {
    for (const dpr of [1, 2]) {
      const b = await launch({ deviceScaleFactor: dpr });
      try {
        const { page, seen } = await openApp(b.context, `${server.origin}/index.html#model=llama-3.1-8b`);
        await scrollIntoView(page, 'precision_ref');
        await click(page, 'precision_ref');
        await frames(page, 3);
        await page.screenshot({ path: path.join(out, `export-precision-dpr${dpr}.png`) });
        await scrollIntoView(page, 'layers');
        await click(page, 'layers');
        await frames(page, 3);
        await scrollIntoView(page, 'layer_stack');
        // bad text: named errors per line, the app keeps running
        await click(page, 'layer_stack');
        await page.keyboard.down('Control');
        await page.keyboard.down('a');
        await frames(page, 2);
        await page.keyboard.up('a');
        await page.keyboard.up('Control');
        await page.keyboard.type('linear in=1000 out=500\nconv3d k=3\nlinear in=abc out=10\n', { delay: 15 });
        await frames(page, 5);
        await page.screenshot({ path: path.join(out, `export-panels-dpr${dpr}.png`) });
        assert.deepEqual(seen.errors, []);
        await page.close();
      } finally {
        await b.close();
      }
    }
  });
