// Typing on the canvas as a person does (issue #13): a field applies its text only on Enter / Tab / leaving it, Esc
// restores the applied value, numbers take the forms people write ("5T"), and dropdowns search by word prefixes in
// any order with the keyboard staying inside the open list.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { serveDist, launch } = require('../harness/browser');
const { frames, hold, pressAt, widgetRect, click, openPage } = require('../harness/input');

let server = null;
let browser = null;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

// every input on screen in the wide layout
const openTall = async (hash) => (await openPage(browser.context, `${server.origin}/index.html${hash}`,
  { viewport: { width: 1400, height: 2600 } })).page;
const inputs = (page) => page.evaluate(() => window.llmcalcApp.inputs());

async function focusField(page, key) {
  const r = await widgetRect(page, key);
  await pressAt(page, r.x + Math.min(r.w / 3, 40), r.y + r.h / 2);
  await page.keyboard.down('Control');
  await hold(page, 'a');
  await page.keyboard.up('Control');
}

test('typing "5T" slowly into Tokens never applies 5; Enter applies 5 trillion', async () => {
  const page = await openTall('#model=gpt2&task=training');
  const before = await inputs(page);
  const hashBefore = await page.evaluate(() => location.hash);
  await focusField(page, 'tokens');
  await page.keyboard.type('5');
  await frames(page, 6);
  assert.equal((await inputs(page)).tokens, before.tokens, 'a pending "5" is not applied');
  assert.equal(await page.evaluate(() => location.hash), hashBefore, 'nor written to the URL');
  await page.keyboard.type('T');
  await frames(page, 6);
  assert.equal((await inputs(page)).tokens, before.tokens, 'a pending "5T" is not applied either');
  await hold(page, 'Enter');
  await page.waitForFunction(() => Number(window.llmcalcApp.inputs().tokens) === 5e12, null, { timeout: 10000 });
  assert.match(await page.evaluate(() => location.hash), /(^#|&)tokens=5000000000000(&|$)/);
  await page.close();
});

test('Esc restores the applied value; Tab commits; thousands separators and "32k" are read', async () => {
  const page = await openTall('#model=gpt2&seq=1024&gen=0');
  await focusField(page, 'seq');
  await page.keyboard.type('777');
  await frames(page, 3);
  await hold(page, 'Escape');
  await frames(page, 3);
  assert.equal(String((await inputs(page)).seq), '1024', 'Esc changed nothing');
  await focusField(page, 'seq');
  await page.keyboard.type('2,048');
  await hold(page, 'Tab');
  await page.waitForFunction(() => String(window.llmcalcApp.inputs().seq) === '2048', null, { timeout: 10000 });
  await focusField(page, 'gen');
  await page.keyboard.type('32k');
  await hold(page, 'Enter');
  await page.waitForFunction(() => String(window.llmcalcApp.inputs().gen) === '32000', null, { timeout: 10000 });
  await page.close();
});

test('dropdown search: every word is a prefix in any order, Enter picks, Esc changes nothing, keys stay in the list', async () => {
  const page = await openTall('#model=gpt2');
  await click(page, 'gpu');
  await page.keyboard.type('80 a100', { delay: 20 });
  await frames(page, 3);
  await hold(page, 'Enter');
  await page.waitForFunction(() => window.llmcalcApp.inputs().gpu === 'a100-80g', null, { timeout: 10000 });
  // Down moves the highlight: "a100" lists a100-40g, a100-80g, a100-80g-pcie (catalog order); two Downs pick the third
  await click(page, 'gpu');
  await page.keyboard.type('a100', { delay: 20 });
  await frames(page, 3);
  await hold(page, 'ArrowDown');
  await hold(page, 'ArrowDown');
  await hold(page, 'Enter');
  await page.waitForFunction(() => window.llmcalcApp.inputs().gpu === 'a100-80g-pcie', null, { timeout: 10000 });
  // Esc closes with nothing changed, and digits typed while the list is open reach no other field
  const gpus = (await inputs(page)).gpus;
  await click(page, 'gpu');
  await page.keyboard.type('h2 8', { delay: 20 });
  await hold(page, 'Escape');
  await frames(page, 4);
  const now = await inputs(page);
  assert.equal(now.gpu, 'a100-80g-pcie');
  assert.equal(now.gpus, gpus);
  // Enter on an empty list closes it without a change
  await click(page, 'model');
  await page.keyboard.type('qwen 7b', { delay: 20 });
  await hold(page, 'Enter');
  await page.waitForFunction(() => window.llmcalcApp.inputs().model === 'qwen2.5-7b', null, { timeout: 10000 });
  await click(page, 'model');
  await page.keyboard.type('zzzz', { delay: 20 });
  await hold(page, 'Enter');
  await frames(page, 3);
  await page.keyboard.type('9');
  await frames(page, 3);
  assert.equal((await inputs(page)).model, 'qwen2.5-7b');
  assert.equal((await inputs(page)).gpus, gpus);
  await page.close();
});
