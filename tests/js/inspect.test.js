// api.inspect(): model files' headers read in node (docs/js-api.md, docs/model-files.md). The files are written by
// the test-side writer (tests/harness/model_files.js); expected counts come from the shapes the test wrote and the
// ggml block definitions, or from published counts, never from llmcalc's own output. The CLI's --file must give the
// deep-equal report.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Blob, File } = require('buffer');
const { loadApi } = require('../harness/common');
const mf = require('../harness/model_files');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'llmcalc-inspect-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

// A file on disk holding `header` and `dataSize` bytes of tensor data: sparse (ftruncate), so a multi-GB file takes
// no disk space; the data reads as zeros.
function sparseFile(name, header, dataSize) {
  const file = path.join(tmp, name);
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, header, 0, header.length, 0);
  fs.ftruncateSync(fd, header.length + dataSize);
  fs.closeSync(fd);
  return file;
}

// A Blob-like file of `size` bytes whose first bytes are `header` and the rest zeros, made only for the ranges asked
// for; `reads` records every slice [start, end) that was actually read.
function virtualBlob(header, size, name) {
  const reads = [];
  const blob = {
    name, size, reads,
    slice(start = 0, end = size) {
      end = Math.min(end, size);
      const part = {
        size: end - start,
        arrayBuffer: async () => {
          reads.push([start, end]);
          const out = new Uint8Array(end - start);
          if (start < header.length) out.set(header.subarray(start, Math.min(end, header.length)), 0);
          return out.buffer;
        },
      };
      return part;
    },
  };
  return blob;
}

// A Blob-like view of a file on disk, read with positioned reads (node 20's fs.openAsBlob reports the size of a file
// over 4 GiB modulo 2^32); `reads` records every range read.
function diskBlob(file) {
  const size = fs.statSync(file).size;
  const reads = [];
  return {
    name: path.basename(file), size, reads,
    slice(start = 0, end = size) {
      end = Math.min(end, size);
      return {
        size: end - start,
        arrayBuffer: async () => {
          reads.push([start, end]);
          const out = Buffer.alloc(end - start);
          const fh = await fs.promises.open(file, 'r');
          try {
            await fh.read(out, 0, out.length, start);
          } finally {
            await fh.close();
          }
          return out.buffer.slice(out.byteOffset, out.byteOffset + out.length);
        },
      };
    },
  };
}

// `llmcalc --file <name> ...` run in the folder of the files (the report names files as given: by name, as the page
// does), --json: the parsed report.
function cliFiles(names, flags) {
  const { spawnSync } = require('child_process');
  const { cli } = require('../harness/common');
  const r = spawnSync(path.resolve(cli), [...names.flatMap((n) => ['--file', n]), ...flags, '--json'], { encoding: 'utf8', cwd: tmp });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function withData(header, dataSize) {
  return Buffer.concat([header, Buffer.alloc(dataSize)]);
}

const byDtype = (file) => Object.fromEntries(file.by_dtype.map((r) => [r.dtype, { tensors: r.tensors, params: r.params, bytes: r.bytes }]));

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected a rejection');
}

test('inspect(GGUF bytes): exact parameters and stored bytes by quant type from the header', async () => {
  const api = await loadApi();
  const g = mf.tinyLlamaGguf();
  const out = await api.inspect(withData(g.header, g.dataSize), { inputs: { seq: 1024 } });
  assert.equal(out.file.format, 'gguf');
  assert.equal(out.file.params, g.params);  // 1,197,312: the elements of the tensors written
  // bytes per type: elements / block x block bytes (ggml-common.h: block_q4_K 144 B per 256, block_q6_K 210 B per 256)
  assert.deepEqual(byDtype(out.file), g.byType);
  const total = Object.values(g.byType).reduce((n, t) => n + t.bytes, 0);
  assert.equal(out.file.bytes, total);
  assert.equal(out.file.config_from_file, true);
  assert.ok(out.report, JSON.stringify(out.errors));
  assert.equal(out.report.memory.inference.weights_bytes, total, 'weight memory = the bytes as stored');
  // KV cache per token from the file's metadata: 2 (K, V) x 2 layers x 2 KV heads x 64 x 2 bytes (bf16 KV default)
  assert.equal(out.report.memory.kv_cache_bytes_per_token, 2 * 2 * 2 * 64 * 2);
  assert.deepEqual(out.errors, []);
  assert.deepEqual(out.read, [{ name: 'file1', size: g.header.length + g.dataSize, bytes: g.header.length + g.dataSize }]);
});

