// Test-side writers of GGUF and safetensors files for the node and browser tests, written from the format
// descriptions (GGUF: ggml-org/ggml docs/gguf.md; safetensors: huggingface/safetensors README "Format"), independent
// of the parsers under test (the same layouts as tests/unit/model_file_writer.hpp).
'use strict';

// GGUF metadata value types (gguf.md, enum gguf_metadata_value_type) and the ggml tensor types used here
// (ggml.h enum ggml_type) with their blocks (ggml-common.h: block_q4_K 144 bytes per 256 weights, block_q6_K 210 per
// 256, block_q8_0 34 per 32; F32 4 bytes, F16 2 bytes per weight).
const T = { U32: 4, I32: 5, F32: 6, BOOL: 7, STRING: 8, ARRAY: 9, U64: 10 };
const GGML = {
  F32: { id: 0, block: 1, bytes: 4 },
  F16: { id: 1, block: 1, bytes: 2 },
  Q8_0: { id: 8, block: 32, bytes: 34 },
  Q4_K: { id: 12, block: 256, bytes: 144 },
  Q6_K: { id: 14, block: 256, bytes: 210 },
};

class Bytes {
  constructor() { this.parts = []; this.length = 0; }
  push(buf) { this.parts.push(buf); this.length += buf.length; }
  u32(v) { const b = Buffer.alloc(4); b.writeUInt32LE(v); this.push(b); }
  u64(v) { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(v)); this.push(b); }
  f32(v) { const b = Buffer.alloc(4); b.writeFloatLE(v); this.push(b); }
  str(s) { const b = Buffer.from(s, 'utf8'); this.u64(b.length); this.push(b); }
  concat() { return Buffer.concat(this.parts, this.length); }
}

class GgufWriter {
  constructor() { this.kv = new Bytes(); this.ti = new Bytes(); this.nKv = 0; this.nTensors = 0; this.data = 0; }
  key(k, type) { this.kv.str(k); this.kv.u32(type); this.nKv++; }
  u32(k, v) { this.key(k, T.U32); this.kv.u32(v); return this; }
  f32(k, v) { this.key(k, T.F32); this.kv.f32(v); return this; }
  str(k, v) { this.key(k, T.STRING); this.kv.str(v); return this; }
  strs(k, list) {
    this.key(k, T.ARRAY);
    this.kv.u32(T.STRING);
    this.kv.u64(list.length);
    const bufs = list.map((s) => Buffer.from(s, 'utf8'));
    const out = Buffer.alloc(bufs.reduce((n, b) => n + 8 + b.length, 0));
    let at = 0;
    for (const b of bufs) {
      out.writeBigUInt64LE(BigInt(b.length), at);
      b.copy(out, at + 8);
      at += 8 + b.length;
    }
    this.kv.push(out);
    return this;
  }
  // A tensor of ggml type `type` (a GGML entry) with dimensions ne (ne[0] first); its data laid out aligned to 32.
  tensor(name, ne, type) {
    const elements = ne.reduce((a, b) => a * b, 1);
    const bytes = (elements / type.block) * type.bytes;
    this.ti.str(name);
    this.ti.u32(ne.length);
    for (const d of ne) this.ti.u64(d);
    this.ti.u32(type.id);
    this.ti.u64(this.data);
    this.data += Math.ceil(bytes / 32) * 32;
    this.nTensors++;
    return { elements, bytes };
  }
  // Everything before the tensor data, padded to 32 (gguf.md: general.alignment, default 32).
  header(version = 3) {
    const out = new Bytes();
    out.push(Buffer.from('GGUF'));
    out.u32(version);
    out.u64(this.nTensors);
    out.u64(this.nKv);
    out.push(this.kv.concat());
    out.push(this.ti.concat());
    const pad = (32 - (out.length % 32)) % 32;
    out.push(Buffer.alloc(pad));
    return out.concat();
  }
  dataSize() { return this.data; }
}

class SafetensorsWriter {
  constructor() { this.entries = {}; this.end = 0; this.meta = null; }
  // bytes per element of the dtypes used here (safetensors Dtype: BF16/F16 2, F32 4, F8_E4M3 1)
  tensor(name, dtype, shape) {
    const size = { BF16: 2, F16: 2, F32: 4, F8_E4M3: 1 }[dtype];
    const elements = shape.reduce((a, b) => a * b, 1);
    this.entries[name] = { dtype, shape, data_offsets: [this.end, this.end + elements * size] };
    this.end += elements * size;
    return { elements, bytes: elements * size };
  }
  header() {
    const obj = this.meta ? { __metadata__: this.meta, ...this.entries } : this.entries;
    const json = Buffer.from(JSON.stringify(obj), 'utf8');
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(json.length));
    return Buffer.concat([len, json]);
  }
  dataSize() { return this.end; }
}

