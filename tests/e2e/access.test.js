// A page anyone can operate (issue #13): keyboard only (Tab reaches every control of the answer card, with a visible
// focus ring; Enter/Space open dropdowns, arrows move), a phone (first inputs on the first screen, a tap on a number
// field focuses a real text input so the on-screen keyboard opens, and its text reaches the field), and Chinese (no
// English string of the UI string table left on screen or in the screen-reader text). Real keyboard, mouse and touch
// events only; each test launches its own browser. Screenshots go to tests/e2e/out/ (git-ignored).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { root } = require('../harness/common');
const { serveDist, launch } = require('../harness/browser');
const { frameTimeout, frames, hold, click, pressAt, widgetRect, openPage, untilInput, typeInto } = require('../harness/input');

const out = path.join(root, 'tests', 'e2e', 'out');
let server = null;

before(async () => {
  server = await serveDist(['llmcalc-zh.ttf']);
});

after(async () => {
  if (server) await server.close();
});

const open = (browser, hash) => openPage(browser.context, `${server.origin}/index.html${hash}`);

const inputs = (page) => page.evaluate(() => window.llmcalcApp.inputs());
const focused = (page) => page.evaluate(() => window.llmcalcApp.focused());

// One press of Tab (Shift+Tab with back): down and up at once, as a held key repeats after 0.275 s, which a slow
// software-GL frame or two can exceed (the platform keeps a release for the next frame, so the press is seen).
async function tab(page, back = false) {
  await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  await frames(page, 3);
}

async function key(page, name) {
  await page.keyboard.press(name);
  await frames(page, 3);
}

// Tab (Shift+Tab with back) until the control recorded under `key` has the focus ring; returns the keys passed.
async function tabTo(page, key, back = false, limit = 60) {
  const passed = [];
  for (let i = 0; i < limit; i++) {
    await tab(page, back);
    const f = await focused(page);
    passed.push(f);
    if (f === key) return passed;
  }
  assert.fail(`Tab never reached '${key}'; it visited ${JSON.stringify(passed)}`);
}

// The [r, g, b] pixels of a screenshot in a column x, rows y0..y1 (page coordinates), decoded by the browser.
async function pixelColumn(page, x, y0, y1) {
  const png = (await page.screenshot()).toString('base64');
  return page.evaluate(async ([b64, x, y0, y1]) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(Math.round(x), Math.round(y0), 1, Math.round(y1 - y0) + 1).data;
    const px = [];
    for (let i = 0; i < d.length; i += 4) px.push([d[i], d[i + 1], d[i + 2]]);
    return px;
  }, [png, x, y0, y1]);
}
// ImGui's nav highlight (the focus ring) in the dark theme is rgb(66, 150, 250), drawn 2-4 px outside the widget.
const ringAbove = async (page, r) => (await pixelColumn(page, r.x + r.w / 2, r.y - 6, r.y - 1))
  .some(([red, green, blue]) => blue > 200 && red < 120 && green > 110 && green < 190);

