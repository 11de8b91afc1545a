// The JS API (dist/llmcalc.js) under node: the contract of docs/js-api.md and ../shared/INTERFACE.md, and figures
// that follow from published numbers or from the formulas' definitions (never from llmcalc's own earlier output).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('child_process');
const { cli, loadApi, at, ids } = require('../harness/common');

test('load() resolves to the API with every documented function', async () => {
  const api = await loadApi();
  for (const fn of ['report', 'toHash', 'fromHash', 'models', 'gpus', 'formats', 'keys']) {
    assert.equal(typeof api[fn], 'function', `api.${fn}`);
  }
});

test('GPT-2 has 124,439,808 parameters (published checkpoint count)', async () => {
  // ../shared/reference/published.json "gpt2": keras-hub gpt2_presets.py params for gpt2_base_en (the HF checkpoint).
  const r = (await loadApi()).report({ model: 'gpt2', seq: 1024 });
  assert.equal(r.params.total, 124439808);
});

test('Llama 3 8B has 8,030,261,248 parameters (published checkpoint count)', async () => {
  // ../shared/reference/published.json "llama-3-8b": keras-hub llama3_8b_en params=8030261248.
  const r = (await loadApi()).report({ model: 'llama-3-8b' });
  assert.equal(r.params.total, 8030261248);
});

test('KV cache per token is 2 x layers x kv_heads x head_dim x bytes', async () => {
  // The definition (one K and one V vector per layer and KV head; vLLM paper, Kwon et al. 2023, section 2.2):
  // GPT-2 bf16: 2 x 12 x 12 x 64 x 2 B = 36,864 B; Llama 3 8B (GQA, 8 KV heads) bf16: 2 x 32 x 8 x 128 x 2 B = 128 KiB.
  const api = await loadApi();
  assert.equal(api.report({ model: 'gpt2', kv: 'bf16' }).memory.kv_cache_bytes_per_token, 2 * 12 * 12 * 64 * 2);
  assert.equal(api.report({ model: 'llama-3-8b', kv: 'bf16' }).memory.kv_cache_bytes_per_token, 2 * 32 * 8 * 128 * 2);
  assert.equal(api.report({ model: 'llama-3-8b', kv: 'fp8' }).memory.kv_cache_bytes_per_token, 2 * 32 * 8 * 128 * 1);
});

test('inference KV cache holds (seq + gen) tokens for every sequence (batch x concurrency)', async () => {
  const api = await loadApi();
  for (const s of [{ batch: 1, seq: 1024, gen: 0 }, { batch: 4, seq: 2048, gen: 512 }, { batch: 2, seq: 100, gen: 28, concurrency: 3 }]) {
    const r = api.report({ model: 'gpt2', kv: 'bf16', ...s });
    const sequences = s.batch * (s.concurrency ?? 1);
    assert.equal(r.memory.inference.kv_cache_bytes, 36864 * (s.seq + s.gen) * sequences, JSON.stringify(s));
  }
});

test('fp32 weights take 4 bytes per parameter, bf16 and fp16 two', async () => {
  // Plain floating-point storage has no block scales (IEEE 754 binary32/binary16, bfloat16). Quantised formats
  // (int8, int4, GGUF) carry scales or keep some tensors wider, so they are left to the core's own tests.
  const api = await loadApi();
  for (const [weights, bytes] of [['fp32', 4], ['bf16', 2], ['fp16', 2]]) {
    const r = api.report({ model: 'gpt2', weights });
    assert.equal(r.memory.inference.weights_bytes, r.params.total * bytes, weights);
  }
});

