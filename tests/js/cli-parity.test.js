// The native CLI and the JS API are the same core: for the same scenario, `llmcalc ... --json` and api.report() must
// give deep-equal reports, and bad input must give the same named errors.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { root, loadApi, runCli, ids } = require('../harness/common');

// GPT-2 small's config.json as published on the Hugging Face hub (openai-community/gpt2), the keys that matter.
const gpt2Config = JSON.stringify({
  architectures: ['GPT2LMHeadModel'], model_type: 'gpt2', n_ctx: 1024, n_embd: 768, n_head: 12, n_layer: 12,
  n_positions: 1024, vocab_size: 50257, activation_function: 'gelu_new', layer_norm_epsilon: 1e-5,
});

const scenarios = [
  {},
  { model: 'gpt2', seq: 1024 },
  { model: 'gpt2', seq: 1024, gen: 0, batch: 8, kv: 'fp32', weights: 'fp32' },
  { model: 'llama-3-8b', seq: 8192, gen: 1024, batch: 4, weights: 'int4', kv: 'fp8', gpu: 'a100-80g' },
  { model: 'llama-3.1-8b', seq: 32768, gen: 2048, concurrency: 16, tp: 2, gpus: 2, kv: 'int8' },
  { model: 'llama-2-7b', task: 'inference', tp: 4, pp: 2, gpus: 8, weights: 'int8' },
  { model: 'llama-2-7b', task: 'training', batch: 2, seq: 4096, dp: 8, gpus: 8, zero: 3, recompute: 'selective' },
  { model: 'llama-3-8b', task: 'training', batch: 1, seq: 8192, tp: 2, pp: 2, dp: 2, gpus: 8, sp: true, zero: 1,
    recompute: 'full', optimizer: 'adamw_8bit', tokens: 3e11, mfu: 0.45 },
  { model: 'gpt2', task: 'training', optimizer: 'sgd_momentum', grad_dtype: 'fp32', master_weights: false },
  { model: 'llama-3.1-8b', task: 'training', finetune: 'lora', lora_rank: 8 },
  { model: 'llama-3.1-8b', task: 'training', finetune: 'qlora', weights: 'int4', lora_rank: 64 },
  { model: 'llama-3.1-8b', task: 'training', finetune: 'freeze' },
  { config: gpt2Config, seq: 1024 },
  { config: gpt2Config, task: 'training', batch: 4, seq: 1024 },
];

// Every config.json kept as test data, as an inference and a training scenario.
const configDir = path.join(root, 'tests', 'data', 'configs');
const configFiles = fs.existsSync(configDir) ? fs.readdirSync(configDir).filter((f) => f.endsWith('.json')).sort() : [];
for (const f of configFiles) {
  const text = fs.readFileSync(path.join(configDir, f), 'utf8');
  scenarios.push({ config: text, _name: `tests/data/configs/${f}` });
  scenarios.push({ config: text, task: 'training', _name: `tests/data/configs/${f} training` });
}

const label = (s) => s._name || JSON.stringify(s, (k, v) => (k === 'config' ? '<config.json>' : v));
const strip = (s) => Object.fromEntries(Object.entries(s).filter(([k]) => !k.startsWith('_')));

function jsOutcome(api, scenario) {
  try {
    return { report: api.report(scenario), errors: null };
  } catch (e) {
    if (!Array.isArray(e.errors)) throw e;
    return { report: null, errors: e.errors };
  }
}

// CLI stderr lines are "llmcalc: --<key>: <message>".
function cliErrors(stderr) {
  return stderr.trim().split('\n').map((line) => {
    const m = /^llmcalc: --([^:]+): (.*)$/.exec(line);
    return m ? { key: m[1], message: m[2] } : { key: '?', message: line };
  });
}

for (const s of scenarios) {
  test(`CLI --json equals api.report(): ${label(s)}`, async () => {
    const api = await loadApi();
    const scenario = strip(s);
    const cli = runCli(scenario);
    const js = jsOutcome(api, scenario);
    // Test data is valid input: both sides must produce a report, and the same one.
    assert.equal(cli.status, 0, `CLI failed: ${cli.stderr}`);
    assert.equal(js.errors, null, `JS API failed: ${JSON.stringify(js.errors)}`);
    assert.deepEqual(js.report, cli.report);
  });
}

test('every preset with default inputs: CLI and JS API agree', async () => {
  const api = await loadApi();
  const models = ids(api.models());
  assert.ok(models.length >= 1);
  for (const model of models) {
    for (const task of ['inference', 'training']) {
      const cli = runCli({ model, task });
      assert.equal(cli.status, 0, `${model} ${task}: ${cli.stderr}`);
      assert.deepEqual(api.report({ model, task }), cli.report, `${model} ${task}`);
    }
  }
});

const bad = [
  { seq: 0 },
  { batch: -1, gen: -1 },
  { seq: 'abc' },
  { model: 'no-such-model' },
  { gpu: 'no-such-gpu' },
  { weights: 'fp7' },
  { task: 'fly' },
  { mfu: 0 },
  { mfu: 1.5 },
  { zero: 4 },
  { config: '{"model_type": "llama", "hidden_size": "wide"}' },
  { config: 'not json' },
];
for (const s of bad) {
  test(`bad input gives the same named errors in CLI and JS API: ${label(s)}`, async () => {
    const api = await loadApi();
    const cli = runCli(s);
    const js = jsOutcome(api, s);
    assert.equal(cli.status, 2, 'CLI exits 2');
    assert.equal(cli.stdout, '', 'CLI prints nothing on stdout');
    assert.ok(js.errors && js.errors.length > 0, 'JS API throws with .errors');
    assert.deepEqual(js.errors.map((e) => ({ key: e.key, message: e.message })), cliErrors(cli.stderr));
  });
}
