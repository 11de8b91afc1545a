// Types for llmcalc.js (docs/js-api.md). Report paths follow INTERFACE.md; other helpers may add fields, so
// every object also allows extra keys.

export type InputValue = string | number | boolean | object | null | undefined;

/**
 * Scenario inputs: a plain object of INTERFACE.md keys, snake_case or camelCase (kvHeads = kv_heads).
 * null/undefined = default. Anything else (a Map, Date, array, an object with inherited keys, a non-JSON or cyclic
 * config, a string with a lone surrogate, config text over the core's size cap) throws LlmcalcInputError.
 */
export interface Inputs {
  model?: string;
  /** config.json text, or the parsed object (plain JSON only; it is JSON.stringify'd); at most 2 MiB of UTF-8 */
  config?: string | object;
  task?: 'inference' | 'training';
  batch?: number; seq?: number; gen?: number; concurrency?: number;
  weights?: string; kv?: string; gpu?: string; gpus?: number;
  tp?: number; pp?: number; dp?: number; ep?: number; cp?: number; sp?: boolean;
  zero?: 'auto' | 0 | 1 | 2 | 3; optimizer?: string;
  grad_dtype?: string; gradDtype?: string;
  master_weights?: boolean; masterWeights?: boolean;
  recompute?: 'none' | 'selective' | 'full';
  finetune?: 'full' | 'freeze' | 'lora' | 'qlora';
  lora_rank?: number; loraRank?: number;
  tokens?: number; mfu?: number;
  /** parameters only: the model known by its count (e.g. 32e9), instead of a preset; docs/answer-card.md */
  total_params?: number; totalParams?: number;
  /** parameters only, MoE: the parameters a token runs (default: all of them) */
  active_params?: number; activeParams?: number;
  [key: string]: InputValue;
}

export interface InputError { key: string; message: string; }

/** Thrown by report/toHash/fromHash on bad input. */
export interface LlmcalcInputError extends Error { name: 'LlmcalcInputError'; errors: InputError[]; }

export interface InferenceMemory {
  weights_bytes: number; kv_cache_bytes: number; activations_bytes: number; overhead_bytes: number;
  total_bytes: number; [key: string]: unknown;
}
export interface TrainingMemory {
  weights_bytes: number; gradients_bytes: number; optimizer_bytes: number; master_weights_bytes: number;
  activations_bytes: number; overhead_bytes: number; total_bytes: number; [key: string]: unknown;
}

/** The report (same JSON as `llmcalc --json`). Counts and bytes are integers; times are seconds. */
export interface Report {
  model: { id: string; name: string; [key: string]: unknown };
  params: { total: number; active: number; by_component: Record<string, number>; [key: string]: unknown };
  flops: { forward_per_token: number; training_per_token: number; [key: string]: unknown };
  memory: {
    kv_cache_bytes_per_token: number;
    inference: InferenceMemory;
    training: TrainingMemory;
    [key: string]: unknown;
  };
  gpus_needed: number;
  time: { training_seconds: number; [key: string]: unknown };
  inference: { ttft_seconds: number; tpot_seconds: number; tokens_per_second: number; [key: string]: unknown };
  warnings: string[];
  /** report paths whose 0 means "not known" (parameters only: KV cache, activations, inverse answers); else [] */
  unavailable: string[];
  [key: string]: unknown;
}

export interface ModelInfo { id: string; name: string; source: string; published_total: number; [key: string]: unknown; }
export interface GpuInfo {
  id: string; name: string; memory_bytes: number; bandwidth_bytes_per_second: number;
  peak_flops: Record<string, number>; source: string; [key: string]: unknown;
}
export interface FormatInfo { id: string; label: string; bits: number; for_weights: boolean; for_kv: boolean; [key: string]: unknown; }
export interface OptimizerInfo { id: string; name: string; state_bytes_per_param: number; [key: string]: unknown; }
export interface KeyInfo {
  key: string; kind: 'int' | 'number' | 'bool' | 'text' | 'choice'; help: string; choices: string[]; default: string;
}

/** The raw embind module (strings in, JSON strings out). */
export interface LlmcalcCore {
  reportJson(hash: string): string;
  normalizeHash(hash: string): string;
  inputsJson(hash: string): string;
  keysJson(): string; modelsJson(): string; gpusJson(): string; formatsJson(): string; optimizersJson(): string;
  /** {"max_config_bytes", "first_header_read", "max_header_bytes"}: the input limits of the core (limits.hpp, model_file.hpp) */
  limitsJson(): string;
  /** One read step of a model file's header: {"ok":true,"header_bytes":N} | {"need":N} | {"index":true} | {"errors":[..]} */
  probeHeaderJson(head: Uint8Array, fileSize: number, name: string): string;
  /** The headers of one model's files back to back, described by [{name, size, length}] -> {file, report, errors} JSON */
  inspectFilesJson(hash: string, heads: Uint8Array, filesJson: string): string;
  /** A core message in lang (src/core/messages.cpp) */
  messageIn(text: string, lang: string): string;
}