test('inspect(): the CLI with --file gives the deep-equal report (GGUF, scenario inputs applied)', async () => {
  const api = await loadApi();
  const g = mf.tinyLlamaGguf();
  const file = sparseFile('tiny-Q4_K_M.gguf', g.header, g.dataSize);
  const inputs = { seq: 4096, gpu: 'rtx-4090', batch: 2 };
  const out = await api.inspect(new File([fs.readFileSync(file)], 'tiny-Q4_K_M.gguf'), { inputs });
  const cli = cliFiles([path.basename(file)], ['--seq', '4096', '--gpu', 'rtx-4090', '--batch', '2']);
  assert.deepEqual(out.report, cli);
  assert.deepEqual(out.file, cli.file);
});

test('a 5 GB GGUF (Llama 3 8B shapes, sparse file): 8,030,261,248 parameters, only the header is read', async () => {
  const api = await loadApi();
  const g = mf.llama3_8bGguf();
  const size = g.header.length + g.dataSize;
  assert.ok(size > 5e9);
  const file = sparseFile('llama-3-8b-Q4_K_M.gguf', g.header, g.dataSize);
  const progress = [];
  const blob = diskBlob(file);
  const out = await api.inspect(blob, {
    inputs: { gpu: 'rtx-4090', seq: 8192 },
    onProgress: (p) => progress.push(p),
  });
  // ../shared/reference/published.json "llama-3-8b": 8,030,261,248 (keras-hub llama3_8b_en)
  assert.equal(out.file.params, 8030261248);
  assert.deepEqual(byDtype(out.file), g.byType);
  // the header (2.5 MB of tokenizer strings) needs more than the first 1 MiB read: reads grow, within the header's
  // double, never near the file's size
  assert.ok(progress.length >= 2, JSON.stringify(progress));
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i].read > progress[i - 1].read);
  assert.ok(out.read[0].bytes >= g.header.length && out.read[0].bytes <= 2 * g.header.length, JSON.stringify(out.read));
  assert.equal(out.read[0].size, size);
  // Llama 3 8B bf16 KV: 2 x 32 layers x 8 KV heads x 128 x 2 bytes = 128 KiB per token
  assert.equal(out.report.memory.kv_cache_bytes_per_token, 131072);
  assert.equal(out.report.memory.inference.weights_bytes, out.file.bytes);
  assert.equal(blob.reads[blob.reads.length - 1][1], out.read[0].bytes);
  assert.deepEqual(out.report, cliFiles([path.basename(file)], ['--gpu', 'rtx-4090', '--seq', '8192']));
});

test('a 1 TB Blob: each byte read once, only a prefix of at most twice the header (the data part is never read)', async () => {
  const api = await loadApi();
  const g = mf.tinyLlamaGguf({ vocabTokens: 200000 });  // a 3.4 MB header (tokenizer strings)
  // a larger file than its tensors need is fine for GGUF: make it 1 TB by padding the data offset's end
  const blob = virtualBlob(g.header, 1e12, 'huge.gguf');
  const out = await api.inspect(blob);
  assert.equal(out.file.params, g.params);
  const reads = blob.reads;
  assert.ok(reads.length >= 2, JSON.stringify(reads));
  assert.equal(reads[0][0], 0);
  for (let i = 1; i < reads.length; i++) assert.equal(reads[i][0], reads[i - 1][1], 'contiguous, no byte twice');
  const end = reads[reads.length - 1][1];
  assert.ok(end >= g.header.length && end <= 2 * g.header.length, `read up to byte ${end} of a ${g.header.length}-byte header`);
  assert.equal(out.read[0].bytes, end);
});

