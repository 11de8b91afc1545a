// End-to-end: language (English / 简体中文), theme (dark / light), GB / GiB, and settings kept in localStorage
// (src/app/settings.cpp). Each test launches its own browser profile (fresh localStorage; locale and colour scheme
// are launch options). Clicks are real mouse events on the canvas at the rects window.llmcalcApp.widgetRect reports.
// Screenshots go to tests/e2e/out/ (git-ignored).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { root } = require('../harness/common');
const { serveDist, launch, watch } = require('../harness/browser');
const { frames, hold, click, typeInto } = require('../harness/input');

const out = path.join(root, 'tests', 'e2e', 'out');
const frameTimeout = 30000;
let server = null;

before(async () => {
  server = await serveDist(['llmcalc-zh.ttf']);
});

after(async () => {
  if (server) await server.close();
});

// Opens a page in a new browser with `options` (locale, colorScheme, viewport, ...); `init` runs before the page's
// scripts (e.g. to put something in localStorage): [function, argument].
async function openApp(hash, options = {}, init = null) {
  const browser = await launch(options);
  const page = await browser.context.newPage();
  const seen = watch(page);
  if (init) await page.addInitScript(init[0], init[1]);
  await page.goto(`${server.origin}/index.html${hash}`);
  await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.frames > 0, null, { timeout: frameTimeout });
  await frames(page, 3);
  return { browser, page, seen };
}

const rectOf = (page, key) => page.evaluate((k) => window.llmcalcApp.widgetRect(k), key);
const pageLang = (page) => page.evaluate(() => document.documentElement.lang);
// <html lang> names the language the canvas draws; Chinese follows a few frames after its font file has arrived.
async function untilLang(page, lang) {
  await page.waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: frameTimeout })
    .catch(() => {});
  return pageLang(page);
}
const pageTheme = (page) => page.evaluate(() => document.documentElement.dataset.theme);
const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('llmcalc')));

// Minimal PNG reader for playwright's screenshots (8-bit RGB/RGBA, not interlaced): pixel [r, g, b] at (x, y).
function pngPixel(buf, x, y) {
  const width = buf.readUInt32BE(16);
  const colorType = buf[25];
  const bpp = colorType === 6 ? 4 : 3;
  const idat = [];
  for (let off = 8; off < buf.length;) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('ascii', off + 4, off + 8);
    if (type === 'IDAT') idat.push(buf.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  let prev = Buffer.alloc(stride);
  let row = null;
  for (let r = 0; r <= y; r++) {
    const f = raw[r * (stride + 1)];
    const line = raw.subarray(r * (stride + 1) + 1, (r + 1) * (stride + 1));
    row = Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? row[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      let p = 0;
      if (f === 1) p = a; else if (f === 2) p = b; else if (f === 3) p = (a + b) >> 1;
      else if (f === 4) { const q = a + b - c; const pa = Math.abs(q - a), pb = Math.abs(q - b), pc = Math.abs(q - c);
        p = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c); }
      row[i] = (line[i] + p) & 255;
    }
    prev = row;
  }
  return [row[x * bpp], row[x * bpp + 1], row[x * bpp + 2]];
}
const luminance = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

// The window background at the bottom-left corner (inside the inputs column's padding: no widget is drawn there).
async function backgroundLuminance(page) {
  const vp = page.viewportSize();
  const shot = await page.screenshot();
  return luminance(pngPixel(shot, 2, vp.height - 2));
}

