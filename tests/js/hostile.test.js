// Issue #14 through the JS API (dist/llmcalc.js): inputs the wrapper cannot pass on faithfully, oversized config
// text, and internal failures of the core each give an LlmcalcInputError naming the key, and the API stays usable.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { loadApi, dist } = require('../harness/common');

function errorOf(fn) {
  try { fn(); } catch (e) { return e; }
  return null;
}

function assertInputError(fn, key, what) {
  const err = errorOf(fn);
  assert.ok(err, `${what}: must throw`);
  assert.equal(err.name, 'LlmcalcInputError', `${what}: ${err && err.stack}`);
  assert.ok(Array.isArray(err.errors) && err.errors.some((e) => e.key === key && e.message.length > 0),
    `${what}: an error for '${key}', got ${JSON.stringify(err.errors)}`);
  return err;
}

const llama = { model_type: 'llama', hidden_size: 4096, num_attention_heads: 32, num_hidden_layers: 32, vocab_size: 32000 };

test('inputs that are not a plain object are refused, never read as the default scenario', async () => {
  const api = await loadApi();
  const inherited = Object.create({ seq: 0 });
  for (const [what, inputs] of [['Map', new Map([['seq', 0]])], ['Date', new Date()], ['array', []],
    ['keys on the prototype', inherited], ['number', 5]]) {
    assertInputError(() => api.report(inputs), 'inputs', what);
  }
});

test('strings with a lone surrogate name their key instead of throwing URIError', async () => {
  const api = await loadApi();
  assertInputError(() => api.report({ model: 'gpt2\uD800' }), 'model', 'lone high surrogate');
  assertInputError(() => api.report({ gpu: '\uDC00h100' }), 'gpu', 'lone low surrogate');
  assertInputError(() => api.report({ config: { model_type: 'llama\uD800' } }), 'config', 'in a config object');
  assertInputError(() => api.report('#seq=1\uD800'), 'hash', 'in a hash string');
  // a well-formed pair is fine (and then an unknown model: the core's named error)
  assertInputError(() => api.report({ model: 'gpt2\uD83D\uDE00' }), 'model', 'surrogate pair');
});

test('deep, cyclic or non-JSON config objects give an error naming config', async () => {
  const api = await loadApi();
  let deep = {};
  const root = deep;
  for (let i = 0; i < 10000; i++) { deep.a = {}; deep = deep.a; }
  assertInputError(() => api.report({ config: root }), 'config', '10,000-deep object');
  const cyclic = { ...llama };
  cyclic.self = cyclic;
  assertInputError(() => api.report({ config: cyclic }), 'config', 'cyclic object');
  assertInputError(() => api.report({ config: { ...llama, rope_scaling: new Map() } }), 'config', 'a Map inside');
  assertInputError(() => api.report({ config: { ...llama, created: new Date() } }), 'config', 'a Date inside');
  assertInputError(() => api.report({ config: { ...llama, rope_theta: NaN } }), 'config', 'NaN inside');
  // a plain config object still works
  assert.equal(api.report({ config: llama }).model.num_layers, 32);
});

test('a 50 MB config is refused by size before it reaches the core; a normal report still works after it', async () => {
  const api = await loadApi();
  const big = `{"model_type":"llama","pad":"${'x'.repeat(50 * 1024 * 1024)}"}`;
  const err = assertInputError(() => api.report({ config: big }), 'config', '50 MB config text');
  assert.match(err.errors[0].message, /at most 2097152 bytes/);
  assertInputError(() => api.report({ config: { ...llama, pad: 'x'.repeat(3 << 20) } }), 'config', '3 MB config object');
  assertInputError(() => api.report(`config=${'x'.repeat(7 << 20)}`), 'hash', '7 MB hash');
  // just over the cap in multi-byte characters (UTF-8 bytes are counted, not UTF-16 units)
  const wide = JSON.stringify({ ...llama, pad: '\u00e9'.repeat(1100 * 1024) });
  assertInputError(() => api.report({ config: wide }), 'config', '2.2 MB of two-byte characters');
  assert.equal(api.report({ model: 'gpt2' }).params.total, 124439808);  // published GPT-2 count (api.test.js)
});

test('the issue\'s link: "num_hidden_layers": 1e9 in a config is a named error, at once', async () => {
  const api = await loadApi();
  const t0 = process.hrtime.bigint();
  const err = assertInputError(() => api.report({ config: { ...llama, num_hidden_layers: 1e9 } }), 'config', '1e9 layers');
  assert.match(err.errors[0].message, /'num_hidden_layers' is too large .*as for key 'layers'/);
  // not a speed target (those live in bench/run.sh): only "not minutes", as the issue measured
  assert.ok(Number(process.hrtime.bigint() - t0) / 1e9 < 5, 'answered within seconds');
});

test('a key given twice (camelCase and snake_case) is an error, not last-wins', async () => {
  const api = await loadApi();
  assertInputError(() => api.report({ kvHeads: 4, kv_heads: 8 }), 'kv_heads', 'kvHeads + kv_heads');
  assertInputError(() => api.report('seq=10&seq=20'), 'seq', 'a hash repeating seq');
});

test('deadline_days=1e-300 is a named error; a deadline needing > 1e15 GPUs saturates at a safe integer, with a warning', async () => {
  const api = await loadApi();
  assertInputError(() => api.report({ task: 'training', deadline_days: 1e-300 }), 'deadline_days', 'deadline_days 1e-300');
  // 6 x 405e9 x 1e18 FLOPs in 864 s at 0.1 % of an H100's peak: ~3e15 GPUs, capped at 1e15
  const r = api.report({ model: 'llama-3.1-405b', task: 'training', tokens: 1e18, mfu: 0.001, deadline_days: 0.01 });
  assert.ok(Number.isSafeInteger(r.time.gpus_for_deadline), `${r.time.gpus_for_deadline} is exact in JS`);
  assert.equal(r.time.gpus_for_deadline, 1e15);
  assert.ok(r.warnings.some((w) => w.includes('gpus_for_deadline is capped')));
  assertInputError(() => api.report({ gpu_mem_util: 1e-300 }), 'gpu_mem_util', 'gpu_mem_util 1e-300');
});

test('an internal failure of the core becomes an LlmcalcInputError and the core is replaced', async () => {
  // A stand-in core whose first instance aborts like an out-of-memory wasm module (RuntimeError: Aborted()).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llmcalc-core-'));
  const fake = path.join(dir, 'core.js');
  fs.writeFileSync(fake, `
    let instances = 0;
    module.exports = function () {
      const n = ++instances;
      return Promise.resolve({
        reportJson(h) { if (n === 1) throw new Error('RuntimeError: Aborted()'); return JSON.stringify({ instance: n, hash: h }); },
        normalizeHash(h) { return h; }, inputsJson() { return '{"inputs":{}}'; },
        keysJson() { return '[]'; }, modelsJson() { return '[]'; }, gpusJson() { return '[]'; },
        formatsJson() { return '[]'; }, optimizersJson() { return '[]'; }
      });
    };`);
  const llmcalc = require(path.join(dist, 'llmcalc.js'));
  const api = await llmcalc.load({ corePath: fake });
  const err = assertInputError(() => api.report({ seq: 1 }), 'inputs', 'an aborting core');
  assert.match(err.errors[0].message, /internal failure.*Aborted/);
  await api.ready();
  assert.deepEqual(api.report({ seq: 1 }), { instance: 2, hash: 'seq=1' });
});
