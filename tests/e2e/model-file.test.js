// End-to-end: model files on the page (issue #16). A GGUF and a two-shard safetensors set written by the test-side
// writer (tests/harness/model_files.js) are dropped on the canvas with real DataTransfer drop events, offline (the
// service worker serves the page); the file picker takes a broken file (its error beside the button), then a good one.
// Expected counts come from the shapes the test wrote and the ggml block sizes; the page's report must equal the JS
// API's api.inspect() report for the same bytes and inputs.
'use strict';
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { root, dist, loadApi } = require('../harness/common');
const { serve, launch, openPage: openApp } = require('../harness/browser');
const { frames, click, typeInto, widgetRect } = require('../harness/input');
const mf = require('../harness/model_files');

const out = path.join(root, 'tests', 'e2e', 'out');
const frameTimeout = 30000;
let browser = null;
after(async () => { if (browser) await browser.close(); });


// Drops files ({name, bytes}) on the canvas: a DataTransfer holding File objects, then dragenter/dragover/drop events.
async function dropFiles(page, files) {
  const payload = files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') }));
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name));
    }
    const canvas = document.querySelector('canvas');
    const r = canvas.getBoundingClientRect();
    const at = { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true, dataTransfer: dt };
    for (const type of ['dragenter', 'dragover', 'drop']) canvas.dispatchEvent(new DragEvent(type, at));
  }, payload);
}

const untilLoaded = (page, n) => page.waitForFunction((files) => {
  const m = window.llmcalcApp.modelFile && window.llmcalcApp.modelFile();
  const r = window.llmcalcApp.report();
  return m && m.loaded && !m.reading && r.file && r.file.files.length === files;
}, n, { timeout: frameTimeout });

const withData = (header, dataSize) => Buffer.concat([header, Buffer.alloc(dataSize)]);

test('offline: a GGUF and a two-shard safetensors set dropped on the canvas give exact counts, bytes by type and the fit', async () => {
  const own = await serve(dist);
  browser = await launch();
  const hash = 'gpu=rtx-4090&seq=8192';
  const { page, seen } = await openApp(browser.context, `${own.origin}/index.html#${hash}`);
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null,
    { timeout: 20000 });
  await own.close();
  await browser.context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.frames > 2, null, { timeout: frameTimeout });
  const api = await loadApi();

  // a GGUF (Q4_K / Q6_K / F32)
  const g = mf.tinyLlamaGguf({ name: 'tiny-gguf' });
  const gguf = withData(g.header, g.dataSize);
  await dropFiles(page, [{ name: 'tiny-Q4_K_M.gguf', bytes: gguf }]);
  await untilLoaded(page, 1);
  await frames(page, 2);
  let shown = await page.evaluate(() => window.llmcalcApp.modelFile());
  let report = await page.evaluate(() => window.llmcalcApp.report());
  assert.equal(shown.params, g.params, 'exact parameters: the elements of the tensors written');
  const total = Object.values(g.byType).reduce((n, t) => n + t.bytes, 0);
  // bytes per type: elements / block x block bytes (ggml-common.h: block_q4_K 144 B per 256, block_q6_K 210 B per 256)
  const rows = Object.fromEntries(shown.by_dtype.map((r) => [r.dtype, { params: r.params, bytes: r.bytes }]));
  for (const [type, t] of Object.entries(g.byType)) assert.deepEqual(rows[type], { params: t.params, bytes: t.bytes }, type);
  assert.equal(shown.bytes, total);
  assert.equal(report.memory.inference.weights_bytes, total, 'weight memory = the bytes as stored');
  assert.equal(report.model.name, 'tiny-gguf', 'the model is the file');
  const viaApi = await api.inspect({ name: 'tiny-Q4_K_M.gguf', data: gguf }, { inputs: hash });
  assert.deepEqual(report, viaApi.report, 'the page and the JS API give the same report');
  const answer = await page.evaluate(() => window.llmcalcApp.answer());
  assert.equal(answer.fits, true);
  assert.match(answer.text.verdict, /Fits/);
  assert.equal(answer.per_gpu_bytes, report.memory.inference.total_bytes);
  assert.match(shown.memory, /RTX 4090/);
  await page.screenshot({ path: path.join(out, 'model-file-gguf-dpr1.png') });

  // the safetensors set: config.json, the index and two shards dropped together
  const st = mf.tinyLlamaSafetensors();
  const files = [
    { name: 'config.json', bytes: Buffer.from(JSON.stringify(mf.tinyLlamaConfig)) },
    { name: st.index.name, bytes: Buffer.from(st.index.text) },
    ...st.shards.map((s) => ({ name: s.name, bytes: withData(s.header, s.dataSize) })),
  ];
  await dropFiles(page, files);
  await untilLoaded(page, 3);
  await page.waitForFunction(() => window.llmcalcApp.inputs().config !== null && !window.llmcalcApp.report().errors,
    null, { timeout: frameTimeout });
  shown = await page.evaluate(() => window.llmcalcApp.modelFile());
  report = await page.evaluate(() => window.llmcalcApp.report());
  assert.equal(shown.params, st.params);
  assert.deepEqual(shown.by_dtype.map((r) => [r.dtype, r.params, r.bytes]), [['BF16', st.params, st.bytes], ['total', st.params, st.bytes]]);
  assert.equal(report.memory.inference.weights_bytes, st.bytes);
  // KV cache from config.json's heads: 2 (K, V) x 2 layers x 2 KV heads x 64 x 2 bytes
  assert.equal(report.memory.kv_cache_bytes_per_token, 2 * 2 * 2 * 64 * 2);
  const hashNow = await page.evaluate(() => window.llmcalcApp.hash());
  const stApi = await api.inspect(files.slice(1).map((f) => ({ name: f.name, data: f.bytes })), { inputs: hashNow });
  assert.deepEqual(report, stApi.report);
  assert.deepEqual(seen.errors, []);
  await page.screenshot({ path: path.join(out, 'model-file-safetensors-dpr1.png') });
  await page.close();
});