/** One row of the file's tallies: tensors, their elements (parameters) and stored bytes. */
export interface TensorTally { tensors: number; params: number; bytes: number; }

/** What a model file (or one model's files) holds, read from the headers (docs/model-files.md). */
export interface ModelFileInfo {
  format: 'gguf' | 'safetensors';
  files: string[];
  tensors: number; params: number; bytes: number; scale_bytes: number; header_bytes: number;
  architecture: string; name: string;
  /** largest first: Q4_K, Q6_K, F32, BF16, F8_E4M3, ... */
  by_dtype: Array<TensorTally & { dtype: string }>;
  /** embedding, lm_head, attention, mlp, experts, shared_experts, router, norms, vision, quant_scales, other */
  by_component: Array<TensorTally & { component: string }>;
  weights: { total: number; embeddings: number; lm_head: number; layers: number; experts: number; small: number };
  config_from_file: boolean;
  /** model dimensions the file does not give (input keys, e.g. 'heads') */
  missing: string[];
  metadata: Record<string, string>;
  notes: string[]; warnings: string[];
  [key: string]: unknown;
}

/** A file for inspect(): a Blob/File (only header slices are read), bytes, or bytes/Blob under a name. */
export type ModelFileInput = Blob | ArrayBuffer | ArrayBufferView | { name: string; data: Blob | ArrayBuffer | ArrayBufferView };

export interface InspectProgress { file: string; index: number; read: number; size: number; }

export interface InspectOptions {
  /** the scenario (GPU, context, ...) the report is computed for, as for report() */
  inputs?: Inputs | string;
  /** called after each read: `read` bytes of file `index` so far, of `size` */
  onProgress?: (p: InspectProgress) => void;
}

export interface InspectResult {
  file: ModelFileInfo;
  /** the scenario's report with the file's model and stored weights (its `file` section = `file`); null when the
   * file lacks something the scenario needs, named in `errors` (e.g. key 'heads' for safetensors without config) */
  report: Report | null;
  errors: InputError[];
  /** what was read of each file: bytes (the header, never the tensor data of a large file) of size */
  read: Array<{ name: string; size: number; bytes: number }>;
}

/** The language of a thrown LlmcalcInputError's messages (default 'en'). */
export interface LangOptions {
  lang?: 'en' | 'zh';
}

export interface LlmcalcApi {
  /** Computes the report; throws LlmcalcInputError on bad input. A string argument is read as a URL hash. */
  report(inputs?: Inputs | string, options?: LangOptions): Report;
  /** Canonical hash without '#': only keys that differ from the defaults, in key-table order. */
  toHash(inputs?: Inputs | string, options?: LangOptions): string;
  /** Typed inputs (snake_case keys) of the non-default keys in a hash ('#' optional). */
  fromHash(hash: string, options?: LangOptions): Record<string, string | number | boolean>;
  /** A note, warning or error message of the core in `lang`; the text itself when it has no template. */
  message(text: string, lang: 'en' | 'zh'): string;
  models(): ModelInfo[];
  gpus(): GpuInfo[];
  formats(): FormatInfo[];
  optimizers(): OptimizerInfo[];
  keys(): KeyInfo[];
  /**
   * Reads the headers of a GGUF file (or its splits) or safetensors files (shards, model.safetensors.index.json) and
   * resolves to exact parameters, stored bytes by dtype and the scenario's report. Rejects with LlmcalcInputError
   * (key 'file') for unreadable files. A FileList is taken as well.
   */
  inspect(files: ModelFileInput | ModelFileInput[] | ArrayLike<File>, options?: InspectOptions): Promise<InspectResult>;
  /** Resolves when the core is usable: at once, or after the restart that follows an internal failure. */
  ready(): Promise<LlmcalcApi>;
  core: LlmcalcCore;
}

export interface LoadOptions {
  /** browser: URL of llmcalc-core.js (default: beside llmcalc.js) */
  coreUrl?: string;
  /** node: module path of llmcalc-core.js (default: './llmcalc-core.js' beside llmcalc.js) */
  corePath?: string;
}

export function load(options?: LoadOptions): Promise<LlmcalcApi>;
export function toSnakeCase(key: string): string;

declare global {
  /** Present when llmcalc.js is loaded with a <script> tag. */
  const llmcalc: { load: typeof load; toSnakeCase: typeof toSnakeCase };
  /** Test hooks of the ImGui app page (dist/index.html, llmcalc-offline.html); see docs/js-api.md. */
  interface Window {
    llmcalc?: { load: typeof load; toSnakeCase: typeof toSnakeCase };
    llmcalcApp?: {
      frames: number;
      report(): Report | { errors: InputError[] };
      hash(): string;
      inputs(): Record<string, string | number | boolean | null>;
      widgetRect(key: string): { x: number; y: number; w: number; h: number; visible: boolean } | null;
      widgetKeys(): string[];
      widgetRects(): Record<string, { x: number; y: number; w: number; h: number; visible: boolean; focused: boolean }>;
    };
  }
}
