// End-to-end: the answer card (src/app/answer.cpp) walks the three questions of issue #11 from a fresh page load,
// with real mouse clicks and typed keys on the card's own inputs: Llama 3.1 70B on 2 x RTX 4090 at 32k in Q4_K_M;
// Qwen3-8B fine-tuning with AdamW on 8 x A100 with ZeRO-2, with LoRA, with QLoRA on one 24 GB card; a 7B model
// pretrained on 1T tokens on 256 H100. The card's answer (window.llmcalcApp.answer(): the figures and the texts as
// drawn) is checked against the JS API's report for the same inputs and against independent counts.
// Screenshots go to tests/e2e/out/ (git-ignored).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { root, loadApi } = require('../harness/common');
const { serveDist, launch, watch } = require('../harness/browser');
const { frameTimeout, frames, hold, pressAt, click, typeInto, openPage, untilInput } = require('../harness/input');

const out = path.join(root, 'tests', 'e2e', 'out');
let server = null;
let browser = null;

before(async () => {
  server = await serveDist();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

// Each question starts as a new visitor would: a fresh browser profile (no saved scenario), no URL hash.
async function openApp(hash = '') {
  if (browser) await browser.close();
  browser = await launch();
  return openPage(browser.context, `${server.origin}/index.html${hash}`);
}

const answer = (page) => page.evaluate(() => window.llmcalcApp.answer());
const appReport = (page) => page.evaluate(() => window.llmcalcApp.report());
const rect = (page, key) => page.evaluate((k) => window.llmcalcApp.widgetRect(k), key);

// A searchable dropdown (model, GPU): click it, type into its search box, Enter picks the first match.
async function search(page, key, text, expect = text) {
  await click(page, key);
  await page.keyboard.type(text, { delay: 20 });
  await hold(page, 'Enter');
  await untilInput(page, key, expect);
}

// A dropdown item: click the field, then the item (widgetRect('weights=q4_k_m')); a long list is scrolled with the
// mouse wheel over its visible items until the item is in view.
async function pick(page, key, value) {
  await click(page, key);
  const item = `${key}=${value}`;
  for (let i = 0; i < 40; i++) {
    const r = await rect(page, item);
    assert.ok(r, `the open '${key}' list has '${value}'`);
    if (r.visible) {
      await pressAt(page, r.x + r.w / 2, r.y + r.h / 2);
      await untilInput(page, key, value);
      return;
    }
    const keys = await page.evaluate(() => window.llmcalcApp.widgetKeys());
    let shown = null;
    for (const k of keys.filter((k) => k.startsWith(`${key}=`))) {
      const o = await rect(page, k);
      if (o.visible) { shown = o; break; }
    }
    assert.ok(shown, `some item of the '${key}' list is on screen`);
    await page.mouse.move(shown.x + shown.w / 2, shown.y + shown.h / 2);
    await page.mouse.wheel(0, r.y > shown.y ? 100 : -100);
    await frames(page, 2);
  }
  assert.fail(`could not scroll '${value}' into view in the '${key}' list`);
}

async function type(page, key, text) {
  await typeInto(page, key, text);
  await untilInput(page, key, text);
}

// The card's figures equal the report of the same inputs, and the report equals the JS API's.
async function checkCard(page, api, scenario) {
  const a = await answer(page);
  const r = await appReport(page);
  assert.deepEqual(r, api.report(scenario), 'the page computes what the JS API computes');
  assert.equal(a.ok, true);
  const per = scenario.task === 'training' ? r.memory.training.total_bytes : r.memory.inference.total_bytes;
  assert.equal(a.per_gpu_bytes, per);
  assert.equal(Math.floor(a.usable_bytes), r.memory.gpu_usable_bytes);
  assert.equal(a.fits, per <= a.usable_bytes);
  assert.equal(a.gpus_needed, r.gpus_needed);
  assert.match(a.text.verdict, a.fits ? /^✓ Fits: / : /^✗ Does not fit: /);
  return { a, r };
}

async function shot(page, name) {
  await frames(page, 2);
  await page.screenshot({ path: path.join(out, `answer-${name}.png`) });
}

test('Q1: Llama 3.1 70B on 2 x RTX 4090 at 32k in Q4_K_M: the card says it does not fit, and why', async () => {
  const api = await loadApi();
  const { page, seen } = await openApp();
  await search(page, 'model', 'llama-3.1-70b');
  await type(page, 'seq', '32768');
  await pick(page, 'weights', 'q4_k_m');
  await search(page, 'gpu', 'rtx-4090');
  await type(page, 'gpus', '2');
  const scenario = { model: 'llama-3.1-70b', seq: 32768, weights: 'q4_k_m', gpu: 'rtx-4090', gpus: 2 };
  const { a, r } = await checkCard(page, api, scenario);
  // Independent count: Llama 3.1 70B (config.json: 80 layers, 8 KV heads, head_dim 128) holds 2 x 80 x 8 x 128 = 163,840
  // K and V values per token; in fp16 that is 327,680 bytes, for 32,768 + 512 generated tokens 10.9 GB over the pair.
  assert.equal(r.memory.kv_cache_bytes_per_token, 327680);
  // Q4_K_M (llama.cpp: 144-byte blocks of 256 weights, 4.5 bits) on ~68.4 B non-embedding weights is ~38.5 GB, plus
  // the 16-bit embedding and LM head (2 x 128,256 x 8,192 x 2 B = 4.2 GB): ~53.6 GB of weights and KV cache against
  // 2 x 24 GB: it cannot fit, whatever the overheads.
  assert.equal(a.fits, false, `verdict: ${a.text.verdict}`);
  // the two GPUs share the model (issue #11): per GPU about half of the one-GPU figure
  const one = api.report({ ...scenario, gpus: 1 });
  assert.ok(a.per_gpu_bytes < 0.6 * one.memory.inference.total_bytes, `${a.per_gpu_bytes} vs ${one.memory.inference.total_bytes}`);
  assert.ok(a.per_gpu_bytes > a.usable_bytes);
  // the why: the largest part named, and the largest context that does fit on these GPUs
  assert.match(a.text.why, /^largest part: /);
  if (r.inverse.max_seq > 0)
    assert.match(a.text.limits, new RegExp(`context ${r.inverse.max_context.toLocaleString('en-US')}\\b`));
  else
    assert.match(a.text.limits, /^Even the shortest context does not fit/);
  assert.match(a.text.gpus_needed, new RegExp(`^${r.gpus_needed}\\b`));
  // the seeds' tokens/s (seed 004: generated tokens / latency) beside 1 / TPOT, and the prompt's FLOPs
  assert.ok(Math.abs(r.inference.generated_tokens_per_second - 512 / r.inference.latency_seconds) <=
    1e-9 * r.inference.generated_tokens_per_second);
  assert.ok(r.inference.generated_tokens_per_second < r.inference.tokens_per_second);
  // (marked: the scenario does not fit, see below)
  assert.match(a.text.generated_tokens_per_second, / per request, .* total  \(if it fit\)$/);
  assert.ok(a.text.prompt_flops.length > 0);
  // it does not fit: the speeds are what it would do if it fit, and the card says so (issue #11), each greyed and
  // marked; the prompt's FLOPs are a count, not a speed, and stay unmarked
  assert.match(a.text.if_fit, /^It does not fit: the speeds and times below are what it would do if it fit\.$/);
  for (const k of ['tokens_per_second', 'aggregate_tokens_per_second', 'generated_tokens_per_second', 'ttft', 'tpot'])
    assert.match(a.text[k], /\(if it fit\)$/, k);
  assert.doesNotMatch(a.text.prompt_flops, /if it fit/);
  await shot(page, 'q1-1280');
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('Q2: Qwen3-8B full fine-tuning with AdamW on 8 x A100 with ZeRO-2, then LoRA, then QLoRA on one 24 GB card',
  async () => {
    const api = await loadApi();
    const { page, seen } = await openApp();
    await search(page, 'model', 'qwen3-8b');
    await pick(page, 'task', 'training');
    await search(page, 'gpu', 'a100-80g', 'a100-80g');
    await type(page, 'gpus', '8');
    await type(page, 'zero', '2');
    const full = await checkCard(page, api, { model: 'qwen3-8b', task: 'training', gpu: 'a100-80g', gpus: 8, zero: 2 });
    await shot(page, 'q2-full');

    await pick(page, 'finetune', 'lora');
    const lora = await checkCard(page, api,
      { model: 'qwen3-8b', task: 'training', gpu: 'a100-80g', gpus: 8, zero: 2, finetune: 'lora' });
    assert.equal(lora.a.fits, true);
    // ZeRO-2 over data parallelism 8 (Rajbhandari et al. 2020): 2 + (2 + 12) / 8 bytes per parameter of model
    // states, ~31 GB for 8.19 B parameters, plus activations: it fits an 80 GB A100 (issue #11: 153 GB before)
    assert.equal(full.a.fits, true, `full AdamW, ZeRO-2 over 8 GPUs: ${full.a.text.verdict}`);
    assert.ok(lora.a.per_gpu_bytes < full.a.per_gpu_bytes, 'LoRA needs less memory than full fine-tuning');
    // the inverse answers of training, on the card: the longest sequence and the largest micro-batch that fit at this
    // layout (inverse_training; report_test brackets them with the per-GPU total)
    const inv = lora.r.inverse_training;
    assert.ok(inv.max_seq > 4096 && inv.max_micro_batch >= 1, JSON.stringify(inv));
    assert.equal(lora.a.text.limits, `Largest that fits at this layout: sequence ${inv.max_seq.toLocaleString('en-US')}, ` +
      `micro-batch ${inv.max_micro_batch.toLocaleString('en-US')}`);

    await pick(page, 'finetune', 'qlora');
    await search(page, 'gpu', 'rtx-4090');
    await type(page, 'gpus', '1');
    const qs = { model: 'qwen3-8b', task: 'training', gpu: 'rtx-4090', gpus: 1, zero: 2, finetune: 'qlora' };
    const q = await checkCard(page, api, qs);
    // QLoRA as the fine-tuning stacks run it (issue #11): gradient checkpointing on (PEFT's
    // prepare_model_for_kbit_training defaults to use_gradient_checkpointing=True; LLaMA-Factory keeps it on), the
    // frozen base in NF4 (4 bits + double-quantization constants, Dettmers et al. 2023 Sec. 3) whatever Weights says:
    // under one byte per parameter for the ~8.2 B parameters (BF16 would be ~16.4 GB).
    assert.equal(q.a.recompute, 'full');
    assert.ok(q.r.memory.training.weights_bytes < q.r.params.total, `${q.r.memory.training.weights_bytes} B of weights`);
    assert.equal(q.a.fits, true, `QLoRA Qwen3-8B on one RTX 4090: ${q.a.text.verdict}`);
    assert.match(q.a.text.assumptions, /NF4/);
    assert.match(q.a.text.assumptions, /Recompute: full/);
    // the Weights field names the base QLoRA stores (NF4) and the chosen BF16 as the adapters' (issue #11)
    assert.equal(q.a.text.weights_field, 'NF4 base · BF16 adapters');
    assert.equal(full.a.text.weights_field, 'bf16', 'full fine-tuning: Weights is what was picked');
    // tokens=auto: a fine-tune trains on a dataset, not a 1T-token corpus (issue #11: "25.3 years"). Stanford Alpaca
    // (tatsu-lab/stanford_alpaca README: 52,002 examples, 3 epochs, max length 512): 52,002 x 512 x 3 tokens.
    assert.equal(q.r.time.training_tokens, 52002 * 512 * 3);
    assert.match(q.a.text.assumptions, /Tokens: 79,875,072 \(auto: Stanford Alpaca's fine-tuning/);
    assert.ok(q.r.time.training_seconds < 7 * 86400, `${q.r.time.training_seconds} s`);
    assert.doesNotMatch(q.a.text.training_time, /years|if it fit/);
    assert.equal(full.r.time.training_tokens, 1e12, 'finetune=full keeps the pre-training default');
    await shot(page, 'q2-qlora');
    // turning gradient checkpointing off (recompute = none, picked with the mouse) gives the old "does not fit":
    // the 4k-token activations of 36 layers alone are over 20 GB
    await pick(page, 'recompute', 'none');
    const off = await checkCard(page, api, { ...qs, recompute: 'none' });
    assert.equal(off.a.fits, false, off.a.text.verdict);
    assert.ok(off.r.memory.training.activations_bytes > 20e9);
    assert.deepEqual(seen.errors, []);
    await page.close();
  });

test('Q3: a 7B model pretrained on 1T tokens on 256 H100: training time, GPU-hours and cost on the card', async () => {
  const api = await loadApi();
  const { page, seen } = await openApp();
  await search(page, 'model', 'llama-2-7b');
  await pick(page, 'task', 'training');
  await search(page, 'gpu', 'h100-sxm');
  await type(page, 'gpus', '256');
  await type(page, 'tokens', '1000000000000');
  const { a, r } = await checkCard(page, api,
    { model: 'llama-2-7b', task: 'training', gpu: 'h100-sxm', gpus: 256, tokens: 1e12 });
  // Kaplan et al. 2020: C ~ 6 N D. 6 x 6.74e9 x 1e12 FLOPs over 256 GPUs at 989.5 TFLOPS (H100 SXM dense BF16
  // datasheet) and 40% MFU is 4.0e5 s; the executed FLOPs add attention, so the report may be somewhat above it.
  const kaplan = 6 * r.params.total * 1e12 / (256 * 989.5e12 * 0.4);
  assert.ok(r.time.training_seconds >= kaplan * 0.99 && r.time.training_seconds <= kaplan * 1.3,
    `${r.time.training_seconds} s vs 6ND ${kaplan} s`);
  assert.ok(a.text.training_time.length > 0 && a.text.gpu_hours.length > 0 && a.text.cost.startsWith('$'));
  assert.equal(a.gpus_for_deadline, 0, 'no deadline set: no GPUs-for-the-deadline figure');
  assert.equal(a.text.gpus_for_deadline, undefined);
  // the inverse question, typed into the card: how many H100 finish it in 30 days
  await type(page, 'deadline_days', '30');
  const d = await checkCard(page, api,
    { model: 'llama-2-7b', task: 'training', gpu: 'h100-sxm', gpus: 256, tokens: 1e12, deadline_days: 30 });
  assert.equal(d.a.gpus_for_deadline, d.r.time.gpus_for_deadline);
  // 6ND over 30 days at 989.5 TFLOPS x 40% is 39.4 GPUs; the executed FLOPs add attention (as above, at most 1.3x)
  const kaplanGpus = 6 * r.params.total * 1e12 / (30 * 86400 * 989.5e12 * 0.4);
  assert.ok(d.r.time.gpus_for_deadline >= kaplanGpus && d.r.time.gpus_for_deadline <= Math.ceil(kaplanGpus * 1.3),
    `${d.r.time.gpus_for_deadline} GPUs vs 6ND ${kaplanGpus}`);
  // zero=auto, the default: the lowest ZeRO stage that fits. Plain data parallelism (stage 0) holds 16 bytes per
  // parameter on every GPU, 108 GB of model states alone for 6.74 B parameters (Rajbhandari et al. 2020 Sec. 3), over
  // an 80 GB H100; stage 1 shards the optimizer states and master copy (12 bytes per parameter) over the 256 ranks,
  // as Megatron-LM's distributed optimizer does: the first answer fits, and the card names the stage it assumed.
  assert.equal(d.a.fits, true, d.a.text.verdict);
  assert.equal(d.r.memory.training.zero, 1);
  assert.equal(d.a.text.if_fit, undefined);
  assert.match(d.a.text.assumptions, /ZeRO: stage 1 \(auto/);
  assert.match(d.a.text.gpus_for_deadline, new RegExp(`^${d.r.time.gpus_for_deadline} × .* to finish in 30 days$`));
  // ZeRO 0 picked on the card: it does not fit, the card says so and marks the time as what it would be if it fit
  await type(page, 'zero', '0');
  const z = await checkCard(page, api,
    { model: 'llama-2-7b', task: 'training', gpu: 'h100-sxm', gpus: 256, tokens: 1e12, deadline_days: 30, zero: 0 });
  assert.equal(z.a.fits, false, z.a.text.verdict);
  assert.match(z.a.text.if_fit, /^It does not fit/);
  assert.match(z.a.text.gpus_for_deadline,
    new RegExp(`^${z.r.time.gpus_for_deadline} × .* to finish in 30 days  \\(if it fit\\)$`));
  assert.match(z.a.text.training_time, /\(if it fit\)$/);
  assert.equal(z.r.time.training_seconds, d.r.time.training_seconds, 'ZeRO changes memory, not the FLOPs');
  // the ranked parallel layouts are on the first screen with no click (issue #11), the core's own search for the
  // same inputs (layout_search=true), fastest first; every one fits
  const searched = api.report({ model: 'llama-2-7b', task: 'training', gpu: 'h100-sxm', gpus: 256, tokens: 1e12,
    deadline_days: 30, zero: 1, layout_search: true }).layout.best;
  assert.ok(searched.length > 0);
  assert.deepEqual(z.a.layouts.map((l) => [l.tp, l.pp, l.dp, l.ep, l.zero, l.micro_batch, l.recompute, l.total_bytes]),
    searched.map((l) => [l.tp, l.pp, l.dp, l.ep, l.zero, l.micro_batch, l.recompute, l.memory.total_bytes]));
  for (const l of z.a.layouts) assert.ok(l.total_bytes <= z.a.usable_bytes);
  for (let i = 1; i < z.a.layouts.length; i++) assert.ok(z.a.layouts[i].step_seconds >= z.a.layouts[i - 1].step_seconds);
  const table = await rect(page, 'layouts');
  assert.ok(table && table.visible && table.y < 800, `layout table on the first screen: ${JSON.stringify(table)}`);
  await shot(page, 'q3-1280');
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('parameters only: "32B at BF16 on RTX 4090" from the Preset list, typed as a person would', async () => {
  const api = await loadApi();
  const { page, seen } = await openApp();
  // the first item of the Preset list starts from the current model's count (Llama 3.1 8B: 8,030,261,248)
  await click(page, 'model');
  await page.keyboard.type('parameters only', { delay: 20 });
  await hold(page, 'Enter');
  await untilInput(page, 'total_params', '8030261248');
  await typeInto(page, 'total_params', '32B');  // stored as the count it means
  await untilInput(page, 'total_params', '32000000000');
  await search(page, 'gpu', 'rtx-4090');
  const scenario = { total_params: 32e9, gpu: 'rtx-4090' };
  const { a, r } = await checkCard(page, api, scenario);
  // Independent count: 32e9 weights x 2 bytes (BF16) = 64 GB against one RTX 4090's 24,564 MiB (nvidia-smi): no fit,
  // and ceil(64e9 / 25,757,220,864) = 3 GPUs with the weights divided evenly
  assert.equal(r.memory.inference.weights_bytes, 64e9);
  assert.equal(a.fits, false);
  assert.equal(a.gpus_needed, Math.ceil(64e9 / (24564 * 1024 * 1024)));
  assert.match(a.text.scenario, /^Parameters only  ·  /);
  // what needs the dimensions is said, not shown as 0
  assert.match(a.text.limits, /need the model's dimensions/);
  assert.ok(r.unavailable.includes('memory.inference.kv_cache_bytes'));
  // three GPUs: the weights spread over them, and it fits
  await type(page, 'gpus', '3');
  const three = await checkCard(page, api, { ...scenario, gpus: 3 });
  assert.equal(three.a.fits, true, three.a.text.verdict);
  assert.equal(three.r.parallel.basis, 'even_split');
  await shot(page, 'params-only-1280');
  // a preset picked from the same list leaves the mode
  await search(page, 'model', 'qwen3-32b');
  await page.waitForFunction(() => window.llmcalcApp.inputs().total_params == null, null, { timeout: 10000 });
  const back = await answer(page);
  assert.doesNotMatch(back.text.limits, /need the model's dimensions/);
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('the card at phone width and in Chinese: answer first, nothing clipped', async () => {
  for (const [name, opts, hash] of [['390-en', { viewport: { width: 390, height: 844 } }, '#model=llama-3.1-70b&gpus=2'],
    ['390-zh', { viewport: { width: 390, height: 844 } }, '#lang=zh&model=llama-3.1-70b&gpus=2'],
    ['1280-zh', {}, '#lang=zh&model=qwen3-8b&task=training&gpus=8&zero=2']]) {
    const b = await launch(opts);
    try {
      const page = await b.context.newPage();
      const seen = watch(page);
      await page.goto(`${server.origin}/index.html${hash}`);
      await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.answer, null, { timeout: frameTimeout });
      if (name.endsWith('zh'))
        await page.waitForFunction(() => document.documentElement.lang === 'zh-CN', null, { timeout: frameTimeout });
      await frames(page, 4);
      const a = await answer(page);
      assert.equal(a.ok, true);
      // the card's inputs come first: the model field is on screen at the top
      const m = await rect(page, 'model');
      assert.ok(m && m.visible && m.y < 200, `model field on top: ${JSON.stringify(m)}`);
      await page.screenshot({ path: path.join(out, `answer-${name}.png`) });
      assert.deepEqual(seen.errors, []);
    } finally {
      await b.close();
    }
  }
});

test('embed (#embed=1): the answer card only, within 640 x 480 and phone width, with the link to the full page',
  async () => {
    for (const [name, viewport] of [['640x480', { width: 640, height: 480 }], ['390', { width: 390, height: 844 }]]) {
      const b = await launch({ viewport });
      try {
        const page = await b.context.newPage();
        const seen = watch(page);
        await page.goto(`${server.origin}/index.html#embed=1&model=llama-3.1-70b&gpu=rtx-4090&gpus=2&weights=q4_k_m`);
        await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.answer, null, { timeout: frameTimeout });
        await frames(page, 4);
        const a = await answer(page);
        assert.equal(a.ok, true);
        const keys = await page.evaluate(() => window.llmcalcApp.widgetKeys());
        // the card's inputs and the link, nothing of the full page (no panels, no export buttons, no compare)
        for (const k of ['open_full', 'model', 'seq', 'weights', 'kv', 'gpu', 'gpus']) assert.ok(keys.includes(k), k);
        for (const k of ['layers', 'export_csv', 'tp', 'precision_ref']) assert.ok(!keys.includes(k), `no '${k}' in embed`);
        // every widget of the card lies within the frame's width
        for (const k of ['open_full', 'model', 'seq', 'gpus']) {
          const r = await rect(page, k);
          assert.ok(r.x >= 0 && r.x + r.w <= viewport.width, `${k} inside ${viewport.width} px: ${JSON.stringify(r)}`);
        }
        await page.screenshot({ path: path.join(out, `answer-embed-${name}.png`) });
        assert.deepEqual(seen.errors, []);
      } finally {
        await b.close();
      }
    }
  });

test('compare beside the card: the differing inputs first, A kept in the link and across reloads; Copy link confirms',
  async () => {
    const b = await launch();
    try {
      await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
      const page = await b.context.newPage();
      const seen = watch(page);
      await page.goto(`${server.origin}/index.html#model=gpt2&seq=1024`);
      await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.compare, null, { timeout: frameTimeout });
      await frames(page, 3);
      const compare = () => page.evaluate(() => window.llmcalcApp.compare());
      // the pin button sits in the top row, beside the card (same band as the model field)
      const off = await page.evaluate(() => { const c = Module.canvas.getBoundingClientRect(); return { x: c.left, y: c.top }; });
      const p0 = (await compare()).buttons.pin;  // canvas-relative
      const pin = { x: p0.x + off.x, y: p0.y + off.y, w: p0.w, h: p0.h };
      const model = await rect(page, 'model');
      assert.ok(pin.x > model.x + model.w && pin.y < model.y + 3 * model.h, `pin beside the card: ${JSON.stringify(pin)}`);
      await pressAt(page, pin.x + pin.w / 2, pin.y + pin.h / 2);
      await page.waitForFunction(() => window.llmcalcApp.compare().pinned, null, { timeout: 10000 });
      await type(page, 'seq', '2048');
      const c = await compare();
      assert.deepEqual(c.differs, [{ key: 'seq', a: '1024', b: '2048' }]);
      // large numbers carry thousands separators (issue #11: tokens/s read "85648"): GPT-2 on one H100 makes
      // thousands of tokens/s; the card's figure is the report's, grouped (3 significant digits)
      const card = await answer(page);
      const tps = (await appReport(page)).inference.aggregate_tokens_per_second;
      assert.ok(tps >= 1000, `${tps}`);
      assert.match(card.text.aggregate_tokens_per_second, /^\d{1,3}(,\d{3})+$/);
      assert.ok(Math.abs(Number(card.text.aggregate_tokens_per_second.replace(/,/g, '')) - tps) <= 0.005 * tps);
      assert.ok(c.rows.length > 0);
      await page.waitForFunction(() => /(^#|&)compare=model%3Dgpt2%26seq%3D1024(&|$)/.test(location.hash), null,
        { timeout: 10000 });
      await shot(page, 'compare');
      // Copy link: the clipboard holds the page's URL (with A), and the button says so
      await click(page, 'copy_link');
      await page.waitForFunction(async () => (await navigator.clipboard.readText()) === location.href, null,
        { timeout: 10000 });
      // a reload keeps A (from the URL) ...
      await page.reload();
      await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.compare, null, { timeout: frameTimeout });
      await frames(page, 3);
      let again = await compare();
      assert.equal(again.pinned, true);
      assert.equal(again.pinned_hash, 'model=gpt2&seq=1024');
      assert.deepEqual(again.differs, [{ key: 'seq', a: '1024', b: '2048' }]);
      // ... and so does a visit without a hash (from localStorage)
      await page.goto(`${server.origin}/index.html`);
      await page.reload();
      await page.waitForFunction(() => window.llmcalcApp && window.llmcalcApp.compare, null, { timeout: frameTimeout });
      await frames(page, 3);
      again = await compare();
      assert.equal(again.pinned, true);
      assert.equal(again.pinned_hash, 'model=gpt2&seq=1024');
      assert.deepEqual(seen.errors, []);
    } finally {
      await b.close();
    }
  });