test('the file picker: a truncated GGUF is named beside the button, a good one loads, Remove goes back to the preset', async () => {
  const own = await serve(dist);
  const b = await launch();
  try {
    const { page, seen } = await openApp(b.context, `${own.origin}/index.html#model=llama-3.1-8b`);
    const g = mf.tinyLlamaGguf();
    const pick = async (name, buffer, keyboard = false) => {
      const chooser = page.waitForEvent('filechooser', { timeout: frameTimeout });
      if (keyboard) await page.keyboard.press('Enter');
      else await click(page, 'model_file_open');
      await (await chooser).setFiles([{ name, mimeType: 'application/octet-stream', buffer }]);
    };
    // keyboard only (issue #13): the button is a Tab stop like every other control, and Enter opens the picker
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      await frames(page, 3);
      reached = await page.evaluate(() => window.llmcalcApp.focused()) === 'model_file_open';
    }
    assert.ok(reached, 'Tab reaches the Open model file button');
    await pick('cut.gguf', g.header.subarray(0, 700), true);
    await page.waitForFunction(() => window.llmcalcApp.modelFile().error, null, { timeout: frameTimeout });
    await frames(page, 2);
    const err = await page.evaluate(() => window.llmcalcApp.modelFile());
    assert.match(err.error, /^cut\.gguf: .* at byte \d+/);
    assert.equal(err.loaded, false);
    assert.ok(await page.evaluate(() => window.llmcalcApp.widgetRect('model_file_error')), 'the error is drawn');
    assert.equal((await page.evaluate(() => window.llmcalcApp.report())).model.id, 'llama-3.1-8b', 'nothing changed');

    await pick('tiny.gguf', withData(g.header, g.dataSize));
    await untilLoaded(page, 1);
    await frames(page, 2);
    assert.equal((await page.evaluate(() => window.llmcalcApp.modelFile())).params, g.params);
    assert.equal((await page.evaluate(() => window.llmcalcApp.modelFile())).error, undefined, 'the error is gone');

    await click(page, 'model_file_remove');
    await page.waitForFunction(() => !window.llmcalcApp.report().file, null, { timeout: frameTimeout });
    assert.equal((await page.evaluate(() => window.llmcalcApp.report())).params.total, 8030261248,
      'back to Llama 3.1 8B (published.json: 8,030,261,248)');
    assert.deepEqual(seen.errors, []);
    await page.close();
  } finally {
    await b.close();
    await own.close();
  }
});

