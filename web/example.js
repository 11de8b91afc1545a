// example.html's script: builds the table from the JS API with textContent (never innerHTML). A file, not inline,
// so the page runs under `script-src 'self' 'wasm-unsafe-eval'` (docs/security.md).
(async function () {
  'use strict';
  const api = await llmcalc.load();
  const $ = (id) => document.getElementById(id);

  function fill(select, items, label, selected) {
    for (const it of items) {
      const o = document.createElement('option');
      o.value = it.id;
      o.textContent = label(it);
      if (it.id === selected) o.selected = true;
      select.appendChild(o);
    }
  }
  fill($('model'), api.models(), (m) => m.name, 'llama-3.1-8b');
  fill($('gpu'), api.gpus(), (g) => g.name, 'h100-sxm');
  fill($('weights'), api.formats().filter((f) => f.for_weights), (f) => f.label, 'bf16');

  const GB = 1e9;
  const rows = [
    ['parameters', 'params.total', (v) => v.toLocaleString('en-US')],
    ['active parameters', 'params.active', (v) => v.toLocaleString('en-US')],
    ['forward FLOPs / token', 'flops.forward_per_token', (v) => v.toExponential(3)],
    ['KV cache / token', 'memory.kv_cache_bytes_per_token', (v) => v.toLocaleString('en-US') + ' B'],
    ['inference memory / GPU', 'memory.inference.total_bytes', (v) => (v / GB).toFixed(2) + ' GB'],
    ['training memory / GPU', 'memory.training.total_bytes', (v) => (v / GB).toFixed(2) + ' GB'],
    ['GPUs needed', 'gpus_needed', String],
    ['time to first token', 'inference.ttft_seconds', (v) => (v * 1e3).toFixed(1) + ' ms'],
    ['time per output token', 'inference.tpot_seconds', (v) => (v * 1e3).toFixed(2) + ' ms'],
    ['training time', 'time.training_seconds', (v) => (v / 86400).toFixed(1) + ' days'],
  ];
  const get = (obj, path) => path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);

  function update() {
    const inputs = {};
    for (const el of $('form').elements) if (el.name) inputs[el.name] = el.value;
    $('errors').textContent = '';
    const tbody = $('rows');
    try {
      const report = api.report(inputs);
      $('hash').textContent = '#' + api.toHash(inputs);
      tbody.replaceChildren();
      for (const [name, path, fmt] of rows) {
        const v = get(report, path);
        const tr = document.createElement('tr');
        for (const [text, cls] of [[name, ''], [v === undefined ? '-' : fmt(v), 'num'], [path, '']]) {
          const td = document.createElement('td');
          td.textContent = text;
          if (cls) td.className = cls;
          tr.appendChild(td);
        }
        tbody.appendChild(tr);
      }
    } catch (e) {
      $('errors').textContent = e.errors ? e.errors.map((x) => x.key + ': ' + x.message).join('\n') : String(e);
    }
  }
  $('form').addEventListener('input', update);
  update();
})();
