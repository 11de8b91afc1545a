// End-to-end: the Results panel's charts, the WebGL2 "fits" heatmap, PNG export and the A/B compare table, in Debian's
// headless Chromium. What the charts drew is read back through window.llmcalcApp.charts() (installed by
// src/app/charts.cpp) and checked point by point against the JS API's report for the same scenario; the compare table
// (llmcalcApp.compare(), src/app/compare.cpp) against the reports of A and B. Screenshots go to tests/e2e/out/.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { root, loadApi, at } = require('../harness/common');
const { serveDist, launch, watch, pngSize } = require('../harness/browser');
const { frames, hold, typeInto } = require('../harness/input');

const out = path.join(root, 'tests', 'e2e', 'out');
const frameTimeout = 30000;
// Tall enough that the whole Results column (charts, heatmap, compare) is on screen without scrolling.
const viewport = { width: 1280, height: 2600 };
let server = null;
let browser = null;

before(async () => {
  server = await serveDist();
  browser = await launch({ viewport });
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

// Opens the app and waits until the charts hook exists and the heatmap shader has drawn.
async function openApp(hash, context = browser.context) {
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(`${server.origin}/index.html#${hash}`);
  await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.charts &&
    window.llmcalcApp.charts().heatmap_draws > 0, null, { timeout: frameTimeout });
  return { page, seen };
}

const charts = (page) => page.evaluate(() => window.llmcalcApp.charts());
const compare = (page) => page.evaluate(() => window.llmcalcApp.compare());

// A rect from a hook (canvas-relative CSS px) in page coordinates.
async function pageRect(page, r) {
  const b = await page.evaluate(() => { const c = Module.canvas.getBoundingClientRect(); return { x: c.left, y: c.top }; });
  return { x: b.x + r.x, y: b.y + r.y, w: r.w, h: r.h };
}

// A click as a person makes it, held over a few frames (ImGui 1.86 samples the button once per frame).
async function click(page, r) {
  const p = await pageRect(page, r);
  await page.mouse.move(p.x + p.w / 2, p.y + p.h / 2);
  await frames(page, 2);
  await page.mouse.down();
  await frames(page, 2);
  await page.mouse.up();
  await frames(page, 2);
}

const base = { model: 'llama-3-8b', gen: 0 };
const baseHash = 'model=llama-3-8b&gen=0';

test('each chart series is the report recomputed at that point (JS API), ending at the axis maximum', async () => {
  const api = await loadApi();
  const { page, seen } = await openApp(baseHash);
  const c = await charts(page);
  assert.equal(c.valid, true);
  const app = await page.evaluate(() => window.llmcalcApp.report());
  assert.deepEqual(app, api.report(base));

  // memory vs context: powers of two from 128 up to the model's context (Llama 3 8B: 8192), last point exact
  assert.deepEqual(c.memory_seq.x, [128, 256, 512, 1024, 2048, 4096, 8192]);
  for (const [i, seq] of c.memory_seq.x.entries()) {
    const r = api.report({ ...base, seq });
    assert.equal(c.memory_seq.total[i], r.memory.inference.total_bytes, `memory_seq at seq=${seq}`);
  }
  // the scenario's own point (seq=4096) is the headline number
  assert.equal(c.memory_seq.total[c.memory_seq.x.indexOf(4096)], app.memory.inference.total_bytes);

  // memory vs batch: 1..64, stacked parts sum to the report's total at every batch (spot-checked at ends and middle)
  assert.equal(c.memory_batch.x.length, 64);
  for (const batch of [1, 2, 17, 64]) {
    const r = api.report({ ...base, batch });
    assert.equal(c.memory_batch.total[batch - 1], r.memory.inference.total_bytes, `memory_batch at batch=${batch}`);
  }

  // throughput vs batch: aggregate tokens/s and TPOT equal the report's at batch 1 and 64
  for (const batch of [1, 64]) {
    const r = api.report({ ...base, batch });
    assert.equal(c.throughput.aggregate_tokens_per_second[batch - 1], r.inference.aggregate_tokens_per_second);
    assert.equal(c.throughput.tpot_seconds[batch - 1], r.inference.tpot_seconds);
  }
  // the sweeps ran once for this scenario: frames without input changes reuse them
  await frames(page, 5);
  assert.equal((await charts(page)).version, c.version);
  console.log(`# sweeps (64 + 64 + 7 points + 16 x 16 grid) took ${c.sweep_ms.toFixed(1)} ms in the page`);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('training: memory charts show the training parts and total, no throughput chart', async () => {
  const api = await loadApi();
  const scenario = { model: 'llama-3.2-1b', task: 'training', seq: 2048 };
  const { page, seen } = await openApp('model=llama-3.2-1b&task=training&seq=2048');
  const c = await charts(page);
  assert.deepEqual(c.throughput.x, []);
  assert.equal(c.rects.throughput_vs_batch, undefined);
  for (const batch of [1, 8, 64]) {
    const r = api.report({ ...scenario, batch });
    assert.equal(c.memory_batch.total[batch - 1], r.memory.training.total_bytes, `training memory at batch=${batch}`);
  }
  const last = c.memory_seq.x.length - 1;
  assert.equal(c.memory_seq.total[last], api.report({ ...scenario, seq: c.memory_seq.x[last] }).memory.training.total_bytes);
  await frames(page, 2);
  await page.screenshot({ path: path.join(out, 'charts-training-dpr1.png') });
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('the heatmap cells agree with the JS API: ratio = total / usable, and fits exactly when total <= usable', async () => {
  const api = await loadApi();
  const { page, seen } = await openApp(baseHash);
  const { fits } = await charts(page);
  const cols = fits.seq.length;
  assert.equal(fits.batch.length, 16);
  assert.equal(cols, 16);
  assert.equal(fits.ratio.length, 16 * 16);
  let fitting = 0;
  let checked = 0;
  for (let row = 0; row < fits.batch.length; ++row) {
    for (let col = 0; col < cols; ++col) {
      const ratio = fits.ratio[row * cols + col];
      if (ratio <= 1) ++fitting;
      // every cell next to the capacity contour, plus the four corners
      const corner = (row === 0 || row === 15) && (col === 0 || col === 15);
      const right = col + 1 < cols && (fits.ratio[row * cols + col + 1] <= 1) !== (ratio <= 1);
      const up = row + 1 < fits.batch.length && (fits.ratio[(row + 1) * cols + col] <= 1) !== (ratio <= 1);
      if (!corner && !right && !up) continue;
      const r = api.report({ ...base, batch: fits.batch[row], seq: fits.seq[col] });
      const total = r.memory.inference.total_bytes;
      assert.equal(ratio <= 1, total <= fits.usable_bytes, `fits at batch=${fits.batch[row]} seq=${fits.seq[col]}`);
      assert.ok(Math.abs(ratio - total / fits.usable_bytes) <= 1e-6 * (total / fits.usable_bytes),
        `ratio at batch=${fits.batch[row]} seq=${fits.seq[col]}: ${ratio} vs ${total / fits.usable_bytes}`);
      ++checked;
    }
  }
  // Llama 3 8B on one GPU: small batches fit, batch 1024 x 8192 tokens does not, so a contour exists.
  assert.ok(fitting > 0 && fitting < 256, `fitting cells: ${fitting}`);
  assert.ok(checked > 4, `cells checked: ${checked}`);
  const c = await charts(page);
  assert.ok(c.heatmap_draws > 0, 'the heatmap shader drew');
  assert.equal(c.shader_error, '');
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('"Save PNG" downloads the chart as a PNG of its on-screen size', async () => {
  const { page, seen } = await openApp(baseHash);
  const c = await charts(page);
  const rect = c.rects.fits_heatmap;
  const download = page.waitForEvent('download', { timeout: frameTimeout });
  await click(page, c.buttons.save_fits_heatmap);
  const d = await download;
  assert.equal(d.suggestedFilename(), 'llmcalc-fits_heatmap.png');
  const file = path.join(out, 'charts-saved-heatmap.png');
  await d.saveAs(file);
  const buf = fs.readFileSync(file);
  assert.equal(buf.subarray(1, 4).toString(), 'PNG');
  const size = pngSize(buf);
  assert.ok(Math.abs(size.width - rect.w) <= 2 && Math.abs(size.height - rect.h) <= 2,
    `PNG ${size.width}x${size.height} vs chart ${rect.w}x${rect.h}`);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('pin A, change seq by typing: the compare table shows A, B and B - A from the two reports', async () => {
  const api = await loadApi();
  const { page, seen } = await openApp(`${baseHash}&seq=2048`);
  assert.equal((await compare(page)).pinned, false);
  await click(page, (await compare(page)).buttons.pin);
  await page.waitForFunction(() => window.llmcalcApp.compare().pinned, null, { timeout: 10000 });
  await typeInto(page, 'seq', '6000');
  await page.waitForFunction(() => String(window.llmcalcApp.inputs().seq) === '6000', null, { timeout: 10000 });
  await frames(page, 2);
  const cmp = await compare(page);
  const a = api.report({ ...base, seq: 2048 });
  const b = api.report({ ...base, seq: 6000 });
  assert.ok(cmp.rows.length >= 7, JSON.stringify(cmp));
  for (const row of cmp.rows) {
    assert.equal(row.a, at(a, row.path), `A ${row.path}`);
    assert.equal(row.b, at(b, row.path), `B ${row.path}`);
    assert.equal(row.delta, row.b - row.a, `delta ${row.path}`);
    if (row.a !== 0) assert.ok(Math.abs(row.pct - 100 * (row.b - row.a) / row.a) < 1e-9, `% ${row.path}`);
  }
  // KV cache grows with the context: memory per GPU went up by exactly B - A of the report totals
  const mem = cmp.rows.find((r) => r.path === 'memory.inference.total_bytes');
  assert.equal(mem.delta, b.memory.inference.total_bytes - a.memory.inference.total_bytes);
  assert.ok(mem.delta > 0);
  await page.screenshot({ path: path.join(out, 'charts-compare-dpr1.png') });
  await click(page, cmp.buttons.unpin);
  await page.waitForFunction(() => !window.llmcalcApp.compare().pinned, null, { timeout: 10000 });
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('screenshots at devicePixelRatio 1 and 2, dark and light, with a hover crosshair', async () => {
  for (const dpr of [1, 2]) {
    const b = dpr === 1 ? browser : await launch({ viewport, deviceScaleFactor: dpr });
    try {
      for (const theme of ['dark', 'light']) {
        const { page, seen } = await openApp(`theme=${theme}&${baseHash}`, b.context);
        const c = await charts(page);
        // hover the middle of the memory-vs-batch plot: the crosshair and tooltip show
        const r = await pageRect(page, c.rects.memory_vs_batch);
        await page.mouse.move(r.x + r.w / 2, r.y + r.h * 0.4);
        await frames(page, 3);
        const file = path.join(out, `charts-${theme}-dpr${dpr}.png`);
        const png = await page.screenshot({ path: file });
        const size = pngSize(png);
        assert.equal(size.width, viewport.width * dpr);
        // the charts column alone, at full resolution, to look at
        const top = await pageRect(page, c.rects.memory_vs_context);
        const heat = await pageRect(page, c.rects.fits_heatmap);
        await page.screenshot({ path: path.join(out, `charts-area-${theme}-dpr${dpr}.png`),
          clip: { x: top.x, y: top.y, width: top.w, height: heat.y + heat.h - top.y } });
        if (theme === 'dark') {
          // the saved PNG has the device pixels of the chart: its CSS size x dpr
          const download = page.waitForEvent('download', { timeout: frameTimeout });
          await click(page, c.buttons.save_memory_vs_batch);
          const d = await download;
          const saved = path.join(out, `charts-saved-memory-dpr${dpr}.png`);
          await d.saveAs(saved);
          const s = pngSize(fs.readFileSync(saved));
          const rect = c.rects.memory_vs_batch;
          assert.ok(Math.abs(s.width - rect.w * dpr) <= 2 * dpr && Math.abs(s.height - rect.h * dpr) <= 2 * dpr,
            `dpr ${dpr}: PNG ${s.width}x${s.height} vs chart ${rect.w}x${rect.h} CSS px`);
        }
        assert.deepEqual(seen.errors, []);
        await page.close();
      }
    } finally {
      if (dpr !== 1) await b.close();
    }
  }
});