test('keyboard only: Tab from page load reaches every control of the answer card; model, GPU, GPU count, task and ' +
  'method are set without the mouse, and the answer is read', async () => {
  const b = await launch({ colorScheme: 'dark' });
  try {
    const { page, seen } = await open(b, '#model=gpt2');
    // the first Tab after load already shows where the keyboard is
    await tab(page);
    const first = await focused(page);
    assert.ok(first, 'after one Tab a control has the focus ring');
    // Tab visits every input of the card (inference: model, task, seq, weights | kv, gpu, gpus), dropdowns included
    const seenKeys = new Set([first]);
    for (let i = 0; i < 30 && !['model', 'task', 'seq', 'weights', 'kv', 'gpu', 'gpus'].every((k) => seenKeys.has(k)); i++) {
      await tab(page);
      seenKeys.add(await focused(page));
    }
    for (const k of ['model', 'task', 'seq', 'weights', 'kv', 'gpu', 'gpus'])
      assert.ok(seenKeys.has(k), `Tab reached '${k}': ${JSON.stringify([...seenKeys])}`);
    // Shift+Tab goes back: from here to the model dropdown
    await tabTo(page, 'model', true);
    // a visible focus ring: ImGui's nav highlight just outside the focused dropdown, absent when it is not focused
    const m = await widgetRect(page, 'model');
    assert.ok(await ringAbove(page, m), 'the focused model dropdown has a focus ring');
    await page.screenshot({ path: path.join(out, 'access-focus-ring.png') });

    // model: Enter opens the list, words in any order search it, Enter picks
    await key(page, 'Enter');
    await page.keyboard.type('8b qwen3', { delay: 20 });
    await frames(page, 2);
    await key(page, 'Enter');
    await untilInput(page, 'model', 'qwen3-8b');
    assert.equal(await ringAbove(page, await widgetRect(page, 'model')), true, 'the focus comes back to the dropdown');
    // task: Space opens the list, Down moves to "training", Enter picks it
    await tabTo(page, 'task');
    await key(page, 'Space');
    await key(page, 'ArrowDown');
    await key(page, 'Enter');
    await untilInput(page, 'task', 'training');
    // method (finetune), then GPU: Enter opens the list, typed words search it, Enter picks
    for (const [k, typed, picked] of [['finetune', 'lora', 'lora'], ['gpu', 'a100 80', 'a100-80g']]) {
      await tabTo(page, k);
      await key(page, 'Enter');
      await page.keyboard.type(typed, { delay: 20 });
      await key(page, 'Enter');
      await untilInput(page, k, picked);
    }
    // GPU count: Tab enters the text field with its text selected; typing replaces it, Tab commits
    await tabTo(page, 'gpus');
    await page.keyboard.type('4', { delay: 20 });
    await tab(page);
    await untilInput(page, 'gpus', '4');
    // the answer: the card's verdict for these inputs, also in the screen-reader text
    const a = await page.evaluate(() => window.llmcalcApp.answer());
    assert.equal(a.ok, true);
    assert.match(a.text.scenario, /Qwen3[- ]8B.*4 × .*A100/i);
    const said = await page.evaluate(() => document.getElementById('llmcalc-results-text').textContent);
    assert.match(said, /memory per GPU: /);
    assert.match(said, /training on 4 x /);
    assert.deepEqual(seen.errors, []);
  } finally {
    await b.close();
  }
});