test('the language button switches English <-> 简体中文 with real clicks, and the choice is saved', async () => {
  const { browser, page, seen } = await openApp('#model=llama-3-8b', { locale: 'en-US', colorScheme: 'dark' });
  try {
    assert.equal(await pageLang(page), 'en', 'an en-US browser starts in English');
    const en = await rectOf(page, 'lang');
    const shotEn = await page.screenshot();
    await click(page, 'lang');
    assert.equal(await untilLang(page, 'zh-CN'), 'zh-CN', 'after the click the UI is Chinese');
    assert.equal((await stored(page)).lang, 'zh');
    const zh = await rectOf(page, 'lang');
    assert.notEqual(zh.w, en.w, 'the button now names the other language ("English" instead of "中文")');
    const shotZh = await page.screenshot({ path: path.join(out, 'i18n-zh-dark-dpr1.png') });
    assert.notDeepEqual(shotZh, shotEn, 'the page looks different in Chinese');
    // the scenario is untouched by the switch
    assert.equal((await page.evaluate(() => window.llmcalcApp.inputs())).model, 'llama-3-8b');
    await click(page, 'lang');
    assert.equal(await pageLang(page), 'en', 'and back to English');
    assert.equal((await stored(page)).lang, 'en');
    assert.deepEqual(seen.errors, []);
  } finally {
    await browser.close();
  }
});

test('a zh-CN browser starts in Chinese; narrow and dpr 2 screenshots', async () => {
  const { browser, page, seen } = await openApp('#model=qwen2.5-7b&task=training&finetune=lora', { locale: 'zh-CN', colorScheme: 'dark' });
  try {
    assert.equal(await page.evaluate(() => navigator.language), 'zh-CN');
    assert.equal(await untilLang(page, 'zh-CN'), 'zh-CN', 'navigator.language zh-CN -> Chinese UI');
    // the screen-reader text is Chinese too, punctuation included ("：", "。"), the units GB
    await page.waitForFunction(() => document.getElementById('llmcalc-results-text').textContent.startsWith('llmcalc：'),
      null, { timeout: 10000 });
    const said = await page.evaluate(() => document.getElementById('llmcalc-results-text').textContent);
    assert.match(said, /：[\d.]+ GB。/, said);
    assert.doesNotMatch(said, /: |\.$/, said);
    await page.screenshot({ path: path.join(out, 'i18n-zh-training-dpr1.png') });
    await page.setViewportSize({ width: 420, height: 800 });
    await frames(page, 4);
    await page.screenshot({ path: path.join(out, 'i18n-zh-narrow-420.png') });
    assert.deepEqual(seen.errors, []);
  } finally {
    await browser.close();
  }
  const hi = await openApp('#model=llama-3-8b', { locale: 'zh-CN', deviceScaleFactor: 2, colorScheme: 'light' });
  try {
    assert.equal(await untilLang(hi.page, 'zh-CN'), 'zh-CN');
    await hi.page.screenshot({ path: path.join(out, 'i18n-zh-light-dpr2.png') });
  } finally {
    await hi.browser.close();
  }
});

test('prefers-color-scheme picks the theme at start; the theme button switches it and it is saved', async () => {
  const dark = await openApp('#model=llama-3-8b', { colorScheme: 'dark' });
  let darkLum;
  try {
    assert.equal(await pageTheme(dark.page), 'dark');
    darkLum = await backgroundLuminance(dark.page);
    assert.ok(darkLum < 60, `dark background (luminance ${darkLum})`);
    await dark.page.screenshot({ path: path.join(out, 'i18n-en-dark-dpr1.png') });
  } finally {
    await dark.browser.close();
  }
  const light = await openApp('#model=llama-3-8b', { colorScheme: 'light', deviceScaleFactor: 2 });
  try {
    assert.equal(await pageTheme(light.page), 'light');
    const lum = await backgroundLuminance(light.page);
    assert.ok(lum > 200, `light background (luminance ${lum})`);
    await light.page.screenshot({ path: path.join(out, 'i18n-en-light-dpr2.png') });
    await click(light.page, 'theme');
    assert.equal(await pageTheme(light.page), 'dark', 'the button switches to dark');
    assert.ok(await backgroundLuminance(light.page) < 60, 'and the canvas is dark');
    assert.equal((await stored(light.page)).theme, 'dark');
    await light.page.reload();
    await light.page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.frames > 2, null, { timeout: frameTimeout });
    assert.equal(await pageTheme(light.page), 'dark', 'the saved theme wins over prefers-color-scheme after a reload');
  } finally {
    await light.browser.close();
  }
});