test('reports carry every INTERFACE.md path for inference and for training', async () => {
  const api = await loadApi();
  const common = ['params.total', 'params.active', 'params.by_component', 'flops.forward_per_token',
    'flops.training_per_token', 'memory.kv_cache_bytes_per_token', 'gpus_needed', 'warnings'];
  const inference = ['weights_bytes', 'kv_cache_bytes', 'activations_bytes', 'overhead_bytes', 'total_bytes']
    .map((k) => `memory.inference.${k}`).concat(['inference.ttft_seconds', 'inference.tpot_seconds', 'inference.tokens_per_second']);
  const training = ['weights_bytes', 'gradients_bytes', 'optimizer_bytes', 'master_weights_bytes', 'activations_bytes',
    'overhead_bytes', 'total_bytes'].map((k) => `memory.training.${k}`).concat(['time.training_seconds']);
  const inf = api.report({ model: 'llama-3-8b', task: 'inference' });
  const tr = api.report({ model: 'llama-3-8b', task: 'training' });
  for (const p of [...common, ...inference]) assert.notEqual(at(inf, p), undefined, `inference report: ${p}`);
  for (const p of [...common, ...training]) assert.notEqual(at(tr, p), undefined, `training report: ${p}`);
  assert.ok(Array.isArray(inf.warnings) && Array.isArray(tr.warnings));
  assert.equal(typeof inf.params.by_component, 'object');
  for (const [name, n] of Object.entries(inf.params.by_component)) assert.ok(Number.isInteger(n), `by_component.${name}`);
  for (const p of ['params.total', 'memory.inference.total_bytes', 'flops.forward_per_token']) {
    assert.ok(Number.isInteger(at(inf, p)), `${p} is an exact integer`);
  }
});

test('bad input throws an Error whose .errors name the key', async () => {
  const api = await loadApi();
  for (const [scenario, key] of [[{ seq: 0 }, 'seq'], [{ batch: -1 }, 'batch'], [{ seq: 'abc' }, 'seq'],
    [{ model: 'no-such-model' }, 'model'], [{ gpu: 'no-such-gpu' }, 'gpu'], [{ no_such_key: 1 }, 'no_such_key']]) {
    let err = null;
    try { api.report(scenario); } catch (e) { err = e; }
    assert.ok(err instanceof Error, `${JSON.stringify(scenario)} must throw`);
    assert.ok(Array.isArray(err.errors) && err.errors.length >= 1, `${JSON.stringify(scenario)}: .errors`);
    assert.ok(err.errors.some((e) => e.key === key && typeof e.message === 'string' && e.message.length > 0),
      `${JSON.stringify(scenario)}: an error for '${key}', got ${JSON.stringify(err.errors)}`);
  }
});

test('several bad keys give one error each', async () => {
  const api = await loadApi();
  let err = null;
  try { api.report({ seq: 0, batch: 0 }); } catch (e) { err = e; }
  assert.ok(err, 'must throw');
  assert.deepEqual(err.errors.map((e) => e.key).sort(), ['batch', 'seq']);
});

test('camelCase keys mean the same as snake_case', async () => {
  const api = await loadApi();
  const snake = api.report({ model: 'gpt2', task: 'training', grad_dtype: 'fp32', master_weights: false, lora_rank: 8 });
  const camel = api.report({ model: 'gpt2', task: 'training', gradDtype: 'fp32', masterWeights: false, loraRank: 8 });
  assert.deepEqual(camel, snake);
  assert.notDeepEqual(snake, api.report({ model: 'gpt2', task: 'training' }), 'the keys change the report');
});