// Restored from cdd7fc9 (taken out in daf344e: it timed out in untilLoaded). The cause was the page, not the test:
// while the file's scenario had errors (no head counts in a safetensors header) report() gave only {errors}, with
// no trace of the file, and the answer card and results went on showing the preset's last valid result (Llama 3.1
// 8B fits) as if it were the file's. Now report() carries the file beside the errors (as api.inspect() does) and a
// new file drops the other model's last result.
test('中文: safetensors shards without config.json ask for the head count right in the file section; typed, the ' +
  'KV cache follows from k_proj; a truncated shard is named', async () => {
  const own = await serve(dist);
  const b = await launch({ locale: 'zh-CN' });
  try {
    const { page, seen } = await openApp(b.context, `${own.origin}/index.html#gpu=rtx-4090`);
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN', null, { timeout: frameTimeout });
    const st = mf.tinyLlamaSafetensors();
    const shards = st.shards.map((s) => ({ name: s.name, bytes: withData(s.header, s.dataSize) }));
    // a shard cut inside its JSON header: the error names it, in a Chinese sentence
    await dropFiles(page, [{ name: shards[0].name, bytes: shards[0].bytes.subarray(0, 40) }]);
    await page.waitForFunction(() => window.llmcalcApp.modelFile().error, null, { timeout: frameTimeout });
    assert.match((await page.evaluate(() => window.llmcalcApp.modelFile())).error, new RegExp(`^${shards[0].name}: `));
    await widgetRect(page, 'model_file_error');

    await dropFiles(page, shards);
    await untilLoaded(page, 2);
    await frames(page, 2);
    const shown = await page.evaluate(() => window.llmcalcApp.modelFile());
    assert.equal(shown.params, st.params, 'the two shards combine: every tensor counted once');
    assert.equal(shown.missing, 'heads, kv_heads', 'a safetensors header has no head counts');
    const pending = await page.evaluate(() => window.llmcalcApp.report());
    const errors = pending.errors || [];
    assert.ok(errors.some((e) => e.key === 'heads'), `the report names the key to give: ${JSON.stringify(errors)}`);
    assert.equal(pending.file.params, st.params, 'the errors come with the file they are about');
    // the preset's last valid result (Llama 3.1 8B on the RTX 4090) is not shown in the file's place
    const card = await page.evaluate(() => window.llmcalcApp.answer());
    assert.equal(card.ok, false);
    assert.equal(card.text.verdict, undefined, `no verdict of another model: ${JSON.stringify(card.text)}`);
    // the fields sit in the file section, under the button (Dimensions further down does not draw them twice)
    const open = await widgetRect(page, 'model_file_open');
    const heads = await widgetRect(page, 'heads');
    assert.ok(heads.y > open.y && heads.y - open.y < 600, `heads field under the button: ${JSON.stringify([open, heads])}`);
    await page.screenshot({ path: path.join(out, 'model-file-missing-zh.png') });
    assert.deepEqual(await page.evaluate(() => window.llmcalcApp.untranslated()), [], 'no English left under 中文');

    // 4 heads (tinyLlamaConfig); kv_heads = k_proj rows 128 / head size 256/4 = 2
    await typeInto(page, 'heads', '4');
    await page.waitForFunction(() => !window.llmcalcApp.report().errors, null, { timeout: frameTimeout });
    const report = await page.evaluate(() => window.llmcalcApp.report());
    assert.equal(report.memory.inference.weights_bytes, st.bytes);
    // 2 (K, V) x 2 layers x 2 KV heads x 64 x 2 bytes: the shapes tinyLlamaSafetensors wrote
    assert.equal(report.memory.kv_cache_bytes_per_token, 2 * 2 * 2 * 64 * 2);
    await frames(page, 2);
    const answer = await page.evaluate(() => window.llmcalcApp.answer());
    assert.equal(answer.fits, true, 'a 2.4 MB model fits on an RTX 4090');
    const api = await loadApi();
    const viaApi = await api.inspect(shards.map((f) => ({ name: f.name, data: f.bytes })),
      { inputs: await page.evaluate(() => window.llmcalcApp.hash()) });
    assert.deepEqual(report, viaApi.report, 'the page and the JS API agree');
    await page.screenshot({ path: path.join(out, 'model-file-heads-typed-zh.png') });
    assert.deepEqual(await page.evaluate(() => window.llmcalcApp.untranslated()), []);
    assert.deepEqual(seen.errors, []);
    await page.close();
  } finally {
    await b.close();
    await own.close();
  }
});