test('two safetensors shards + index.json: exact counts; head counts from config.json, else a named error', async () => {
  const api = await loadApi();
  const st = mf.tinyLlamaSafetensors();
  const files = [
    new File([st.index.text], st.index.name),
    ...st.shards.map((s) => new File([withData(s.header, s.dataSize)], s.name)),
  ];
  const bare = await api.inspect(files);
  assert.equal(bare.file.format, 'safetensors');
  assert.equal(bare.file.params, st.params);  // 1,197,312 elements written
  assert.deepEqual(byDtype(bare.file), { BF16: { tensors: 21, params: st.params, bytes: st.bytes } });
  assert.deepEqual(bare.file.files, [st.index.name, ...st.shards.map((s) => s.name)]);
  // a safetensors header has no head counts: no report, and the error names the key to give
  assert.equal(bare.report, null);
  assert.ok(bare.errors.some((e) => e.key === 'heads'), JSON.stringify(bare.errors));
  // with config.json beside it
  const full = await api.inspect(files, { inputs: { config: mf.tinyLlamaConfig, seq: 2048 } });
  assert.ok(full.report, JSON.stringify(full.errors));
  assert.equal(full.report.memory.inference.weights_bytes, st.bytes);
  assert.equal(full.report.memory.kv_cache_bytes_per_token, 2 * 2 * 2 * 64 * 2);
  // or with the head count alone (KV heads follow from k_proj's rows)
  const heads = await api.inspect(files, { inputs: { heads: 4 } });
  assert.ok(heads.report, JSON.stringify(heads.errors));
  assert.equal(heads.report.memory.kv_cache_bytes_per_token, 2 * 2 * 2 * 64 * 2);
  // the index is read whole; each shard (1.2 MB) only its first read: 1 MiB (kFirstHeaderRead) holds its header
  assert.deepEqual(heads.read.map((r) => r.bytes), [st.index.text.length, 1 << 20, 1 << 20]);
  // the CLI, same files on disk
  const paths = [path.join(tmp, st.index.name)];
  fs.writeFileSync(paths[0], st.index.text);
  for (const s of st.shards) paths.push(sparseFile(s.name, s.header, s.dataSize));
  const cfg = path.join(tmp, 'config.json');
  fs.writeFileSync(cfg, JSON.stringify(mf.tinyLlamaConfig));
  assert.deepEqual(full.report, cliFiles(paths.map((p) => path.basename(p)), ['--config', cfg, '--seq', '2048']));
});

test('shards given as {name, data} bytes and in any order give the same file section', async () => {
  const api = await loadApi();
  const st = mf.tinyLlamaSafetensors();
  const a = await api.inspect(st.shards.map((s) => ({ name: s.name, data: new Uint8Array(withData(s.header, s.dataSize)) })));
  const b = await api.inspect(st.shards.slice().reverse().map((s) => ({ name: s.name, data: new Blob([withData(s.header, s.dataSize)]) })));
  assert.equal(a.file.params, st.params);
  assert.equal(b.file.params, st.params);
  assert.equal(a.file.bytes, b.file.bytes);
});

test('unreadable files are LlmcalcInputErrors naming key file (what, at which byte)', async () => {
  const api = await loadApi();
  const g = mf.tinyLlamaGguf();
  const cut = g.header.subarray(0, 100);
  const e1 = await rejection(api.inspect(cut));
  assert.equal(e1.name, 'LlmcalcInputError');
  assert.equal(e1.errors[0].key, 'file');
  assert.match(e1.errors[0].message, /byte \d+/);
  for (const bad of [[], 42, 'model.gguf', null, [{ data: cut }], { name: 'x' }]) {
    const e = await rejection(api.inspect(bad));
    assert.equal(e.name, 'LlmcalcInputError', String(bad));
    assert.equal(e.errors[0].key, 'file', JSON.stringify(bad));
  }
  // a GGUF and a safetensors file are not one model
  const st = mf.tinyLlamaSafetensors();
  const mixed = await rejection(api.inspect([withData(g.header, g.dataSize), withData(st.shards[0].header, st.shards[0].dataSize)]));
  assert.equal(mixed.errors[0].key, 'file');
  // a Blob that fails to read
  const broken = { name: 'gone.gguf', size: 4096, slice: () => ({ arrayBuffer: () => Promise.reject(new Error('NotReadableError')) }) };
  const e2 = await rejection(api.inspect(broken));
  assert.equal(e2.errors[0].key, 'file');
  assert.match(e2.errors[0].message, /gone\.gguf: could not be read/);
  // bad scenario inputs and options name their key
  const e3 = await rejection(api.inspect(withData(g.header, g.dataSize), { inputs: { seq: 0 } }));
  assert.equal(e3.errors[0].key, 'seq');
  const e4 = await rejection(api.inspect(withData(g.header, g.dataSize), { onProgress: 5 }));
  assert.equal(e4.errors[0].key, 'onProgress');
});