test('the last scenario, the units and the language survive a reload without hash; the URL hash wins', async () => {
  const { browser, page, seen } = await openApp('', { locale: 'en-US' });
  try {
    await typeInto(page, 'seq', '12345');
    await frames(page, 3);
    assert.equal(String((await page.evaluate(() => window.llmcalcApp.inputs())).seq), '12345');
    assert.equal((await page.evaluate(() => window.llmcalcApp.charts())).memory_axis_unit, 'GB');
    await click(page, 'units');
    await frames(page, 2);
    // the charts' memory axis follows the switch too (1 GiB = 2^30 bytes), not only the tables
    assert.equal((await page.evaluate(() => window.llmcalcApp.charts())).memory_axis_unit, 'GiB');
    await click(page, 'lang');
    const saved = await stored(page);
    assert.equal(saved.units, 'GiB');
    assert.match(saved.scenario, /(^|&)seq=12345(&|$)/);
    // reload without a hash: the saved scenario comes back
    await page.goto(`${server.origin}/index.html`);
    await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.frames > 2, null, { timeout: frameTimeout });
    assert.equal(String((await page.evaluate(() => window.llmcalcApp.inputs())).seq), '12345');
    assert.equal(await untilLang(page, 'zh-CN'), 'zh-CN');
    assert.equal((await stored(page)).units, 'GiB', 'GiB kept');
    await page.screenshot({ path: path.join(out, 'i18n-zh-gib-reloaded.png') });
    // a hash with inputs wins over the saved scenario
    await page.goto(`${server.origin}/index.html#seq=777`);
    await page.reload();
    await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.frames > 2, null, { timeout: frameTimeout });
    assert.equal(String((await page.evaluate(() => window.llmcalcApp.inputs())).seq), '777');
    assert.deepEqual(seen.errors, []);
  } finally {
    await browser.close();
  }
});

test('My models: a saved config.json is picked with a click', async () => {
  const config = fs.readFileSync(path.join(root, 'tests', 'data', 'configs',
    fs.readdirSync(path.join(root, 'tests', 'data', 'configs')).filter((f) => f.endsWith('.json')).sort()[0]), 'utf8');
  const init = (cfg) => localStorage.setItem('llmcalc', JSON.stringify({ v: 1, models: [{ name: 'mine', config: cfg }] }));
  const { browser, page, seen } = await openApp('#model=gpt2', {}, [init, config]);
  try {
    await click(page, 'my_model_use_0');
    const inputs = await page.evaluate(() => window.llmcalcApp.inputs());
    assert.equal(inputs.config, config, 'the saved config is the input now');
    assert.equal((await stored(page)).models[0].name, 'mine');
    await click(page, 'my_model_delete_0');
    assert.deepEqual((await stored(page)).models, [], 'deleted');
    assert.deepEqual(seen.errors, []);
  } finally {
    await browser.close();
  }
});

for (const [what, text] of [['bad JSON', '{not json'], ['wrong types', '{"lang":5,"theme":"blue","models":"x"}'],
  ['a scenario with bad keys', '{"scenario":"bogus=1&seq=-5"}']]) {
  test(`corrupt localStorage (${what}) is ignored with a visible notice; the app keeps rendering`, async () => {
    const { browser, page, seen } = await openApp('', { locale: 'en-US' },
      [(t) => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem('llmcalc', t); sessionStorage.setItem('seeded', '1'); } }, text]);
    try {
      const notice = await rectOf(page, 'storage_notice');
      assert.ok(notice && notice.w > 0, 'the notice is drawn');
      await frames(page, 5);
      const report = await page.evaluate(() => window.llmcalcApp.report());
      assert.ok(!report.errors, 'defaults computed: ' + JSON.stringify(report.errors));
      assert.equal(await pageLang(page), 'en');
      if (what === 'bad JSON') await page.screenshot({ path: path.join(out, 'i18n-corrupt-storage.png') });
      assert.deepEqual(seen.errors, []);
    } finally {
      await browser.close();
    }
  });
}