// A Llama-style model with llama.cpp's tensor names (gguf-py constants.py MODEL_TENSORS[LLAMA]) in a Q4_K_M-like mix:
// Q4_K, and Q6_K for attn_v, ffn_down and output; norms F32. d = {layers, hidden, ffn, heads, kvHeads, vocab,
// vocabTokens (strings in tokenizer.ggml.tokens: a large vocabulary makes the header larger than the first read)}.
// Returns {header, dataSize, params, byType: {Q4_K: {tensors, params, bytes}, ...}} counted here from the shapes.
function llamaGguf(d) {
  const w = new GgufWriter();
  w.str('general.architecture', 'llama').str('general.name', d.name || 'tiny');
  w.u32('general.alignment', 32);
  w.u32('llama.block_count', d.layers).u32('llama.embedding_length', d.hidden).u32('llama.feed_forward_length', d.ffn);
  w.u32('llama.attention.head_count', d.heads).u32('llama.attention.head_count_kv', d.kvHeads);
  w.u32('llama.context_length', d.context || 8192);
  w.f32('llama.attention.layer_norm_rms_epsilon', 1e-5);
  w.strs('tokenizer.ggml.tokens', Array.from({ length: d.vocabTokens || d.vocab }, (_, i) => 'token-' + i));
  const byType = {};
  let params = 0;
  const add = (name, ne, typeName) => {
    const t = w.tensor(name, ne, GGML[typeName]);
    params += t.elements;
    byType[typeName] = byType[typeName] || { tensors: 0, params: 0, bytes: 0 };
    byType[typeName].tensors++;
    byType[typeName].params += t.elements;
    byType[typeName].bytes += t.bytes;
  };
  const h = d.hidden;
  const kv = (h / d.heads) * d.kvHeads;
  add('token_embd.weight', [h, d.vocab], 'Q4_K');
  for (let i = 0; i < d.layers; i++) {
    const b = `blk.${i}.`;
    add(b + 'attn_norm.weight', [h], 'F32');
    add(b + 'attn_q.weight', [h, h], 'Q4_K');
    add(b + 'attn_k.weight', [h, kv], 'Q4_K');
    add(b + 'attn_v.weight', [h, kv], 'Q6_K');
    add(b + 'attn_output.weight', [h, h], 'Q4_K');
    add(b + 'ffn_norm.weight', [h], 'F32');
    add(b + 'ffn_gate.weight', [h, d.ffn], 'Q4_K');
    add(b + 'ffn_up.weight', [h, d.ffn], 'Q4_K');
    add(b + 'ffn_down.weight', [d.ffn, h], 'Q6_K');
  }
  add('output_norm.weight', [h], 'F32');
  add('output.weight', [h, d.vocab], 'Q6_K');
  return { header: w.header(), dataSize: w.dataSize(), params, byType };
}

// Two layers, 4 heads / 2 KV heads of 64, gated MLP 512, vocabulary 32: a header of about 2 KB.
const tinyLlamaGguf = (extra = {}) =>
  llamaGguf({ layers: 2, hidden: 256, ffn: 512, heads: 4, kvHeads: 2, vocab: 32, ...extra });

// Llama 3 8B's shapes (meta-llama/Meta-Llama-3-8B config.json: 32 layers, hidden 4096, MLP 14336, 32 heads, 8 KV
// heads, vocabulary 128256, untied): a 4.9 GB Q4_K_M-like file whose header (128256 tokenizer strings) is ~2.3 MB.
const llama3_8bGguf = () =>
  llamaGguf({ layers: 32, hidden: 4096, ffn: 14336, heads: 32, kvHeads: 8, vocab: 128256, name: 'llama-3-8b-shaped' });

// The same model as a two-shard BF16 safetensors checkpoint with Hugging Face names (LlamaForCausalLM), and its
// model.safetensors.index.json. Returns {shards: [{name, header, dataSize}], index: {name, text}, params, bytes}.
function tinyLlamaSafetensors() {
  const shards = [new SafetensorsWriter(), new SafetensorsWriter()];
  const weightMap = {};
  let params = 0;
  let bytes = 0;
  const names = ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors'];
  const add = (s, name, shape) => {
    const t = shards[s].tensor(name, 'BF16', shape);
    weightMap[name] = names[s];
    params += t.elements;
    bytes += t.bytes;
  };
  add(0, 'model.embed_tokens.weight', [32, 256]);
  for (let i = 0; i < 2; i++) {
    const p = `model.layers.${i}.`;
    add(i, p + 'input_layernorm.weight', [256]);
    add(i, p + 'self_attn.q_proj.weight', [256, 256]);
    add(i, p + 'self_attn.k_proj.weight', [128, 256]);
    add(i, p + 'self_attn.v_proj.weight', [128, 256]);
    add(i, p + 'self_attn.o_proj.weight', [256, 256]);
    add(i, p + 'post_attention_layernorm.weight', [256]);
    add(i, p + 'mlp.gate_proj.weight', [512, 256]);
    add(i, p + 'mlp.up_proj.weight', [512, 256]);
    add(i, p + 'mlp.down_proj.weight', [256, 512]);
  }
  add(1, 'model.norm.weight', [256]);
  add(1, 'lm_head.weight', [32, 256]);
  shards[0].meta = { format: 'pt' };
  shards[1].meta = { format: 'pt' };
  const index = { metadata: { total_size: bytes }, weight_map: weightMap };
  return {
    shards: shards.map((s, i) => ({ name: names[i], header: s.header(), dataSize: s.dataSize() })),
    index: { name: 'model.safetensors.index.json', text: JSON.stringify(index, null, 2) },
    params,
    bytes,
  };
}

// The config.json of that model (Hugging Face LlamaConfig keys).
const tinyLlamaConfig = {
  architectures: ['LlamaForCausalLM'], model_type: 'llama', vocab_size: 32, hidden_size: 256, intermediate_size: 512,
  num_hidden_layers: 2, num_attention_heads: 4, num_key_value_heads: 2, max_position_embeddings: 8192,
  rms_norm_eps: 1e-5, tie_word_embeddings: false, torch_dtype: 'bfloat16',
};

module.exports = { GGML, GgufWriter, SafetensorsWriter, llamaGguf, tinyLlamaGguf, llama3_8bGguf, tinyLlamaSafetensors, tinyLlamaConfig };