test('phone (390 x 844, dpr 3): the first inputs are on the first screen; a tap on a number field focuses a text ' +
  'input, so the on-screen keyboard opens, and what it types reaches the field', async () => {
  const b = await launch({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  try {
    const { page, seen } = await open(b, '#model=llama-3.1-8b&seq=8192');
    for (const k of ['model', 'task', 'seq']) {
      const r = await widgetRect(page, k);
      assert.ok(r.y >= 0 && r.y + r.h <= 844, `'${k}' is on the first screen: ${JSON.stringify(r)}`);
    }
    await page.screenshot({ path: path.join(out, 'access-phone-390.png') });
    const active = () => page.evaluate(() => document.activeElement && document.activeElement.id);
    assert.notEqual(await active(), 'llmcalc-text-input', 'no text input has the focus before a tap');
    // a real tap (touchstart/touchend) on the context field
    const r = await widgetRect(page, 'seq');
    await page.touchscreen.tap(r.x + r.w / 2, r.y + r.h / 2);
    await frames(page, 3);
    assert.equal(await active(), 'llmcalc-text-input', 'the tap focused the page\'s text input (on-screen keyboard)');
    // Backspaces, then text as an on-screen keyboard or an IME sends it (input events, no key events)
    await hold(page, 'End');
    for (let i = 0; i < 5; i++) await hold(page, 'Backspace');
    await page.keyboard.insertText('16k');
    await frames(page, 3);
    assert.equal(String((await inputs(page)).seq), '8192', 'nothing is applied before Enter');
    await hold(page, 'Enter');
    await untilInput(page, 'seq', '16000');
    await frames(page, 2);
    assert.notEqual(await active(), 'llmcalc-text-input', 'after Enter the text input lets go (the keyboard closes)');
    // a tap on a dropdown opens its list with the keyboard in its search box; Esc closes both
    const m = await widgetRect(page, 'model');
    await page.touchscreen.tap(m.x + m.w / 2, m.y + m.h / 2);
    await frames(page, 4);
    assert.equal(await active(), 'llmcalc-text-input', 'the open list\'s search box takes the on-screen keyboard');
    await hold(page, 'Escape');
    await frames(page, 3);
    assert.notEqual(await active(), 'llmcalc-text-input');
    // a tap on a button (GB / GiB) does not open the keyboard; its tooltip (a long one) opens and stays on screen
    const u = await widgetRect(page, 'units');
    await page.touchscreen.tap(u.x + u.w / 2, u.y + u.h / 2);
    await frames(page, 3);
    assert.notEqual(await active(), 'llmcalc-text-input');
    await frames(page, 3);
    const tip = await widgetRect(page, 'tooltip');
    assert.ok(tip && tip.x >= 0 && tip.x + tip.w <= 390, `the tooltip is inside the 390 px viewport: ${JSON.stringify(tip)}`);
    await page.screenshot({ path: path.join(out, 'access-phone-390-tooltip.png') });
    // touch targets: every control of the answer card is at least 40 CSS px tall (issue #13)
    for (const k of ['model', 'task', 'seq', 'gpu', 'gpus', 'weights', 'units']) {
      const r = await widgetRect(page, k);
      assert.ok(r.h >= 39.5, `'${k}' is a finger-sized target: ${JSON.stringify(r)}`);
    }
    assert.equal((await inputs(page)).model, 'llama-3.1-8b', 'nothing was picked');
    assert.deepEqual(seen.errors, []);
  } finally {
    await b.close();
  }
});

// Runs body({ page, seen }) on a page opened in Chinese (locale zh-CN, 1280 x 2400) once <html lang> is zh-CN.
async function inChinese(hash, body) {
  const b = await launch({ locale: 'zh-CN', colorScheme: 'dark', viewport: { width: 1280, height: 2400 } });
  try {
    const { page, seen } = await open(b, hash);
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN', null, { timeout: frameTimeout });
    await frames(page, 4);
    await body({ page, seen });
  } finally {
    await b.close();
  }
}

test('中文: walking the page (inference and training, every panel, the open lists) leaves no string of the UI table ' +
  'in English, on the canvas or in the screen-reader text', () => inChinese('#model=qwen3-8b&gpus=2', async ({ page, seen }) => {
  const table = await page.evaluate(() => window.llmcalcApp.stringTable());
  // English phrases of the table that differ in Chinese (formats and one- or two-letter units aside)
  const english = table.filter(([en, zh]) => en !== zh && !en.includes('%') && /[A-Za-z]{3}/.test(en)).map(([en]) => en);
  const leftovers = (text) => english.filter((en) => new RegExp(`(^|[^A-Za-z])${en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z])`).test(text));
  const check = async (where) => {
    const said = await page.evaluate(() => document.getElementById('llmcalc-results-text').textContent);
    assert.deepEqual(leftovers(said), [], `screen-reader text (${where}): ${said}`);
    const a = await page.evaluate(() => window.llmcalcApp.answer());
    for (const [k, v] of Object.entries(a.text)) assert.deepEqual(leftovers(v), [], `answer card ${k} (${where}): ${v}`);
  };
  await check('inference');
  // the lists: open each dropdown of the card (its labels are drawn), then close it with Esc
  for (const k of ['task', 'weights', 'kv']) {
    await click(page, k);
    await hold(page, 'Escape');
  }
  // the panels closed by default: precision reference, layer calculator (their headers' rects)
  await click(page, 'precision_ref');
  await click(page, 'layers');
  await click(page, 'task');
  const t = await widgetRect(page, 'task=training');
  await pressAt(page, t.x + t.w / 2, t.y + t.h / 2);
  await untilInput(page, 'task', 'training');
  await frames(page, 4);
  await check('training');
  await click(page, 'finetune');
  await hold(page, 'Escape');
  await page.screenshot({ path: path.join(out, 'access-zh-1280.png') });
  const missing = await page.evaluate(() => window.llmcalcApp.untranslated());
  assert.deepEqual(missing, [], 'strings drawn in English under 中文 for want of a translation');
  assert.deepEqual(seen.errors, []);
}));

test('中文: the core\'s notes and warnings (layout chosen, keys that do not apply, context too long, does not fit) ' +
  'are drawn in Chinese', () => inChinese('#model=qwen3-8b&gpus=2&top_k=2&seq=200000', async ({ page, seen }) => {
  const r = await page.evaluate(() => window.llmcalcApp.report());
  // the English messages of the report JSON (its public text, unchanged): a note and two warnings at least
  assert.ok(r.notes.length >= 1 && r.warnings.length >= 2, JSON.stringify([r.notes, r.warnings]));
  await page.screenshot({ path: path.join(out, 'access-zh-notes-1280.png') });
  const missing = await page.evaluate(() => window.llmcalcApp.untranslated());
  assert.deepEqual(missing, [], 'notes or warnings drawn in English under 中文 for want of a template');
  assert.deepEqual(seen.errors, []);
}));

test('中文: an error beside a field (a typed number the parser refuses, a layout the model cannot take) is drawn in ' +
  'Chinese, in the screen-reader text too', () => inChinese('#model=qwen3-8b&tp=3', async ({ page, seen }) => {
  await typeInto(page, 'seq', 'abc');
  await frames(page, 4);
  // the hook keeps the core's English (the JSON's public text); the page shows its Chinese (src/core/messages.cpp)
  const r = await page.evaluate(() => window.llmcalcApp.report());
  const english = r.errors.map((e) => `${e.key}: ${e.message}`).join(' | ');
  assert.match(english, /seq: must be a whole number: 'abc' is not a number/);
  assert.match(english, /tp: must divide the number of attention heads/);
  const said = await page.evaluate(() => document.getElementById('llmcalc-results-text').textContent);
  assert.match(said, /seq：须为整数：'abc' 不是数字。/, said);  // Chinese punctuation too
  assert.match(said, /tp：须能整除注意力头数（32）。/, said);
  assert.doesNotMatch(said, /must be|not a number|attention heads/, said);
  await page.screenshot({ path: path.join(out, 'access-zh-errors-1280.png') });
  const missing = await page.evaluate(() => window.llmcalcApp.untranslated());
  assert.deepEqual(missing, [], 'errors drawn in English under 中文 for want of a template');
  assert.deepEqual(seen.errors, []);
}));

test('phone (390 px, touch): a chart\'s tooltip wraps inside the viewport; the embed view\'s "open in llmcalc" is a ' +
  '40 px button', async () => {
  // tall enough that the charts (under the answer card and the inputs) are on screen without scrolling
  const b = await launch({ viewport: { width: 390, height: 4000 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  try {
    const { page, seen } = await open(b, '#model=llama-3.1-8b&lang=zh');
    await page.waitForFunction(() => window.llmcalcApp.charts && window.llmcalcApp.charts().rects.memory_vs_batch,
      null, { timeout: frameTimeout });
    const c = await page.evaluate(() => window.llmcalcApp.charts());
    const box = await page.evaluate(() => { const r = Module.canvas.getBoundingClientRect(); return { x: r.left, y: r.top }; });
    for (const name of ['memory_vs_batch', 'memory_vs_context']) {
      const r = c.rects[name];
      // a tap near the right edge of the plot: the tooltip would run off a phone unless it wraps and moves in
      await page.touchscreen.tap(box.x + r.x + r.w * 0.92, box.y + r.y + r.h * 0.4);
      await frames(page, 4);
      const tip = await widgetRect(page, 'tooltip');
      assert.ok(tip && tip.x >= 0 && tip.x + tip.w <= 390, `${name}: the tooltip is inside the 390 px viewport: ${JSON.stringify(tip)}`);
    }
    await page.screenshot({ path: path.join(out, 'access-phone-390-chart-tooltip.png') });
    const missing = await page.evaluate(() => window.llmcalcApp.untranslated());
    assert.deepEqual(missing, []);
    assert.deepEqual(seen.errors, []);
    const embed = await open(b, '#embed=1&model=llama-3.1-8b');
    const link = await widgetRect(embed.page, 'open_full');
    assert.ok(link && link.h >= 39.5, `"open in llmcalc" is finger-sized on touch: ${JSON.stringify(link)}`);
    assert.deepEqual(embed.seen.errors, []);
  } finally {
    await b.close();
  }
});
