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
