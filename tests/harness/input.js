// A person's input on the ImGui canvas, for the browser tests. Dear ImGui 1.86 polls the mouse and keys once per frame,
// so every press is held across frames (a press and release inside one frame, playwright's default and likely on a
// loaded machine, would be missed); typed characters are queued by the backend and never lost.
'use strict';
const assert = require('node:assert/strict');

const frameTimeout = 30000; // software GL on 2 shared cores: leave room for a busy machine

// Waits until the app's frame counter has advanced by n, so that events were processed by whole frames.
async function frames(page, n) {
  const start = await page.evaluate(() => window.llmcalcApp.frames);
  await page.waitForFunction((s) => window.llmcalcApp.frames >= s, start + n, { timeout: frameTimeout });
}

async function hold(page, key) {
  await page.keyboard.down(key);
  await frames(page, 2);
  await page.keyboard.up(key);
  await frames(page, 2);
}

// Move, press, release at page coordinates (x, y), each held for a couple of frames.
async function pressAt(page, x, y, after = 2) {
  await page.mouse.move(x, y);
  await frames(page, 2);
  await page.mouse.down();
  await frames(page, 2);
  await page.mouse.up();
  await frames(page, after);
}

// The rect of the input widget drawn for `key` in the last frame; asserts it is on screen.
async function widgetRect(page, key) {
  const rect = await page.evaluate((k) => window.llmcalcApp.widgetRect(k), key);
  assert.ok(rect, `widgetRect('${key}') exists`);
  assert.notEqual(rect.visible, false, `the '${key}' widget is on screen: ${JSON.stringify(rect)}`);
  assert.ok(rect.w > 0 && rect.h > 0, `widgetRect('${key}') has a size: ${JSON.stringify(rect)}`);
  return rect;
}

// Clicks the middle of the widget drawn for `key`.
async function click(page, key, after = 3) {
  const r = await widgetRect(page, key);
  await pressAt(page, r.x + r.w / 2, r.y + r.h / 2, after);
}

// Clicks the text field of an input widget (the left part: ImGui puts +/- buttons right), selects all, types, Enter.
async function typeInto(page, key, text) {
  const r = await widgetRect(page, key);
  await pressAt(page, r.x + Math.min(r.w / 3, 40), r.y + r.h / 2);
  await page.keyboard.down('Control');
  await hold(page, 'a');
  await page.keyboard.up('Control');
  await page.keyboard.type(text, { delay: 20 });
  await hold(page, 'Enter');
}

// Opens `url` in a new page of `context` as a visitor does and waits until the app has drawn (its test hook with the
// answer card) and three more frames. `viewport` resizes the page first; `init` runs before the page's own scripts.
// Returns { page, seen } (seen: the page's errors, browser.watch).
async function openPage(context, url, { viewport, init } = {}) {
  const { watch } = require('./browser');
  const page = await context.newPage();
  const seen = watch(page);
  if (viewport) await page.setViewportSize(viewport);
  if (init) await page.addInitScript(init);
  await page.goto(url);
  await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.frames > 0 && window.llmcalcApp.answer,
    null, { timeout: frameTimeout });
  await frames(page, 3);
  return { page, seen };
}

// Waits until the app's applied input `key` reads `value` (llmcalcApp.inputs()).
const untilInput = (page, key, value) => page.waitForFunction(([k, v]) => String(window.llmcalcApp.inputs()[k]) === v,
  [key, String(value)], { timeout: 10000 });

module.exports = { frameTimeout, frames, hold, pressAt, widgetRect, click, typeInto, openPage, untilInput };