test('toHash writes only the keys that differ from the defaults; fromHash reads them back', async () => {
  const api = await loadApi();
  assert.equal(api.toHash({}), '');
  const hash = api.toHash({ model: 'gpt2', seq: 1024, task: 'training' });
  const pairs = hash.replace(/^#/, '').split('&').sort();
  assert.deepEqual(pairs, ['model=gpt2', 'seq=1024', 'task=training']);
  const back = api.fromHash(hash);
  assert.equal(back.model, 'gpt2');
  assert.equal(back.seq, 1024);
  assert.equal(back.task, 'training');
  assert.deepEqual(api.report(back), api.report({ model: 'gpt2', seq: 1024, task: 'training' }));
  assert.equal(api.fromHash('#seq=2048').seq, 2048, 'a leading # is accepted');
});

test('fromHash rejects a bad hash with named errors', async () => {
  const api = await loadApi();
  for (const [hash, key] of [['seq=0', 'seq'], ['nope=1', 'nope'], ['model=no-such-model', 'model']]) {
    let err = null;
    try { api.report(api.fromHash(hash)); } catch (e) { err = e; }
    assert.ok(err && Array.isArray(err.errors), `${hash} must throw with .errors`);
    assert.ok(err.errors.some((e) => e.key === key), `${hash}: error for ${key}, got ${JSON.stringify(err.errors)}`);
  }
});

test('toHash percent-encodes values so that they round-trip', async () => {
  const api = await loadApi();
  const targets = 'q,k,v,o,gate,up,down';
  assert.equal(api.fromHash(api.toHash({ task: 'training', finetune: 'lora', lora_targets: targets })).lora_targets, targets);
  // config.json text is full of characters that mean something in a hash ('&', '=', '#', '"', spaces).
  const config = JSON.stringify({ model_type: 'gpt2', n_embd: 768, n_layer: 12, n_head: 12, vocab_size: 50257,
    n_positions: 1024, note: 'a&b=c #d' }, null, 1);
  const back = api.fromHash(api.toHash({ config }));
  assert.equal(back.config, config);
});

test('models(), gpus(), formats() and keys() list what the CLI lists', async () => {
  const api = await loadApi();
  const cliList = (flag) => {
    const r = spawnSync(cli, [flag], { encoding: 'utf8' });
    assert.equal(r.status, 0, `llmcalc ${flag}: ${r.stderr}`);
    return r.stdout.trim().split('\n').map((l) => l.split('\t')[0]);
  };
  assert.deepEqual(ids(api.models()), cliList('--list-models'));
  assert.deepEqual(ids(api.gpus()), cliList('--list-gpus'));
  assert.deepEqual(ids(api.formats()), cliList('--list-formats'));
  assert.deepEqual(ids(api.keys()), cliList('--list-keys'));
  assert.ok(ids(api.models()).includes('gpt2'));
  for (const k of ['model', 'config', 'task', 'batch', 'seq', 'gen', 'weights', 'kv', 'gpu', 'gpus', 'tp', 'pp', 'dp',
    'ep', 'cp', 'sp', 'zero', 'optimizer', 'grad_dtype', 'master_weights', 'recompute', 'finetune', 'lora_rank', 'tokens',
    'mfu', 'concurrency']) {
    assert.ok(ids(api.keys()).includes(k), `INTERFACE.md key ${k}`);
  }
});

test('the embind core (api.core.reportJson) answers a hash with the same report, or with errors JSON', async () => {
  const api = await loadApi();
  assert.deepEqual(JSON.parse(api.core.reportJson('model=gpt2&seq=1024')), api.report({ model: 'gpt2', seq: 1024 }));
  const bad = JSON.parse(api.core.reportJson('seq=0'));
  assert.deepEqual(Object.keys(bad), ['errors']);
  assert.equal(bad.errors[0].key, 'seq');
});

test('{lang: "zh"}: a thrown error names the same keys with the Chinese messages the page and `llmcalc --lang zh` ' +
  'show; api.message translates a report\'s warnings; a bad lang is a named error', async () => {
  const api = await loadApi();
  const errorsOf = (fn) => { try { fn(); } catch (e) { assert.equal(e.name, 'LlmcalcInputError'); return e.errors; } assert.fail('no error'); };
  const en = errorsOf(() => api.report({ seq: 'abc', tp: 3 }));
  const zh = errorsOf(() => api.report({ seq: 'abc', tp: 3 }, { lang: 'zh' }));
  assert.deepEqual(zh.map((e) => e.key), en.map((e) => e.key));
  assert.deepEqual(zh[0], { key: 'seq', message: "须为整数：'abc' 不是数字" });
  // the CLI prints the same Chinese for the same input
  const r = spawnSync(cli, ['--seq', 'abc', '--lang', 'zh'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim(), `llmcalc: --seq: ${zh[0].message}`);
  assert.deepEqual(errorsOf(() => api.fromHash('tp=0', { lang: 'zh' })), [{ key: 'tp', message: '须在 1 到 1000000 之间，实际为 0' }]);
  assert.deepEqual(errorsOf(() => api.toHash({ gpus: 'x' }, { lang: 'en' })), errorsOf(() => api.toHash({ gpus: 'x' })));
  // the report itself keeps its English (INTERFACE.md); api.message gives each warning's Chinese
  const w = api.report({ model: 'llama-3.1-70b', gpu: 'rtx-4090' }).warnings.find((m) => m.startsWith('does not fit'));
  assert.match(api.message(w, 'zh'), /^放不下：每 GPU .* GB，超过可用的 .* GB$/);
  assert.equal(api.message(w, 'en'), w);
  assert.deepEqual(errorsOf(() => api.report({}, { lang: 'fr' })), [{ key: 'lang', message: "must be en or zh, got 'fr'" }]);
});
